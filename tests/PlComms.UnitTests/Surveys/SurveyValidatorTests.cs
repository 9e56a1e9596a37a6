using PlComms.Contacts;
using PlComms.Messages;
using PlComms.Surveys;

namespace PlComms.UnitTests.Surveys;

public sealed class SurveyValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    private static SurveyInput Input(
        string? role = "parent", IReadOnlyList<string?>? questions = null, IReadOnlyList<string?>? languages = null,
        SurveyScheduleInput? schedule = null, int? windowDays = null, ReminderInput? reminders = null, int? throttleDays = null) =>
        new("Pulse", new SegmentInput(role, ["lincoln-elementary"], null, null), questions, languages,
            schedule ?? new SurveyScheduleInput(Now, 6, 4, null), windowDays, reminders, throttleDays, null);

    [Fact]
    public void A_minimal_parent_survey_gets_the_whole_parent_bank_both_languages_and_the_default_policy()
    {
        var result = SurveyValidator.Validate(Input(), Now);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        var d = result.Value!;
        Assert.Equal(QuestionBank.DefaultQuestionIds(PlComms.Shared.Audience.Parents), d.QuestionIds);
        Assert.Equal([Language.En, Language.Es], d.Languages);
        Assert.Equal(14, d.WindowDays);
        Assert.Equal(new ReminderPolicy(4, 2), d.Reminders);
        Assert.Equal(7, d.ThrottleDays);
        Assert.Equal("parent-awareness", d.Headline.Id);
    }

    [Fact]
    public void The_cadence_schedule_gives_the_baseline_then_every_n_weeks_for_the_number_of_waves()
    {
        var d = SurveyValidator.Validate(Input(), Now).Value!;
        Assert.Equal(Now, d.Schedule.DueAt(0));
        Assert.Equal(Now.AddDays(42), d.Schedule.DueAt(1));
        Assert.Equal(Now.AddDays(126), d.Schedule.DueAt(3));
        Assert.Null(d.Schedule.DueAt(4));
        Assert.True(d.Schedule.IsFinite);
    }

    [Fact]
    public void Without_a_number_of_waves_the_cadence_runs_until_paused()
    {
        var d = SurveyValidator.Validate(Input(schedule: new SurveyScheduleInput(Now, 4, null, null)), Now).Value!;
        Assert.Equal(Now.AddDays(28 * 40), d.Schedule.DueAt(40));
        Assert.False(d.Schedule.IsFinite);
    }

    [Fact]
    public void Explicit_dates_are_the_waves()
    {
        var dates = new[] { Now, Now.AddDays(30), Now.AddDays(90) };
        var d = SurveyValidator.Validate(Input(schedule: new SurveyScheduleInput(null, null, null, dates)), Now).Value!;
        Assert.Equal(dates, Enumerable.Range(0, 3).Select(i => d.Schedule.DueAt(i)!.Value));
        Assert.Null(d.Schedule.DueAt(3));
    }

    [Fact]
    public void Reminders_fall_after_n_days_and_again_after_n_more()
    {
        var policy = new ReminderPolicy(4, 2);
        Assert.Equal(Now.AddDays(4), policy.DueAt(Now, 1));
        Assert.Equal(Now.AddDays(8), policy.DueAt(Now, 2));
    }

    public static TheoryData<string, SurveyInput> BadInputs() => new()
    {
        { "segment.role", Input(role: "staff") },
        { "segment.role", Input(role: "principal") },
        { "questions[0]", Input(questions: ["parent-comment", "parent-awareness"]) },
        { "questions[1]", Input(questions: ["parent-awareness", "teacher-fit"]) },
        { "questions[1]", Input(questions: ["parent-awareness", "parent-awareness"]) },
        { "questions[0]", Input(questions: ["no-such-question"]) },
        { "questions", Input(questions: []) },
        { "questions", Input(questions: Enumerable.Repeat<string?>("parent-awareness", 11).ToList()) },
        { "languages[0]", Input(languages: ["fr"]) },
        { "languages", Input(languages: []) },
        { "schedule.cadenceWeeks", Input(schedule: new SurveyScheduleInput(Now, 0, null, null)) },
        { "schedule.cadenceWeeks", Input(schedule: new SurveyScheduleInput(Now, null, null, null)) },
        { "schedule.waves", Input(schedule: new SurveyScheduleInput(Now, 6, 53, null)) },
        { "schedule.baseline", Input(schedule: new SurveyScheduleInput(Now.AddDays(-3), 6, null, null)) },
        { "schedule.baseline", Input(schedule: new SurveyScheduleInput(Now.AddYears(2), 6, null, null)) },
        { "schedule.baseline", Input(schedule: new SurveyScheduleInput(null, 6, null, null)) },
        { "schedule", Input(schedule: new SurveyScheduleInput(Now, 6, null, [Now])) },
        { "schedule.dates", Input(schedule: new SurveyScheduleInput(null, null, null, [])) },
        { "schedule.dates[1]", Input(schedule: new SurveyScheduleInput(null, null, null, [Now, Now.AddDays(5)])) },
        { "windowDays", Input(windowDays: 0) },
        { "windowDays", Input(windowDays: 61) },
        { "windowDays", Input(schedule: new SurveyScheduleInput(Now, 1, null, null), windowDays: 10) },
        { "reminders.count", Input(reminders: new ReminderInput(3, 3)) },
        { "reminders.afterDays", Input(reminders: new ReminderInput(0, 1)) },
        { "reminders", Input(windowDays: 7, reminders: new ReminderInput(4, 2)) },
        { "throttleDays", Input(throttleDays: -1) },
        { "throttleDays", Input(throttleDays: 91) },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void A_bad_survey_is_refused_naming_the_field(string field, SurveyInput input)
    {
        var result = SurveyValidator.Validate(input, Now);
        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Contains(field, result.Errors.Keys);
    }

    [Fact]
    public void A_missing_segment_or_schedule_is_refused()
    {
        var result = SurveyValidator.Validate(new SurveyInput(null, null, null, null, null, null, null, null, null), Now);
        Assert.Contains("segment", result.Errors.Keys);
        Assert.Contains("schedule", result.Errors.Keys);
    }

    [Fact]
    public void A_teacher_survey_takes_teacher_questions()
    {
        var result = SurveyValidator.Validate(Input(role: "teacher", questions: ["teacher-clarity", "teacher-support", "teacher-comment"]), Now);
        Assert.True(result.IsValid);
        Assert.Equal(PlComms.Shared.Audience.Teachers, result.Value!.Audience);
        Assert.Equal(ContactRole.Teacher, result.Value.Segment.Role);
    }

    [Fact]
    public void A_languages_list_longer_than_ten_entries_is_refused_even_when_they_repeat_one_language()
    {
        Assert.True(SurveyValidator.Validate(Input(languages: [.. Enumerable.Repeat("en", 10)]), Now).IsValid);
        var result = SurveyValidator.Validate(Input(languages: [.. Enumerable.Repeat("en", 11)]), Now);
        Assert.Contains("At most 10", Assert.Single(result.Errors["languages"]));
    }

    [Theory]
    [InlineData("grade-99")]
    [InlineData("14")]
    [InlineData("senior")]
    public void A_segment_grade_that_is_no_grade_is_refused_naming_it(string grade)
    {
        var input = Input() with { Segment = new SegmentInput("parent", ["lincoln-elementary"], ["03", grade], null) };
        var result = SurveyValidator.Validate(input, Now);
        Assert.Contains("is not a grade", Assert.Single(result.Errors["segment.grades[1]"]));
    }

    [Fact]
    public void Segment_grades_are_kept_as_their_codes()
    {
        var input = Input() with { Segment = new SegmentInput("parent", ["lincoln-elementary"], ["k", "3", "KG"], null) };
        Assert.Equal(["KG", "03"], SurveyValidator.Validate(input, Now).Value!.Segment.Grades);
    }
}
