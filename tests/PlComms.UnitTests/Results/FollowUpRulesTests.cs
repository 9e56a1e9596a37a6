using PlComms.Results;
using PlComms.Surveys;

namespace PlComms.UnitTests.Results;

public sealed class FollowUpRulesTests
{
    private static FollowUpRule Rule(double? below = 60, double? drop = 10) =>
        new("Understanding", "s", "parent-understanding", Dimension.School, below, drop, new FollowUpAction(FollowUpActionKind.DraftCampaign, null, null, 0));

    [Fact]
    public void A_school_below_the_floor_fires_with_its_figures()
    {
        var report = ResultsReportTests.Report(ResultsReportTests.Tally(
            ResultsReportTests.School("a", 10, [.. Enumerable.Repeat((5, 2), 6), .. Enumerable.Repeat((5, 5), 4)]),
            ResultsReportTests.School("b", 10, [.. Enumerable.Repeat((5, 5), 10)])));
        var firing = Assert.Single(FollowUpRules.Evaluate(Rule(), report, 0));
        Assert.Equal("school:a", firing.Group);
        Assert.Equal(40, firing.FavorablePercent);
        Assert.Equal(10, firing.N);
        Assert.Contains("below 60%", firing.Reason);
    }

    [Fact]
    public void A_drop_of_ten_points_or_more_fires_and_a_smaller_one_does_not()
    {
        var wave1 = ResultsReportTests.Tally(ResultsReportTests.School("a", 10, [.. Enumerable.Repeat((5, 5), 9), (5, 1)]), ResultsReportTests.School("b", 10, [.. Enumerable.Repeat((5, 5), 10)]));
        var wave2 = ResultsReportTests.Tally(ResultsReportTests.School("a", 10, [.. Enumerable.Repeat((5, 5), 7), .. Enumerable.Repeat((5, 1), 3)]), ResultsReportTests.School("b", 10, [.. Enumerable.Repeat((5, 5), 10), ]));
        var report = ResultsReportTests.Report(wave1, wave2);
        var firing = Assert.Single(FollowUpRules.Evaluate(Rule(below: null, drop: 20), report, 1));
        Assert.Equal("school:a", firing.Group);
        Assert.Equal(70, firing.FavorablePercent);
        Assert.Equal(90, firing.PreviousFavorablePercent);
        Assert.Contains("down 20 points", firing.Reason);
        Assert.Empty(FollowUpRules.Evaluate(Rule(below: null, drop: 25), report, 1));
    }

    [Fact]
    public void A_group_below_the_small_group_threshold_never_fires_however_low_it_is()
    {
        var report = ResultsReportTests.Report(ResultsReportTests.Tally(
            ResultsReportTests.School("tiny", 4, [.. Enumerable.Repeat((1, 1), 4)]),
            ResultsReportTests.School("big", 30, [.. Enumerable.Repeat((5, 5), 30)]),
            ResultsReportTests.School("mid", 20, [.. Enumerable.Repeat((5, 5), 20)])));
        Assert.DoesNotContain(FollowUpRules.Evaluate(Rule(below: 100), report, 0), f => f.Group == "school:tiny");
        Assert.DoesNotContain(FollowUpRules.Evaluate(Rule(below: 99.9, drop: null), report, 0), f => f.Group == "school:tiny");
    }

    [Fact]
    public void A_rule_must_name_a_question_of_its_survey_a_trigger_and_an_action()
    {
        var survey = ResultsReportTests.Survey();
        var result = FollowUpRules.Validate(new FollowUpRuleInput(null, "s", "parent-comment", "school", null, null, null), _ => survey);
        Assert.Contains("questionId", result.Errors.Keys);
        Assert.Contains("", result.Errors.Keys);
        Assert.Contains("action", result.Errors.Keys);
        var schedule = FollowUpRules.Validate(new FollowUpRuleInput(null, "s", "parent-understanding", "school", 60, null, new FollowUpActionInput("schedule-message", null, null, 800)), _ => survey);
        Assert.Contains("action.visionId", schedule.Errors.Keys);
        Assert.Contains("action.messageId", schedule.Errors.Keys);
        Assert.Contains("action.delayHours", schedule.Errors.Keys);
        Assert.True(FollowUpRules.Validate(new FollowUpRuleInput(null, "s", "parent-understanding", null, 60, 10, new FollowUpActionInput("draft-campaign", null, null, null)), _ => survey).IsValid);
    }
}
