using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Messages;
using PlComms.Shared;

namespace PlComms.Surveys;

public sealed record QuestionDocument(string Id, Audience Audience, QuestionKind Kind, string Topic, LocalizedText Text, IReadOnlyList<QuestionOption>? Options);

public sealed record QuestionBankDocument(IReadOnlyList<ScaleDocument> Scale, IReadOnlyList<QuestionDocument> Questions);

public sealed record ScaleDocument(int Value, LocalizedText Label, bool Favorable);

/// <summary>A wave and where its sends stand: the invitation (its send id is the wave id) and the reminders queued so far.</summary>
public sealed record WaveDocument(
    int Index,
    string WaveId,
    WaveStatus Status,
    DateTimeOffset DueAt,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    string? Note,
    CampaignStatus? SendStatus,
    int? Planned,
    IReadOnlyList<string> ReminderSendIds);

public sealed record SurveyDocument(
    string Id,
    string Name,
    SurveyStatus Status,
    Audience Audience,
    Segment Segment,
    IReadOnlyList<string> Questions,
    IReadOnlyList<Language> Languages,
    SurveySchedule Schedule,
    int WindowDays,
    ReminderPolicy Reminders,
    int ThrottleDays,
    string? VisionId,
    DateTimeOffset? NextWaveDueAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<WaveDocument>? Waves)
{
    public static SurveyDocument From(StoredSurvey s, IReadOnlyList<WaveDocument>? waves = null)
    {
        var d = s.Definition;
        return new(s.Id, d.Name, s.Status, d.Audience, d.Segment, d.QuestionIds, d.Languages, d.Schedule, d.WindowDays, d.Reminders, d.ThrottleDays,
            d.VisionId, s.Status == SurveyStatus.Completed ? null : d.Schedule.DueAt(s.NextWave), s.CreatedAt, s.UpdatedAt, waves);
    }
}

public sealed record SurveyList(IReadOnlyList<SurveyDocument> Items, string? ContinuationToken);
