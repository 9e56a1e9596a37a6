using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Surveys;

/// <summary>The officer's survey API: the bank, creating (and refusing) surveys, reading them with their waves, pause and resume.</summary>
[Collection(SurveyCollection.Name)]
public sealed class SurveyApiTests(SurveyFixture fixture)
{
    [Fact]
    public async Task The_question_bank_lists_every_question_in_both_languages_and_filters_by_audience()
    {
        var all = await (await fixture.Officer.GetAsync("/api/survey-questions")).ReadObjectAsync();
        Assert.Equal(13, all["questions"]!.AsArray().Count);
        Assert.Equal(5, all["scale"]!.AsArray().Count);
        Assert.True(all["scale"]![4]!["favorable"]!.GetValue<bool>());
        var first = all["questions"]![0]!;
        Assert.Equal("parent-awareness", first["id"]!.GetValue<string>());
        Assert.Equal("likert", first["kind"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(first["text"]!["es"]!.GetValue<string>()));

        var teachers = await (await fixture.Officer.GetAsync("/api/survey-questions?audience=teachers")).ReadObjectAsync();
        Assert.All(teachers["questions"]!.AsArray(), q => Assert.Equal("teachers", q!["audience"]!.GetValue<string>()));
        await (await fixture.Officer.GetAsync("/api/survey-questions?audience=board")).AssertFieldErrorAsync("audience");
    }

    [Fact]
    public async Task A_created_survey_reads_back_with_its_schedule_and_appears_in_the_list()
    {
        var school = SurveyFixture.NewSchool("api");
        var id = await fixture.CreateSurveyAsync(school);
        var survey = await fixture.SurveyAsync(id);
        Assert.Equal("active", survey["status"]!.GetValue<string>());
        Assert.Equal("parents", survey["audience"]!.GetValue<string>());
        Assert.Equal(7, survey["questions"]!.AsArray().Count);
        Assert.Equal(6, survey["schedule"]!["cadenceWeeks"]!.GetValue<int>());
        Assert.NotNull(survey["nextWaveDueAt"]);
        Assert.Empty(survey["waves"]!.AsArray());

        var found = false;
        string? token = null;
        do
        {
            var page = await (await fixture.Officer.GetAsync("/api/surveys" + (token is null ? "" : "?continuationToken=" + Uri.EscapeDataString(token)))).ReadObjectAsync();
            found |= page["items"]!.AsArray().Any(s => s!["id"]!.GetValue<string>() == id);
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null && !found);
        Assert.True(found);
    }

    [Fact]
    public async Task Bad_surveys_get_a_problem_naming_every_bad_field_and_nothing_is_stored()
    {
        var before = await CountSurveysAsync();
        var body = new JsonObject
        {
            ["segment"] = new JsonObject { ["role"] = "community" },
            ["questions"] = new JsonArray("parent-comment"),
            ["languages"] = new JsonArray("fr"),
            ["schedule"] = new JsonObject { ["baseline"] = fixture.Clock.GetUtcNow().AddDays(-10).ToString("O"), ["cadenceWeeks"] = 0 },
            ["throttleDays"] = 400,
        };
        var response = await fixture.Officer.PostAsync("/api/surveys", ApiAssertions.JsonContent(body));
        var errors = (await response.AssertProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject();
        foreach (var field in new[] { "segment.role", "languages[0]", "schedule.cadenceWeeks", "schedule.baseline", "throttleDays" })
            Assert.True(errors.ContainsKey(field), $"No error for {field}: {errors.ToJsonString()}");

        var unknown = await fixture.Officer.PostAsync("/api/surveys", new StringContent("""{"segment":{"role":"parent"},"cadence":3}""", Encoding.UTF8, "application/json"));
        await unknown.AssertFieldErrorAsync("cadence");

        var noVision = await fixture.Officer.PostAsync("/api/surveys", ApiAssertions.JsonContent(new JsonObject
        {
            ["segment"] = new JsonObject { ["role"] = "parent" },
            ["schedule"] = new JsonObject { ["baseline"] = fixture.Clock.GetUtcNow().ToString("O"), ["cadenceWeeks"] = 6 },
            ["visionId"] = "no-such-vision",
        }));
        await noVision.AssertFieldErrorAsync("visionId");

        var notJson = await fixture.Officer.PostAsync("/api/surveys", new StringContent("segment=parent", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);

        Assert.Equal(before, await CountSurveysAsync());
    }

    [Fact]
    public async Task Surveys_need_the_officer_key_and_an_unknown_survey_is_404()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.GetAsync("/api/surveys")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.PostAsync("/api/surveys", ApiAssertions.JsonContent(new JsonObject()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Officer.GetAsync($"/api/surveys/{new string('a', 32)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Officer.PostAsync("/api/surveys/not-an-id/pause", null)).StatusCode);
    }

    [Fact]
    public async Task A_paused_survey_skips_the_wave_that_falls_due_and_a_resumed_one_opens_the_next()
    {
        var school = SurveyFixture.NewSchool("pause");
        await fixture.SeedAsync(school, 2);
        var id = await fixture.CreateSurveyAsync(school, change: b => b["schedule"] = new JsonObject
        {
            ["dates"] = new JsonArray(fixture.Clock.GetUtcNow().AddMinutes(-1).ToString("O"), fixture.Clock.GetUtcNow().AddDays(20).ToString("O")),
        });
        var paused = await (await fixture.Officer.PostAsync($"/api/surveys/{id}/pause", null)).ReadObjectAsync();
        Assert.Equal("paused", paused["status"]!.GetValue<string>());

        await fixture.FireAsync("SurveyWaves");
        var waves = (await fixture.SurveyAsync(id))["waves"]!.AsArray();
        var skipped = Assert.Single(waves)!;
        Assert.Equal("skipped", skipped["status"]!.GetValue<string>());
        Assert.Null(skipped["sendStatus"]);
        Assert.Empty(fixture.Emails(skipped["waveId"]!.GetValue<string>(), school));

        var resumed = await (await fixture.Officer.PostAsync($"/api/surveys/{id}/resume", null)).ReadObjectAsync();
        Assert.Equal("active", resumed["status"]!.GetValue<string>());
        fixture.Clock.Advance(TimeSpan.FromDays(20));
        var waveId = await fixture.OpenWaveAsync(id, index: 1);
        Assert.Equal(2, fixture.Emails(waveId, school).Count);
    }

    private async Task<int> CountSurveysAsync()
    {
        var count = 0;
        string? token = null;
        do
        {
            var page = await (await fixture.Officer.GetAsync("/api/surveys" + (token is null ? "" : "?continuationToken=" + Uri.EscapeDataString(token)))).ReadObjectAsync();
            count += page["items"]!.AsArray().Count;
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);
        return count;
    }
}
