using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PlComms.Contacts;
using PlComms.IntegrationTests.Surveys;
using PlComms.Shared;
using PlComms.Surveys;
using static Microsoft.Playwright.Assertions;

namespace PlComms.IntegrationTests.Browser;

/// <summary>
/// The officer's survey pages in real Chromium: defining a survey through the form (a refused submit shows the
/// validator's error beside its field, and stores nothing), and a survey's page with its wave, its invitation send and
/// pause and resume. axe runs on every page; nothing but the app is reached and nothing breaks the CSP.
/// </summary>
[Collection(SurveyCollection.Name)]
public sealed class SurveyPagesBrowserTests(SurveyFixture fixture, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private SurveyStore Store => fixture.Services.GetRequiredService<SurveyStore>();

    [Fact]
    public async Task An_officer_defines_a_survey_through_the_form_and_a_baseline_in_the_past_is_refused_beside_its_field()
    {
        var school = SurveyFixture.NewSchool("form");
        var name = "Families of " + school;
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, "/app/surveys");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Surveys");
        await OfficerPages.AssertAccessibleAsync(page);

        // The form for parents offers the parents' bank, the first agree/disagree question as the headline.
        var headline = page.GetByLabel("Headline question");
        await Expect(headline).ToHaveValueAsync("parent-awareness");
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = QuestionBank.Find("parent-comment")!.Text.En, Exact = false })).ToBeCheckedAsync();

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name (optional)" }).FillAsync(name);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Schools", Exact = true }).FillAsync(school);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = QuestionBank.Find("parent-comment")!.Text.En, Exact = false }).UncheckAsync();
        await headline.SelectOptionAsync("parent-understanding");
        var now = fixture.Clock.GetUtcNow();
        await page.GetByLabel("Baseline (first wave), UTC").FillAsync(Local(now.AddDays(-3)));
        await page.GetByLabel("Every how many weeks").FillAsync("4");
        await page.GetByLabel("Number of waves").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create survey" }).ClickAsync();

        // Refused: the validator's message beside the baseline, which says so to assistive technology; nothing stored.
        var baseline = page.GetByLabel("Baseline (first wave), UTC");
        await Expect(baseline).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(baseline).ToHaveAccessibleDescriptionAsync("Must not be in the past.");
        await Expect(page.Locator("#baseline-error")).ToHaveTextAsync("Must not be in the past.");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Baseline (first wave), UTC: Must not be in the past.");
        // What the officer typed is still there.
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Schools", Exact = true })).ToHaveValueAsync(school);
        await Expect(page.GetByLabel("Headline question")).ToHaveValueAsync("parent-understanding");
        Assert.DoesNotContain((await Store.ListAsync(null, 1000, CancellationToken.None)).Items, s => s.Definition.Name == name);
        await OfficerPages.AssertAccessibleAsync(page);

        var due = now.AddHours(2);
        await baseline.FillAsync(Local(due));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create survey" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/app/surveys/[0-9a-f]{32}\\?created=true#main$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The survey is saved. Its first wave goes out when it is due.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        var id = Regex.Match(page.Url, "/app/surveys/([0-9a-f]{32})").Groups[1].Value;
        var stored = (await Store.GetAsync(id, CancellationToken.None))!.Value.Survey.Definition;
        Assert.Equal(name, stored.Name);
        Assert.Equal(ContactRole.Parent, stored.Segment.Role);
        Assert.Equal([school], stored.Segment.Schools);
        // The headline first, then the other ticked questions in bank order, the unticked comment left out.
        Assert.Equal(["parent-understanding", .. QuestionBank.DefaultQuestionIds(Audience.Parents).Where(q => q is not ("parent-understanding" or "parent-comment"))], stored.QuestionIds);
        Assert.Equal(new DateTimeOffset(due.UtcDateTime.Ticks - due.UtcDateTime.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero), stored.Schedule.Baseline);
        Assert.Equal(4, stored.Schedule.CadenceWeeks);
        Assert.Equal(3, stored.Schedule.Waves);
        // Its page says what was defined, in words.
        await Expect(page.GetByText(QuestionBank.Find("parent-understanding")!.Text.En + " — headline, in the email")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "No wave has opened yet." })).ToBeVisibleAsync();
        await OfficerPages.AssertAccessibleAsync(page);

        // And the list shows it.
        await page.GetByRole(AriaRole.Link, new() { Name = "All surveys" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });
        await Expect(row).ToContainTextAsync("Parents and families");
        await Expect(row).ToContainTextAsync("Active");
        await Expect(row).ToContainTextAsync(due.UtcDateTime.ToString("yyyy-MM-dd HH:mm") + " UTC");
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task A_survey_page_shows_its_open_wave_with_the_invitation_send_and_pausing_and_resuming_change_the_stored_survey()
    {
        var school = SurveyFixture.NewSchool("waves");
        await fixture.SeedAsync(school, 2);
        var surveyId = await fixture.CreateSurveyAsync(school);
        var waveId = await fixture.OpenWaveAsync(surveyId);

        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, $"/app/surveys/{surveyId}");
        var waves = page.GetByRole(AriaRole.Table, new() { Name = "Waves, their invitations and response rates", Exact = false });
        var wave = waves.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Wave 1", Exact = true }) });
        await Expect(wave).ToContainTextAsync("Open");
        await Expect(wave).ToContainTextAsync("Sent");
        await Expect(wave.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("2");
        await Expect(wave.GetByRole(AriaRole.Link, new() { Name = "Invitation send Wave 1" })).ToHaveAttributeAsync("href", $"/app/campaigns/{waveId}");
        // Nobody answered yet: two reached is fewer than five, so even the rate is not shown.
        await Expect(wave).ToContainTextAsync("suppressed (fewer than 5 responses)");
        await OfficerPages.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause the survey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The survey is paused");
        Assert.Equal(SurveyStatus.Paused, (await Store.GetAsync(surveyId, CancellationToken.None))!.Value.Survey.Status);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause the survey" })).ToHaveCountAsync(0);
        await OfficerPages.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Resume the survey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("running again");
        Assert.Equal(SurveyStatus.Active, (await Store.GetAsync(surveyId, CancellationToken.None))!.Value.Survey.Status);

        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);

        // An unknown survey is a page a person understands (the browser logs its 404, so this comes after the check above).
        var missing = await page.GotoAsync(new Uri(fixture.BaseAddress, $"/app/surveys/{new string('0', 32)}").ToString());
        Assert.Equal(404, missing!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await OfficerPages.AssertAccessibleAsync(page);
    }

    private static string Local(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
