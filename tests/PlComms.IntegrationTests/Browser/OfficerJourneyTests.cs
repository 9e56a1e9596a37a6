using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PlComms.Demo;
using PlComms.IntegrationTests.Surveys;
using PlComms.Messages;
using PlComms.Visions;
using static Microsoft.Playwright.Assertions;

namespace PlComms.IntegrationTests.Browser;

/// <summary>
/// The communications officer's whole day in one browser session, as issue 11 describes it: sign in, edit the demo
/// vision, generate the parents' messages, approve one, import the demo contacts, send a campaign and watch it complete
/// with the outbox count, then read the results of a survey with demo data from the charts' tables, where the smallest
/// school shows only as suppressed. Every main page is checked with axe and saved as a full-page screenshot.
/// </summary>
[Collection(SurveyCollection.Name)]
public sealed partial class OfficerJourneyTests(SurveyFixture fixture, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_officer_goes_from_the_vision_to_the_results_in_the_browser()
    {
        var visions = fixture.Services.GetRequiredService<VisionStore>();
        if (await visions.GetAsync(DemoVision.Id, CancellationToken.None) is null)
            await visions.CreateAsync(DemoVision.Id, DemoVision.Content, CancellationToken.None);

        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(1280, 900);
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, "/app");
        await MainPageAsync(page, "home");

        // The vision: the demo vision, edited in the visioning tool's form.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Vision" }).ClickAsync();
        await MainPageAsync(page, "visions");
        await page.GotoAsync(new Uri(fixture.BaseAddress, $"/app/visions/{DemoVision.Id}").ToString());
        var version = (await visions.GetAsync(DemoVision.Id, CancellationToken.None))!.Version;
        var title = page.GetByLabel("Title");
        var edited = DemoVision.Content.Title + " (2026–27)";
        await title.FillAsync(edited);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Saved as version {version + 1}.");
        Assert.Equal(edited, (await visions.GetAsync(DemoVision.Id, CancellationToken.None))!.Content.Title);
        await Expect(page.Locator("#statement-preview")).Not.ToBeEmptyAsync();
        await MainPageAsync(page, "vision-form");

        // Messages: the parents' email in English and Spanish; the English one approved after review.
        await page.GotoAsync(new Uri(fixture.BaseAddress, $"/app/visions/{DemoVision.Id}/messages").ToString());
        await page.GetByRole(AriaRole.Group, new() { Name = "Audiences" }).GetByLabel("Parents and families").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Channels" }).GetByLabel("Email").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Channels" }).GetByLabel("Text message (SMS)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 messages were written. Review each one below.");
        await MainPageAsync(page, "messages");
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Messages by audience and language, newest first" }).GetByRole(AriaRole.Row);
        await rows.Filter(new() { HasText = "English" }).First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.FrameLocator("iframe.email").Locator("body")).Not.ToBeEmptyAsync();
        await MainPageAsync(page, "message-review");
        await page.GetByLabel("Your name").FillAsync("Dana Officer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve this message" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Approved. Campaigns may now send it.");
        var messageId = MessageIdPattern().Match(page.Url).Groups[1].Value;
        Assert.True((await fixture.Services.GetRequiredService<MessageStore>().GetAsync(DemoVision.Id, messageId, CancellationToken.None))!.Value.Message.IsApproved);

        // Contacts: the demo file, dry run first, then imported.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Contacts" }).ClickAsync();
        await MainPageAsync(page, "contacts");
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/app/contacts/import").ToString());
        await page.GetByLabel("Contacts file").SetInputFilesAsync(DemoLoader.ContactsFile);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await Expect(page.GetByText("This is a dry run: nothing is saved yet.")).ToBeVisibleAsync();
        await MainPageAsync(page, "contacts-import");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import these rows" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import these rows" })).ToHaveCountAsync(0);

        // A campaign of the approved message to one demo school, followed live until it completes.
        await page.GotoAsync(new Uri(fixture.BaseAddress, $"/app/campaigns/new?vision={DemoVision.Id}").ToString());
        await page.GetByRole(AriaRole.Group, new() { Name = "Message" }).GetByRole(AriaRole.Radio, new() { Name = "Parents and families · English" }).CheckAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Our vision, for Roosevelt families");
        await page.GetByRole(AriaRole.Group, new() { Name = "Who gets it" }).GetByLabel("Schools").FillAsync("roosevelt-middle-school");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the campaign" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/app/campaigns/[0-9a-f]{32}$"));
        var live = page.Locator("#live-status");
        var until = DateTime.UtcNow.AddSeconds(90);
        while (!(await live.TextContentAsync() ?? "").Contains("Completed", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < until, "The campaign never completed: " + await live.TextContentAsync());
            await fixture.FireAsync("DispatchCampaigns");
            await Task.Delay(1000);
        }
        var sent = SentPattern().Match(await live.TextContentAsync() ?? "");
        Assert.True(sent.Success, "The live status gives no sent count: " + await live.TextContentAsync());
        // Roosevelt's demo families: three parents and a guardian.
        Assert.Equal("4", sent.Groups[1].Value);
        var files = Directory.GetFiles(fixture.Outbox, "*.eml").Length;
        await Expect(page.Locator("#outbox-count")).ToHaveTextAsync($"{files} email files in the outbox folder ({fixture.Outbox}).");
        await MainPageAsync(page, "campaign");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the campaigns" }).ClickAsync();
        await MainPageAsync(page, "campaigns");

        // Results of the demo survey (three waves of 147 families): read from the charts' tables.
        await DemoResults.RunAsync(fixture.Services, TextWriter.Null, CancellationToken.None);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Surveys" }).ClickAsync();
        await MainPageAsync(page, "surveys");
        await page.GotoAsync(new Uri(fixture.BaseAddress, $"/app/surveys/{DemoResults.SurveyId}/results").ToString());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-charts", "drawn");
        var rates = page.GetByRole(AriaRole.Table, new() { Name = "Response rate by wave and group", Exact = true });
        var everyone = rates.GetByRole(AriaRole.Row).Filter(new() { HasText = "Everyone" });
        await Expect(everyone).ToHaveCountAsync(3);
        foreach (var row in await everyone.AllAsync())
            Assert.Matches(@"Wave \d\s+Everyone\s+147\s+\d+\s+\d+(\.\d)?%", (await row.InnerTextAsync()).Replace('\t', ' '));
        var lincoln = rates.GetByRole(AriaRole.Row).Filter(new() { HasText = "Lincoln Elementary" });
        await Expect(lincoln).ToHaveCountAsync(3);
        Assert.Contains("60", await lincoln.First.InnerTextAsync());
        // Jefferson Academy has three families: no figure anywhere, only "suppressed".
        var jefferson = page.Locator("tr[data-group='school:jefferson-academy']");
        Assert.True(await jefferson.CountAsync() >= 3, "Jefferson Academy has a row in the tables.");
        foreach (var row in await jefferson.AllAsync())
        {
            var text = await row.InnerTextAsync();
            Assert.Contains("suppressed", text);
            Assert.DoesNotMatch(@"\d+%|\s3\s", WaveLabel().Replace(text, ""));
        }
        await MainPageAsync(page, "results");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Follow-ups" }).ClickAsync();
        await MainPageAsync(page, "follow-ups");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "API" }).ClickAsync();
        await MainPageAsync(page, "api");
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    private static async Task MainPageAsync(IPage page, string name)
    {
        await OfficerPages.AssertAccessibleAsync(page);
        await OfficerPages.ScreenshotAsync(page, name);
    }

    [GeneratedRegex("/messages/([0-9a-f]{32})")]
    private static partial Regex MessageIdPattern();

    [GeneratedRegex(@"(\d+) of \1 sent, 0 failed")]
    private static partial Regex SentPattern();

    [GeneratedRegex(@"Wave \d+")]
    private static partial Regex WaveLabel();
}
