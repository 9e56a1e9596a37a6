using System.Text.Json.Serialization;
using PlComms.Contacts;
using PlComms.Messages;
using PlComms.Shared;

namespace PlComms.Surveys;

/// <summary>
/// When waves are due. Explicit <see cref="Dates"/>, or <see cref="Baseline"/> every <see cref="CadenceWeeks"/> weeks,
/// for <see cref="Waves"/> waves or, when that is null, until the survey is paused.
/// </summary>
public sealed record SurveySchedule(IReadOnlyList<DateTimeOffset>? Dates, DateTimeOffset? Baseline, int? CadenceWeeks, int? Waves)
{
    /// <summary>The due time of wave <paramref name="index"/> (0 is the baseline), or null when the schedule has no such wave.</summary>
    public DateTimeOffset? DueAt(int index)
    {
        if (index < 0) return null;
        if (Dates is { } dates) return index < dates.Count ? dates[index] : null;
        if (Waves is { } waves && index >= waves) return null;
        return Baseline!.Value.AddDays(7.0 * CadenceWeeks!.Value * index);
    }

    [JsonIgnore]
    public bool IsFinite => Dates is not null || Waves is not null;
}

/// <summary>Non-respondents are reminded <see cref="AfterDays"/> days after the wave opens, and again as often (at most twice).</summary>
public sealed record ReminderPolicy(int AfterDays, int Count)
{
    public const int MaxCount = 2;

    /// <summary>When reminder <paramref name="number"/> (1-based) of a wave opened at <paramref name="opensAt"/> is due.</summary>
    public DateTimeOffset DueAt(DateTimeOffset opensAt, int number) => opensAt.AddDays((double)AfterDays * number);
}

/// <summary>A validated survey: who, what, in which languages, when, and the reminder and throttle policy.</summary>
public sealed record SurveyDefinition(
    string Name,
    Segment Segment,
    IReadOnlyList<string> QuestionIds,
    IReadOnlyList<Language> Languages,
    SurveySchedule Schedule,
    int WindowDays,
    ReminderPolicy Reminders,
    int ThrottleDays,
    string? VisionId)
{
    [JsonIgnore]
    public Audience Audience => Segment.Role == ContactRole.Teacher ? Audience.Teachers : Audience.Parents;

    [JsonIgnore]
    public IReadOnlyList<SurveyQuestion> Questions => QuestionIds.Select(id => QuestionBank.Find(id)!).ToList();

    /// <summary>The question the email shows with its five answer buttons.</summary>
    [JsonIgnore]
    public SurveyQuestion Headline => QuestionBank.Find(QuestionIds[0])!;

    public DateTimeOffset ClosesAt(DateTimeOffset opensAt) => opensAt.AddDays(WindowDays);

    [JsonIgnore]
    public TimeSpan Throttle => TimeSpan.FromDays(ThrottleDays);
}
