using Microsoft.Playwright;
using PlComms.IntegrationTests.Surveys;
using static Microsoft.Playwright.Assertions;

namespace PlComms.IntegrationTests.Browser;

/// <summary>The web app's frame in real Chromium: sign-in and sign-out, the navigation, the language switch, friendly errors.</summary>
[Collection(SurveyCollection.Name)]
public sealed class WebAppShellTests(SurveyFixture fixture, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_page_without_a_session_sends_the_officer_to_sign_in_and_a_wrong_key_is_refused_beside_its_field()
    {
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/app").ToString());
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/sign-in"));
        await OfficerPages.AssertAccessibleAsync(page);
        await page.GetByLabel("Officer API key").FillAsync("not-the-key-not-the-key-not-the-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not one of this district's officer keys");
        await Expect(page.GetByLabel("Officer API key")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.DoesNotContain(await session.Context.CookiesAsync(), c => c.Name == "plcomms-session");
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task Signed_in_the_officer_finds_every_feature_in_the_navigation_can_switch_to_Spanish_and_signs_out()
    {
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress);
        var cookie = Assert.Single(await session.Context.CookiesAsync(), c => c.Name == "plcomms-session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your communications at a glance");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        foreach (var name in new[] { "Home", "Vision", "Messages", "Contacts", "Campaigns", "Surveys", "Follow-ups", "API" })
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Home", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await OfficerPages.AssertAccessibleAsync(page);
        await OfficerPages.AssertFitsAPhoneAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Español" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Su comunicación de un vistazo");
        // The choice is remembered on the next page.
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/app").ToString());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You are signed out.");
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/app").ToString());
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/sign-in"));
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task An_unknown_page_is_a_page_a_person_understands()
    {
        await using var session = await chromium.OpenAsync();
        await OfficerPages.SignInAsync(session.Page, fixture.BaseAddress);
        var response = await session.Page.GotoAsync(new Uri(fixture.BaseAddress, "/app/no-such-page").ToString());
        Assert.Equal(404, response!.Status);
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await OfficerPages.AssertAccessibleAsync(session.Page);
    }
}
