using System.Globalization;
using Microsoft.Extensions.Primitives;
using PlComms.Contacts;
using PlComms.Shared;

namespace PlComms.Surveys.Pages;

/// <summary>
/// The "new survey" form as posted: what the officer typed, kept to show it again beside its errors, and turned into
/// the same <see cref="SurveyInput"/> the API reads from JSON. Only the page's own parsing (a number that is not a
/// number, a date that is not a date) is checked here; every rule of a survey is <see cref="SurveyValidator"/>'s.
/// </summary>
public sealed class SurveyForm
{
    public const string Cadence = "cadence";
    public const string Dates = "dates";

    public Audience Audience { get; set; } = Audience.Parents;
    public string Name { get; set; } = "";
    public string Schools { get; set; } = "";
    public string Grades { get; set; } = "";
    public string SegmentLanguages { get; set; } = "";
    public string Headline { get; set; } = "";
    public List<string> Questions { get; set; } = [];
    public List<string> Languages { get; set; } = ["en", "es"];
    public string ScheduleKind { get; set; } = Cadence;
    public string Baseline { get; set; } = "";
    public string CadenceWeeks { get; set; } = "6";
    public string Waves { get; set; } = "";
    public string DateList { get; set; } = "";
    public string WindowDays { get; set; } = SurveyValidator.DefaultWindowDays.ToString(CultureInfo.InvariantCulture);
    public string ReminderAfterDays { get; set; } = SurveyValidator.DefaultReminderAfterDays.ToString(CultureInfo.InvariantCulture);
    public string ReminderCount { get; set; } = SurveyValidator.DefaultReminderCount.ToString(CultureInfo.InvariantCulture);
    public string ThrottleDays { get; set; } = SurveyValidator.DefaultThrottleDays.ToString(CultureInfo.InvariantCulture);
    public string VisionId { get; set; } = "";

    /// <summary>A blank form for an audience: every question of the bank, its first agree/disagree question as the headline.</summary>
    public static SurveyForm For(Audience audience, DateTimeOffset now)
    {
        var questions = QuestionBank.For(audience);
        return new SurveyForm
        {
            Audience = audience,
            Headline = questions.FirstOrDefault(q => q.CanBeHeadline)?.Id ?? "",
            Questions = [.. questions.Select(q => q.Id)],
            Baseline = PageFormat.LocalInput(now.AddDays(1).Date),
        };
    }

    public static SurveyForm Read(IFormCollection form, Audience audience) => new()
    {
        Audience = audience,
        Name = Text(form, "Name"),
        Schools = Text(form, "Schools"),
        Grades = Text(form, "Grades"),
        SegmentLanguages = Text(form, "SegmentLanguages"),
        Headline = Text(form, "Headline"),
        Questions = Values(form["Questions"]),
        Languages = Values(form["Languages"]),
        ScheduleKind = Text(form, "ScheduleKind") == Dates ? Dates : Cadence,
        Baseline = Text(form, "Baseline"),
        CadenceWeeks = Text(form, "CadenceWeeks"),
        Waves = Text(form, "Waves"),
        DateList = Text(form, "DateList"),
        WindowDays = Text(form, "WindowDays"),
        ReminderAfterDays = Text(form, "ReminderAfterDays"),
        ReminderCount = Text(form, "ReminderCount"),
        ThrottleDays = Text(form, "ThrottleDays"),
        VisionId = Text(form, "VisionId"),
    };

    /// <summary>
    /// The survey as the API would receive it, or the fields the page could not read (keyed like the validator's).
    /// The headline goes first, then the other ticked questions in bank order.
    /// </summary>
    public (SurveyInput? Input, Dictionary<string, string[]> Errors) ToInput(Func<string, string> text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        int? Int(string field, string value)
        {
            if (value.Length == 0) return null;
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
            errors[field] = [text("surveys.form.notnumber")];
            return null;
        }
        DateTimeOffset? At(string field, string value)
        {
            if (value.Length == 0) return null;
            if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
                return new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc));
            errors[field] = [text("surveys.form.notdate")];
            return null;
        }

        var role = Audience == Audience.Teachers ? "teacher" : "parent";
        var segment = new SegmentInput(role, List(Schools), List(Grades), List(SegmentLanguages));
        var questions = new List<string?>();
        if (Headline.Length > 0) questions.Add(Headline);
        var bankOrder = QuestionBank.All.Select(q => q.Id).ToList();
        questions.AddRange(Questions.Where(q => q != Headline).Distinct().OrderBy(q => bankOrder.IndexOf(q) is var i and >= 0 ? i : int.MaxValue));

        SurveyScheduleInput schedule;
        if (ScheduleKind == Dates)
        {
            var dates = new List<DateTimeOffset>();
            var lines = DateList.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < lines.Length; i++)
            {
                if (At($"schedule.dates[{i}]", lines[i]) is { } at) dates.Add(at);
            }
            schedule = new SurveyScheduleInput(null, null, null, dates);
        }
        else
        {
            schedule = new SurveyScheduleInput(At("schedule.baseline", Baseline), Int("schedule.cadenceWeeks", CadenceWeeks), Int("schedule.waves", Waves), null);
        }
        var input = new SurveyInput(
            Name.Length == 0 ? null : Name,
            segment,
            questions,
            Languages.Cast<string?>().ToList(),
            schedule,
            Int("windowDays", WindowDays),
            new ReminderInput(Int("reminders.afterDays", ReminderAfterDays), Int("reminders.count", ReminderCount)),
            Int("throttleDays", ThrottleDays),
            VisionId.Length == 0 ? null : VisionId);
        return (errors.Count == 0 ? input : null, errors);
    }

    /// <summary>The control an error of the validator's (or the page's) belongs beside.</summary>
    public static string ControlFor(string field) => field switch
    {
        "name" => "name",
        "segment" or "segment.role" => "audience",
        _ when field.StartsWith("segment.schools", StringComparison.Ordinal) => "schools",
        _ when field.StartsWith("segment.grades", StringComparison.Ordinal) => "grades",
        _ when field.StartsWith("segment.languages", StringComparison.Ordinal) => "segment-languages",
        "questions[0]" => "headline",
        _ when field.StartsWith("questions", StringComparison.Ordinal) => "questions",
        _ when field.StartsWith("languages", StringComparison.Ordinal) => "languages",
        "schedule.baseline" => "baseline",
        "schedule.cadenceWeeks" => "cadence-weeks",
        "schedule.waves" => "waves",
        _ when field.StartsWith("schedule.dates", StringComparison.Ordinal) => "dates",
        _ when field.StartsWith("schedule", StringComparison.Ordinal) => "schedule",
        "windowDays" => "window-days",
        "reminders.afterDays" or "reminders" => "reminder-after",
        "reminders.count" => "reminder-count",
        "throttleDays" => "throttle-days",
        "visionId" => "vision",
        _ => "",
    };

    private static string Text(IFormCollection form, string key) => form[key].ToString().Trim();

    private static List<string> Values(StringValues values) => [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim())];

    /// <summary>A comma-separated filter; empty means "no filter" (null), as in the API.</summary>
    private static List<string?>? List(string value)
    {
        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length == 0 ? null : [.. items];
    }
}
