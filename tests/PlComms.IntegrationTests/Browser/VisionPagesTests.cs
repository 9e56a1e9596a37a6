using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PlComms.IntegrationTests.Surveys;
using PlComms.Visions;
using static Microsoft.Playwright.Assertions;

namespace PlComms.IntegrationTests.Browser;

/// <summary>The visioning tool as the officer's form, in real Chromium: drafting, the live statement, errors beside their fields, versions and their differences, team drafts compared.</summary>
[Collection(SurveyCollection.Name)]
public sealed partial class VisionPagesTests(SurveyFixture fixture, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_vision_drafted_in_the_form_is_stored_as_the_API_would_store_it_with_a_live_statement_and_errors_beside_their_fields()
    {
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, "/app/visions/new");
        await OfficerPages.AssertAccessibleAsync(page);
        await OfficerPages.AssertFitsAPhoneAsync(page);

        await page.GetByLabel("Title").FillAsync("Ninth-grade vision");
        await page.GetByLabel("Author").FillAsync("Team member A");
        var additional = page.GetByRole(AriaRole.Group, new() { Name = "Students needing additional instructional supports" });
        await additional.GetByLabel("English learners").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Students in specific grades or subjects" }).GetByLabel("Your own words (one per line)").FillAsync("ninth graders");
        var shortTerm = page.GetByRole(AriaRole.Group, new() { Name = "Short-term impact" });
        await shortTerm.GetByLabel("Improved attendance", new() { Exact = true }).CheckAsync();
        await shortTerm.GetByLabel("How you will measure: Improved attendance").FillAsync("average daily attendance");
        await shortTerm.GetByLabel("Top-three rank: Improved attendance").SelectOptionAsync("1");
        // The same rank twice: the validator refuses it, beside the field.
        await shortTerm.GetByLabel("Your own impact 1", new() { Exact = true }).FillAsync("more students on track in ninth grade");
        await shortTerm.GetByLabel("Top-three rank of your own impact 1").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Group, new() { Name = "I. Planning and Design" }).GetByLabel("Establishing a personalized learning design committee").CheckAsync();
        var shift = page.GetByRole(AriaRole.Group, new() { Name = "Shift 1", Exact = true });
        await shift.GetByLabel("What changes").FillAsync("How students learn will be more tailored to them.");
        await shift.GetByLabel("What stays the same").FillAsync("What students learn will stay the same.");
        await shift.GetByLabel("Parents and families").CheckAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Priority 1 is already given to another impact.");
        var rank = shortTerm.GetByLabel("Top-three rank of your own impact 1");
        await Expect(rank).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#" + await rank.GetAttributeAsync("aria-describedby"))).ToContainTextAsync("already given");
        // What was entered is all still there.
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync("Ninth-grade vision");
        await Expect(shortTerm.GetByLabel("Improved attendance", new() { Exact = true })).ToBeCheckedAsync();
        await OfficerPages.AssertAccessibleAsync(page);

        // Fix it; the statement follows as the officer types (the page's script), before anything is saved.
        await shortTerm.GetByLabel("Top-three rank of your own impact 1").SelectOptionAsync("2");
        await Expect(page.Locator("#statement-preview")).ToContainTextAsync("English learners and ninth graders");
        await Expect(page.Locator("#statement-preview")).ToContainTextAsync("Improved attendance and more students on track in ninth grade");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved as version 1.");

        var id = IdPattern().Match(page.Url).Groups[1].Value;
        var stored = (await fixture.Services.GetRequiredService<VisionStore>().GetAsync(id, CancellationToken.None))!.Content;
        Assert.Equal("Ninth-grade vision", stored.Title);
        Assert.Equal([new FocusItem(FocusCategory.AdditionalSupports, "English learners"), new FocusItem(FocusCategory.GradesOrSubjects, "ninth graders")], stored.Focus);
        Assert.Equal(new Impact("Improved attendance", "average daily attendance", 1), stored.ShortTermImpacts[0]);
        Assert.Equal(2, stored.ShortTermImpacts[1].Priority);
        Assert.Equal(PlComms.Shared.Audience.Parents, Assert.Single(Assert.Single(stored.Shifts).Audiences));
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task Two_versions_show_side_by_side_with_what_changed_and_two_drafts_compare_by_agreement()
    {
        var store = fixture.Services.GetRequiredService<VisionStore>();
        var id = VisionStore.NewId();
        var first = new VisionContent("Draft by Ana", "Ana", [new FocusItem(FocusCategory.Other, "English learners")], [new Impact("Improved attendance", null, 1)], [], [], []);
        await store.CreateAsync(id, first, CancellationToken.None);
        await store.UpdateAsync(id, 1, first with { Focus = [.. first.Focus, new FocusItem(FocusCategory.Other, "Gifted students")] }, CancellationToken.None);
        var other = VisionStore.NewId();
        await store.CreateAsync(other, first with { Title = "Draft by Ben", Author = "Ben" }, CancellationToken.None);

        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, $"/app/visions/{id}/versions");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Saved versions" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the differences" }).ClickAsync();
        var differences = page.GetByRole(AriaRole.Table, new() { Name = "Compare two versions" });
        await Expect(differences.GetByRole(AriaRole.Row, new() { Name = "Focus" })).ToContainTextAsync("Gifted students");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Statement of version 2" })).ToBeVisibleAsync();
        await OfficerPages.AssertAccessibleAsync(page);

        await page.GotoAsync(new Uri(fixture.BaseAddress, "/app/visions/compare").ToString());
        await page.GetByLabel("Draft by Ana (Ana)").CheckAsync();
        await page.GetByLabel("Draft by Ben (Ben)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare", Exact = true }).ClickAsync();
        var focus = page.GetByRole(AriaRole.Table, new() { Name = "Focus" });
        await Expect(focus.GetByRole(AriaRole.Row, new() { Name = "English learners" })).ToContainTextAsync("Consensus");
        await Expect(focus.GetByRole(AriaRole.Row, new() { Name = "Gifted students" })).ToContainTextAsync("Unique");
        await OfficerPages.AssertAccessibleAsync(page);
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [GeneratedRegex("/app/visions/([0-9a-f]{32})")]
    private static partial Regex IdPattern();
}
