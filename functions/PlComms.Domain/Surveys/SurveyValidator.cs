using PlComms.Contacts;
using PlComms.Messages;
using PlComms.Shared;

namespace PlComms.Surveys;

public static class SurveyValidator
{
    public const int NameLength = 200;
    public const int MaxQuestions = 10;

    /// <summary>The most entries the languages list may have (each language counts once).</summary>
    public const int MaxLanguages = 10;
    public const int MaxWaves = 52;
    public const int MaxCadenceWeeks = 52;
    public const int MaxWindowDays = 60;
    public const int MaxReminderAfterDays = 30;
    public const int MaxThrottleDays = 90;
    public const int DefaultWindowDays = 14;
    public const int DefaultReminderAfterDays = 4;
    public const int DefaultReminderCount = 2;
    public const int DefaultThrottleDays = 7;

    /// <summary>A baseline or date this far in the past still counts as "now" (a clock a little behind the server's).</summary>
    public static readonly TimeSpan PastTolerance = TimeSpan.FromDays(1);

    public static readonly TimeSpan MaxLead = TimeSpan.FromDays(366);

    public static ValidationResult<SurveyDefinition> Validate(SurveyInput input, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var name = errors.OptionalText("name", input.Name, NameLength);
        var segment = SegmentValidator.Validate(input.Segment, errors, "segment.");
        if (segment is not null && segment.Role is not (ContactRole.Parent or ContactRole.Teacher))
        {
            errors.Add("segment.role", "Pulse surveys go to parents or teachers: use role 'parent' or 'teacher'.");
            segment = null;
        }
        var audience = segment?.Role == ContactRole.Teacher ? Audience.Teachers : Audience.Parents;
        var questions = segment is null ? null : Questions(input.Questions, audience, errors);
        var languages = Languages(input.Languages, errors);
        var windowDays = Range(errors, "windowDays", input.WindowDays ?? DefaultWindowDays, 1, MaxWindowDays);
        var schedule = Schedule(input.Schedule, windowDays, now, errors);
        var reminders = Reminders(input.Reminders, windowDays, errors);
        var throttle = Range(errors, "throttleDays", input.ThrottleDays ?? DefaultThrottleDays, 0, MaxThrottleDays);
        var visionId = errors.OptionalText("visionId", input.VisionId, 64);

        if (segment is null || questions is null || languages is null || schedule is null || reminders is null || windowDays is null || throttle is null)
            return errors.ToResult<SurveyDefinition>(null);
        var defaultName = audience == Audience.Teachers ? "Pulse survey of teachers" : "Pulse survey of families";
        return errors.ToResult(new SurveyDefinition(name ?? defaultName, segment, questions, languages, schedule, windowDays.Value, reminders, throttle.Value, visionId));
    }

    private static List<string>? Questions(IReadOnlyList<string?>? ids, Audience audience, ValidationErrors errors)
    {
        if (ids is null) return QuestionBank.DefaultQuestionIds(audience).Take(MaxQuestions).ToList();
        if (ids.Count == 0)
        {
            errors.Add("questions", "Give at least one question; the first is the one the email shows.");
            return null;
        }
        if (!errors.MaxItems("questions", ids, MaxQuestions)) return null;
        var result = new List<string>();
        var ok = true;
        for (var i = 0; i < ids.Count; i++)
        {
            var question = QuestionBank.Find(ids[i]?.Trim());
            if (question is null)
            {
                errors.Add($"questions[{i}]", $"'{ids[i]}' is not in the question bank (GET /api/survey-questions lists it).");
                ok = false;
            }
            else if (question.Audience != audience)
            {
                errors.Add($"questions[{i}]", $"'{question.Id}' is a question for {WireName<Audience>.Of(question.Audience)}, not {WireName<Audience>.Of(audience)}.");
                ok = false;
            }
            else if (result.Contains(question.Id))
            {
                errors.Add($"questions[{i}]", $"'{question.Id}' is listed twice.");
                ok = false;
            }
            else if (i == 0 && !question.CanBeHeadline)
            {
                errors.Add("questions[0]", "The first question heads the email with five answer buttons, so it must be an agree/disagree question.");
                ok = false;
            }
            else result.Add(question.Id);
        }
        return ok ? result : null;
    }

    private static List<Language>? Languages(IReadOnlyList<string?>? values, ValidationErrors errors)
    {
        if (values is null) return [.. Enum.GetValues<Language>()];
        if (values.Count == 0)
        {
            errors.Add("languages", $"Give at least one language: {string.Join(", ", WireName<Language>.All)}.");
            return null;
        }
        if (!errors.MaxItems("languages", values, MaxLanguages)) return null;
        var result = new List<Language>();
        var ok = true;
        for (var i = 0; i < values.Count; i++)
        {
            if (errors.OneOf<Language>($"languages[{i}]", values[i]) is not { } language) ok = false;
            else if (!result.Contains(language)) result.Add(language);
        }
        return ok ? result : null;
    }

    private static SurveySchedule? Schedule(SurveyScheduleInput? input, int? windowDays, DateTimeOffset now, ValidationErrors errors)
    {
        if (input is null)
        {
            errors.Add("schedule", "A schedule is required: a baseline and a cadence in weeks, or explicit dates.");
            return null;
        }
        var window = TimeSpan.FromDays(windowDays ?? DefaultWindowDays);
        if (input.Dates is { } dates)
        {
            if (input.Baseline is not null || input.CadenceWeeks is not null || input.Waves is not null)
            {
                errors.Add("schedule", "Give either dates, or a baseline with a cadence in weeks, not both.");
                return null;
            }
            if (dates.Count == 0) errors.Add("schedule.dates", "Give at least one date.");
            if (!errors.MaxItems("schedule.dates", dates, MaxWaves) || dates.Count == 0) return null;
            var ok = true;
            for (var i = 0; i < dates.Count; i++)
            {
                if (!InRange(errors, $"schedule.dates[{i}]", dates[i], now)) ok = false;
                else if (i > 0 && dates[i] < dates[i - 1] + window)
                {
                    errors.Add($"schedule.dates[{i}]", $"Waves may not overlap: this date must be at least the window ({window.TotalDays:0} days) after the one before.");
                    ok = false;
                }
            }
            return ok ? new SurveySchedule([.. dates], null, null, null) : null;
        }
        if (input.Baseline is not { } baseline)
        {
            errors.Add("schedule.baseline", "Give the baseline (the first wave's date and time), or explicit dates.");
            return null;
        }
        var cadence = Range(errors, "schedule.cadenceWeeks", input.CadenceWeeks, 1, MaxCadenceWeeks, required: true);
        var waves = input.Waves is { } w ? Range(errors, "schedule.waves", w, 1, MaxWaves) : null;
        var baselineOk = InRange(errors, "schedule.baseline", baseline, now);
        if (cadence is { } c && TimeSpan.FromDays(7 * c) < window)
        {
            errors.Add("windowDays", $"Waves may not overlap: the window ({window.TotalDays:0} days) must fit in the cadence ({c} week(s)).");
            return null;
        }
        return cadence is null || !baselineOk || (input.Waves is not null && waves is null) ? null : new SurveySchedule(null, baseline, cadence, waves);
    }

    private static ReminderPolicy? Reminders(ReminderInput? input, int? windowDays, ValidationErrors errors)
    {
        var after = Range(errors, "reminders.afterDays", input?.AfterDays ?? DefaultReminderAfterDays, 1, MaxReminderAfterDays);
        var count = Range(errors, "reminders.count", input?.Count ?? DefaultReminderCount, 0, ReminderPolicy.MaxCount);
        if (after is null || count is null) return null;
        if (windowDays is { } window && count > 0 && after.Value * count.Value >= window)
        {
            errors.Add("reminders", $"Every reminder must go out while the wave is open: {count} reminder(s) {after} days apart need a window of more than {after * count} days; it is {window}.");
            return null;
        }
        return new ReminderPolicy(after.Value, count.Value);
    }

    private static bool InRange(ValidationErrors errors, string field, DateTimeOffset at, DateTimeOffset now)
    {
        if (at < now - PastTolerance)
        {
            errors.Add(field, "Must not be in the past.");
            return false;
        }
        if (at > now + MaxLead)
        {
            errors.Add(field, "Must be within a year from now.");
            return false;
        }
        return true;
    }

    private static int? Range(ValidationErrors errors, string field, int? value, int min, int max, bool required = false)
    {
        if (value is null)
        {
            if (required) errors.Add(field, "This field is required.");
            return null;
        }
        if (value < min || value > max)
        {
            errors.Add(field, $"Must be between {min} and {max}; it is {value}.");
            return null;
        }
        return value;
    }
}
