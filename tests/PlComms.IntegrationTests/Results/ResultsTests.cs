using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PlComms.IntegrationTests.Campaigns;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.IntegrationTests.Surveys;
using PlComms.Surveys;

namespace PlComms.IntegrationTests.Results;

/// <summary>
/// Results end to end on Azurite: a survey of three schools (twelve, seven and three parents) goes out, people answer,
/// the aggregation rounds run on the queue, and the API and the CSV show the figures, never a group of fewer than five,
/// not even by subtraction; a follow-up rule fires once for a drop and never for the small school.
/// </summary>
[Collection(SurveyCollection.Name)]
public sealed class ResultsTests(SurveyFixture fixture)
{
    private Task<ThreeSchoolDistrict> DistrictAsync() => ThreeSchoolDistrict.CreateAsync(fixture);

    private Task AnswerAsync(string waveId, string school, int count, Func<int, (int Awareness, int Understanding)> scores) =>
        ThreeSchoolDistrict.AnswerAsync(fixture, waveId, school, count, scores, comments: true);

    [Fact]
    public async Task No_group_of_fewer_than_five_appears_in_the_results_or_the_csv_not_even_by_subtraction_from_a_shown_total()
    {
        var d = await DistrictAsync();
        var waveId = await fixture.OpenWaveAsync(d.SurveyId);
        await AnswerAsync(waveId, d.Big, 10, i => (i < 8 ? 5 : 2, 4));
        await AnswerAsync(waveId, d.Mid, 6, _ => (4, 4));
        await AnswerAsync(waveId, d.Tiny, 3, _ => (1, 1));
        await fixture.AggregateAsync(d.SurveyId);

        var results = await (await fixture.Officer.GetAsync($"/api/surveys/{d.SurveyId}/results")).ReadObjectAsync();
        var wave = results["waves"]!.AsArray().Single()!;
        var participation = wave["participation"]!.AsArray();
        var all = participation.Single(p => p!["group"]!.GetValue<string>() == "all")!;
        Assert.Equal(19, all["respondents"]!.GetValue<int>());
        Assert.Equal(22, all["delivered"]!.GetValue<int>());
        var awareness = wave["questions"]!.AsArray().Single(q => q!["questionId"]!.GetValue<string>() == "parent-awareness")!["cells"]!.AsArray();
        var bigCell = awareness.Single(c => c!["group"]!.GetValue<string>() == $"school:{d.Big}")!;
        Assert.Equal(10, bigCell["n"]!.GetValue<int>());
        Assert.Equal(80, bigCell["favorablePercent"]!.GetValue<double>());
        Assert.True(awareness.Single(c => c!["group"]!.GetValue<string>() == $"school:{d.Tiny}")!["hidden"]!.GetValue<bool>());

        foreach (var question in wave["questions"]!.AsArray())
            AssertNoSmallGroupShownOrDerivable(question!["cells"]!.AsArray(), "n");
        AssertNoSmallGroupShownOrDerivable(participation, "respondents");

        var csvResponse = await fixture.Officer.GetAsync($"/api/surveys/{d.SurveyId}/results.csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var csv = await csvResponse.Content.ReadAsStringAsync();
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')).ToList();
        Assert.DoesNotContain("@families.example.org", csv);
        Assert.DoesNotContain("Comment 0", csv);
        foreach (var byQuestion in rows.GroupBy(r => r[2]))
        {
            var cells = new JsonArray([.. byQuestion.Select(r => (JsonNode)new JsonObject
            {
                ["group"] = r[4], ["dimension"] = r[5], ["hidden"] = r[7] == "hidden", ["n"] = r[8].Length == 0 ? null : int.Parse(r[8]),
            })]);
            AssertNoSmallGroupShownOrDerivable(cells, "n");
        }

        // Comments: the whole audience (19) and the big school (10) have enough respondents; the middle school (6) does not.
        var comments = await (await fixture.Officer.GetAsync($"/api/surveys/{d.SurveyId}/comments?waveIndex=0&group=school:{d.Big}")).ReadObjectAsync();
        Assert.Equal(10, comments["comments"]!.AsArray().Count);
        var tooFew = await fixture.Officer.GetAsync($"/api/surveys/{d.SurveyId}/comments?waveIndex=0&group=school:{d.Mid}");
        await tooFew.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    /// <summary>
    /// No shown cell has fewer than five, and within each breakdown the shown total less the shown cells (what the hidden
    /// cells add up to) is zero or at least five, so no hidden group can be worked out.
    /// </summary>
    private static void AssertNoSmallGroupShownOrDerivable(JsonArray cells, string count)
    {
        int? N(JsonNode c) => c[count]?.GetValue<int>();
        foreach (var cell in cells.Where(c => !c!["hidden"]!.GetValue<bool>()))
            Assert.True(N(cell!) is null or >= 5, $"A shown cell has {N(cell!)}: {cell!.ToJsonString()}");
        var total = cells.Single(c => c!["group"]!.GetValue<string>() == "all")!;
        if (total["hidden"]!.GetValue<bool>()) return;
        foreach (var dimension in new[] { "school", "language" })
        {
            var inDimension = cells.Where(c => c!["dimension"]!.GetValue<string>() == dimension).ToList();
            var hidden = inDimension.Count(c => c!["hidden"]!.GetValue<bool>());
            var derivable = N(total)!.Value - inDimension.Where(c => !c!["hidden"]!.GetValue<bool>()).Sum(c => N(c!) ?? 0);
            Assert.True(hidden == 0 || (hidden >= 2 && derivable >= 5), $"{dimension}: {hidden} hidden cell(s) hold {derivable} response(s) between them.");
        }
    }

    [Fact]
    public async Task A_follow_up_rule_fires_once_for_a_drop_whatever_the_timer_does_and_never_for_the_small_school()
    {
        var d = await DistrictAsync();
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(fixture.Officer);
        var rule = await fixture.Officer.PostAsync("/api/follow-up-rules", ApiAssertions.JsonContent(new JsonObject
        {
            ["name"] = "Understanding slips",
            ["surveyId"] = d.SurveyId,
            ["questionId"] = "parent-understanding",
            ["dimension"] = "school",
            ["belowFavorable"] = 60,
            ["dropPoints"] = 10,
            ["action"] = new JsonObject { ["kind"] = "draft-campaign" },
        }));
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        var ruleId = (await rule.ReadObjectAsync())["id"]!.GetValue<string>();

        // Wave 1: everyone understands; the tiny school says it does not, but it is too small to count.
        var wave1 = await fixture.OpenWaveAsync(d.SurveyId);
        await AnswerAsync(wave1, d.Big, 10, _ => (5, 5));
        await AnswerAsync(wave1, d.Mid, 6, _ => (5, 5));
        await AnswerAsync(wave1, d.Tiny, 3, _ => (1, 1));
        // Wave 2, six weeks on: the big school's understanding falls from 100% to 40%.
        fixture.Clock.Advance(TimeSpan.FromDays(42));
        var wave2 = await fixture.OpenWaveAsync(d.SurveyId, index: 1);
        await AnswerAsync(wave2, d.Big, 10, i => (5, i < 4 ? 5 : 2));
        await AnswerAsync(wave2, d.Mid, 6, _ => (5, 5));
        await AnswerAsync(wave2, d.Tiny, 3, _ => (1, 1));
        fixture.Clock.Advance(TimeSpan.FromDays(15));
        await fixture.FireAsync("SurveyWaves");
        await fixture.AggregateAsync(d.SurveyId, final: true);

        var logs = (await Task.WhenAll(fixture.FireAsync("EvaluateFollowUps"), fixture.FireAsync("EvaluateFollowUps"))).SelectMany(l => l).ToList();
        logs.AddRange(await fixture.FireAsync("EvaluateFollowUps"));
        var firings = (await (await fixture.Officer.GetAsync($"/api/follow-ups?surveyId={d.SurveyId}")).ReadObjectAsync())["items"]!.AsArray();
        var firing = Assert.Single(firings)!;
        Assert.Equal(ruleId, firing["ruleId"]!.GetValue<string>());
        Assert.Equal($"school:{d.Big}", firing["group"]!.GetValue<string>());
        Assert.Equal(1, firing["waveIndex"]!.GetValue<int>());
        Assert.Equal(40, firing["favorablePercent"]!.GetValue<double>());
        Assert.Equal(100, firing["previousFavorablePercent"]!.GetValue<double>());
        Assert.Single(logs, l => l.Contains($"Rule {ruleId} fired", StringComparison.Ordinal));
        Assert.DoesNotContain(firings, f => f!["group"]!.GetValue<string>().Contains(d.Tiny, StringComparison.Ordinal));

        // The follow-up is a draft to the big school's parents with the reason; the officer schedules it with a message.
        var campaignId = firing["campaignId"]!.GetValue<string>();
        var draft = await fixture.SendAsync(campaignId);
        Assert.Equal("draft", draft["status"]!.GetValue<string>());
        Assert.Contains("40% favorable, below 60%", draft["statusReason"]!.GetValue<string>());
        Assert.Equal(d.Big, draft["segment"]!["schools"]![0]!.GetValue<string>());
        var scheduled = await fixture.Officer.PostAsync($"/api/campaigns/{campaignId}/schedule", ApiAssertions.JsonContent(new JsonObject
        {
            ["visionId"] = visionId, ["messageId"] = messageId,
        }));
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        var sent = await fixture.WaitForSendAsync(campaignId);
        Assert.Equal(12, sent["progress"]!["sent"]!.GetValue<int>());
        var again = await fixture.Officer.PostAsync($"/api/campaigns/{campaignId}/schedule", ApiAssertions.JsonContent(new JsonObject { ["messageId"] = messageId }));
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_rules_and_unknown_surveys_get_problems_naming_the_field()
    {
        var d = await DistrictAsync();
        var noSurvey = await fixture.Officer.PostAsync("/api/follow-up-rules", ApiAssertions.JsonContent(new JsonObject
        {
            ["surveyId"] = new string('a', 32), ["questionId"] = "parent-understanding", ["belowFavorable"] = 60, ["action"] = new JsonObject { ["kind"] = "draft-campaign" },
        }));
        await noSurvey.AssertFieldErrorAsync("surveyId");
        var badQuestion = await fixture.Officer.PostAsync("/api/follow-up-rules", ApiAssertions.JsonContent(new JsonObject
        {
            ["surveyId"] = d.SurveyId, ["questionId"] = "teacher-fit", ["belowFavorable"] = 60, ["action"] = new JsonObject { ["kind"] = "draft-campaign" },
        }));
        await badQuestion.AssertFieldErrorAsync("questionId");
        var badMessage = await fixture.Officer.PostAsync("/api/follow-up-rules", ApiAssertions.JsonContent(new JsonObject
        {
            ["surveyId"] = d.SurveyId, ["questionId"] = "parent-understanding", ["dropPoints"] = 10,
            ["action"] = new JsonObject { ["kind"] = "schedule-message", ["visionId"] = "demo", ["messageId"] = "nope" },
        }));
        await badMessage.AssertFieldErrorAsync("action.messageId");
        await (await fixture.Officer.GetAsync($"/api/surveys/{new string('b', 32)}/results")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await fixture.Officer.GetAsync($"/api/surveys/{d.SurveyId}/comments")).AssertFieldErrorAsync("waveIndex");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.GetAsync($"/api/surveys/{d.SurveyId}/results.csv")).StatusCode);
    }
}
