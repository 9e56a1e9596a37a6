using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.IntegrationTests.Results;
using PlComms.IntegrationTests.Surveys;
using PlComms.Results;
using PlComms.Surveys;
using static Microsoft.Playwright.Assertions;

namespace PlComms.IntegrationTests.Browser;

/// <summary>
/// The results dashboard and the follow-ups page in real Chromium, on a survey of three schools (twelve, seven and
/// three parents) that answered: the charts' tables carry the figures, a group too small to show is suppressed in
/// every table and every chart (a gap, never a number), the canvases are drawn by the app's own Chart.js, the CSV link
/// gives the API's file; a follow-up rule is made through the form and its firing is listed with its figures.
/// </summary>
[Collection(SurveyCollection.Name)]
public sealed class ResultsPagesBrowserTests(SurveyFixture fixture, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Suppressed = "suppressed (fewer than 5 responses)";

    [Fact]
    public async Task The_dashboard_shows_the_figures_in_its_tables_and_charts_and_the_three_parent_school_only_as_suppressed()
    {
        var d = await DistrictAsync();
        var waveId = await fixture.OpenWaveAsync(d.SurveyId);
        await AnswerAsync(waveId, d.Big, 10, i => (i < 8 ? 5 : 2, 4));
        await AnswerAsync(waveId, d.Mid, 6, _ => (4, 4));
        await AnswerAsync(waveId, d.Tiny, 3, _ => (1, 1));
        await fixture.AggregateAsync(d.SurveyId);

        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, $"/app/surveys/{d.SurveyId}/results");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-charts", "drawn");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Results: Survey of {d.Big}");

        // The awareness question's table: the big school's 10 answers, 80% favorable; everyone's 19.
        var awareness = page.GetByRole(AriaRole.Table, new() { Name = "% favorable by wave and group: I know our schools are changing how students learn.", Exact = true });
        Assert.Equal(["Wave 1", d.Big, "10", "80%", "—"], await Cells(Row(awareness, d.Big)));
        Assert.Equal(["Wave 1", "Everyone", "19", "73.7%", "—"], await Cells(Row(awareness, "Everyone")));
        var rates = page.GetByRole(AriaRole.Table, new() { Name = "Response rate by wave and group", Exact = true });
        Assert.Equal(["Wave 1", "Everyone", "22", "19", "86.4%", "—"], await Cells(Row(rates, "Everyone")));
        Assert.Equal(["Wave 1", d.Big, "12", "10", "83.3%", "—"], await Cells(Row(rates, d.Big)));

        // The tiny school (and the middle one, hidden so the tiny one cannot be worked out) show no figure at all:
        // every row of theirs holds its wave, its name and the word "suppressed", and its chart point is a gap.
        var tinyRows = page.Locator($"tr[data-group='school:{d.Tiny}']");
        Assert.True(await tinyRows.CountAsync() >= 5, "The tiny school has a row in every table.");
        foreach (var row in await tinyRows.AllAsync())
        {
            var text = (await row.InnerTextAsync()).Replace("Wave 1", "").Replace(d.Tiny, "").Replace(Suppressed, "");
            Assert.True(string.IsNullOrWhiteSpace(text), $"A figure for the tiny school: '{await row.InnerTextAsync()}'");
            Assert.Null(await row.GetAttributeAsync("data-value"));
        }
        foreach (var row in await page.Locator($"tr[data-group='school:{d.Mid}']").AllAsync())
            Assert.Contains(Suppressed, await row.InnerTextAsync());

        // The charts: one canvas per chart table, drawn by the app's own Chart.js, the tiny school's series all gaps.
        var tables = await page.Locator("table[data-chart]").CountAsync();
        Assert.True(tables >= 5, $"{tables} chart tables");
        await Expect(page.Locator(".chart canvas[role=img]")).ToHaveCountAsync(tables);
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.chart canvas')].every(c => Chart.getChart(c) && c.width > 0)"));
        var tinyPoints = await page.EvaluateAsync<JsonElement>(
            "name => [...document.querySelectorAll('.chart canvas')].map(c => Chart.getChart(c).data.datasets.filter(s => s.label === name).map(s => s.data)).flat(2)", d.Tiny);
        Assert.NotEmpty(tinyPoints.EnumerateArray());
        Assert.All(tinyPoints.EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.ValueKind));
        var bigAwareness = await page.EvaluateAsync<JsonElement>(
            "name => Chart.getChart(document.querySelector('table[data-question=\"parent-awareness\"]').closest('.chart-pair').querySelector('canvas')).data.datasets.find(s => s.label === name).data", d.Big);
        Assert.Equal(80, Assert.Single(bigAwareness.EnumerateArray()).GetDouble());
        Assert.Contains(session.Requests, r => r.ResourceType == "script" && Regex.IsMatch(new Uri(r.Url).PathAndQuery, "^/api/assets/chart\\.umd\\.min\\.js\\?v=[0-9a-f]{16}$"));
        Assert.Contains(session.Requests, r => r.ResourceType == "script" && new Uri(r.Url).AbsolutePath == "/api/assets/results.js");

        // The success index needs every index question shown; nobody answered "what stays the same", so it waits.
        var index = page.GetByRole(AriaRole.Table, new() { Name = "Success index by wave", Exact = true });
        Assert.Equal(["Wave 1", Suppressed, "75%", "No status yet"], await Cells(index.GetByRole(AriaRole.Row).Nth(1)));
        await OfficerPages.AssertAccessibleAsync(page);

        // By language: the groups change, the tiny school is gone.
        await page.GetByLabel("Show groups by").SelectOptionAsync("language");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-charts", "drawn");
        await Expect(Row(rates, "en")).ToContainTextAsync("Wave 1");
        await Expect(page.Locator($"tr[data-group='school:{d.Tiny}']")).ToHaveCountAsync(0);
        await OfficerPages.AssertAccessibleAsync(page);

        // The CSV link gives the API's file, with the session and no key.
        var csv = await page.Context.APIRequest.GetAsync(new Uri(fixture.BaseAddress, $"/app/surveys/{d.SurveyId}/results.csv").ToString());
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"]);
        var api = await (await fixture.Officer.GetAsync($"/api/surveys/{d.SurveyId}/results.csv")).Content.ReadAsStringAsync();
        Assert.Equal(api, await csv.TextAsync());
        Assert.Equal(404, (await page.Context.APIRequest.GetAsync(new Uri(fixture.BaseAddress, $"/app/surveys/{new string('0', 32)}/results.csv").ToString())).Status);
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task A_rule_made_through_the_form_fires_for_a_drop_and_the_follow_ups_page_lists_the_firing_with_its_figures()
    {
        var d = await DistrictAsync();
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, $"/app/follow-ups?surveyId={d.SurveyId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Follow-ups");
        await OfficerPages.AssertAccessibleAsync(page);

        // The survey is chosen and only its agree/disagree questions are offered.
        await Expect(page.GetByLabel("Survey", new() { Exact = true })).ToHaveValueAsync(d.SurveyId);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name (optional)" }).FillAsync("Understanding slips " + d.Big);
        await page.GetByLabel("Question", new() { Exact = true }).SelectOptionAsync("parent-understanding");
        await page.GetByLabel("Groups", new() { Exact = true }).SelectOptionAsync("school");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create rule" }).ClickAsync();

        // Neither a line nor a drop: the rules' own message, beside "Fires when".
        var when = page.GetByRole(AriaRole.Group, new() { Name = "Fires when" });
        await Expect(when).ToContainTextAsync("Give belowFavorable, dropPoints or both");
        await Expect(page.Locator("#rule-when-error")).ToBeVisibleAsync();
        Assert.Empty(await Rules.RulesAsync(d.SurveyId, CancellationToken.None));
        await OfficerPages.AssertAccessibleAsync(page);

        await page.GetByLabel("Below this % favorable").FillAsync("60");
        await page.GetByLabel("Or down this many points").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create rule" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The rule is saved.");
        var rule = Assert.Single(await Rules.RulesAsync(d.SurveyId, CancellationToken.None));
        Assert.Equal("parent-understanding", rule.Rule.QuestionId);
        Assert.Equal(60, rule.Rule.BelowFavorable);
        Assert.Equal(10, rule.Rule.DropPoints);
        Assert.Equal(FollowUpActionKind.DraftCampaign, rule.Rule.Action.Kind);
        var ruleRow = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Understanding slips " + d.Big }) });
        await Expect(ruleRow).ToContainTextAsync("below 60% favorable, or down 10 points or more");

        // Two waves: the big school's understanding falls from 100% to 40%; the final results fire the rule.
        var wave1 = await fixture.OpenWaveAsync(d.SurveyId);
        await AnswerAsync(wave1, d.Big, 10, _ => (5, 5));
        await AnswerAsync(wave1, d.Mid, 6, _ => (5, 5));
        fixture.Clock.Advance(TimeSpan.FromDays(42));
        var wave2 = await fixture.OpenWaveAsync(d.SurveyId, index: 1);
        await AnswerAsync(wave2, d.Big, 10, i => (5, i < 4 ? 5 : 2));
        await AnswerAsync(wave2, d.Mid, 6, _ => (5, 5));
        fixture.Clock.Advance(TimeSpan.FromDays(15));
        await fixture.FireAsync("SurveyWaves");
        await fixture.AggregateAsync(d.SurveyId, final: true);
        await fixture.FireAsync("EvaluateFollowUps");
        var firing = Assert.Single(await Rules.FiringsAsync(d.SurveyId, CancellationToken.None));

        // Eight weeks on, by the app's clock, the session has long expired: sign in again.
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, "/app/follow-ups");
        var fired = page.GetByRole(AriaRole.Table, new() { Name = "What the follow-up rules fired", Exact = true });
        var row = fired.GetByRole(AriaRole.Row).Filter(new() { HasText = d.Big });
        await Expect(row).ToContainTextAsync($"Survey of {d.Big}");
        await Expect(row).ToContainTextAsync("Wave 2");
        await Expect(row).ToContainTextAsync("10");
        await Expect(row).ToContainTextAsync("40%");
        await Expect(row).ToContainTextAsync("100%");
        await Expect(row).ToContainTextAsync("40% favorable, below 60%; down 60 points from 100% in wave 1");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "Draft campaign", Exact = false })).ToHaveAttributeAsync("href", $"/app/campaigns/{firing.CampaignId}");
        await OfficerPages.AssertAccessibleAsync(page);

        // The survey's dashboard lists it too.
        await page.GotoAsync(new Uri(fixture.BaseAddress, $"/app/surveys/{d.SurveyId}/results").ToString());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-charts", "drawn");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "What the follow-up rules fired", Exact = true }).GetByRole(AriaRole.Row).Filter(new() { HasText = d.Big }))
            .ToContainTextAsync("40% favorable, below 60%");
        await OfficerPages.AssertAccessibleAsync(page);

        // Deleting the rule keeps what it fired.
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/app/follow-ups").ToString());
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Delete\\W+Understanding slips " + d.Big + "$") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The rule is deleted.");
        Assert.Empty(await Rules.RulesAsync(d.SurveyId, CancellationToken.None));
        Assert.Single(await Rules.FiringsAsync(d.SurveyId, CancellationToken.None));
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    private FollowUpStore Rules => fixture.Services.GetRequiredService<FollowUpStore>();

    private static Task<IReadOnlyList<string>> Cells(ILocator row) => row.Locator("th, td").AllInnerTextsAsync();

    private static ILocator Row(ILocator table, string group) =>
        table.GetByRole(AriaRole.Row).Filter(new() { Has = table.Page.GetByRole(AriaRole.Cell, new() { Name = group, Exact = true }) });

    private Task<ThreeSchoolDistrict> DistrictAsync() => ThreeSchoolDistrict.CreateAsync(fixture);

    private Task AnswerAsync(string waveId, string school, int count, Func<int, (int Awareness, int Understanding)> scores) =>
        ThreeSchoolDistrict.AnswerAsync(fixture, waveId, school, count, scores);
}
