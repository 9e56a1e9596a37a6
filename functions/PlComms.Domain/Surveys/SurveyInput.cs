using PlComms.Contacts;

namespace PlComms.Surveys;

/// <summary>When a survey's waves go out: a baseline and a cadence in weeks (optionally a number of waves), or explicit dates.</summary>
public sealed record SurveyScheduleInput(DateTimeOffset? Baseline, int? CadenceWeeks, int? Waves, IReadOnlyList<DateTimeOffset>? Dates);

public sealed record ReminderInput(int? AfterDays, int? Count);

/// <summary>A survey as the officer posts it. Everything but the segment and the schedule has a default.</summary>
public sealed record SurveyInput(
    string? Name,
    SegmentInput? Segment,
    IReadOnlyList<string?>? Questions,
    IReadOnlyList<string?>? Languages,
    SurveyScheduleInput? Schedule,
    int? WindowDays,
    ReminderInput? Reminders,
    int? ThrottleDays,
    string? VisionId);
