using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.IntegrationTests.Campaigns;
using PlComms.IntegrationTests.Surveys;
using static Microsoft.Playwright.Assertions;

namespace PlComms.IntegrationTests.Browser;

/// <summary>
/// The officer's contacts and campaigns pages in real Chromium: a CSV with a bad row is dry-run (the report names the
/// row's line, column and reason), then imported, and its people are in the list and one is erased; a segment is
/// previewed; a suppression is added and lifted; a campaign of an approved message goes to a school and the page
/// follows it live to the end with the sent count and the outbox's; a file over the limit gets a page saying the limit;
/// and the upload and campaign forms work from the keyboard alone. axe runs on every page, and nothing but the app is
/// reached and nothing breaks the Content-Security-Policy.
/// </summary>
[Collection(SurveyCollection.Name)]
public sealed class ContactsAndCampaignsBrowserTests(SurveyFixture fixture, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private ContactQueries Contacts => fixture.Services.GetRequiredService<ContactQueries>();

    [Fact]
    public async Task A_csv_with_a_bad_row_is_dry_run_with_the_row_error_then_imported_and_its_people_are_listed_and_one_is_erased()
    {
        var school = SurveyFixture.NewSchool("upload");
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, "/app/contacts/import");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Upload contacts");
        await Expect(page.GetByText("At most 1 MB.")).ToBeVisibleAsync();
        await OfficerPages.AssertAccessibleAsync(page);

        await page.GetByLabel("Contacts file").SetInputFilesAsync(Csv("families.csv", FamiliesCsv(school)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/app/contacts/import/[0-9a-f]{32}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("What this file would change");
        await Expect(page.GetByText("This is a dry run: nothing is saved yet.")).ToBeVisibleAsync();
        await Expect(page.GetByText("File: families.csv")).ToBeVisibleAsync();
        await AssertCountsAsync(page, rows: 3, valid: 2, created: 2, errors: 1);
        var errorRow = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Nth(1);
        await Expect(errorRow.GetByRole(AriaRole.Cell)).ToHaveTextAsync([new Regex("^upload\\.csv$"), new Regex("^3$"), new Regex("^email$"), new Regex("'not-an-address' is not a single email address")]);
        await OfficerPages.AssertAccessibleAsync(page);
        // A dry run: nobody of the school is stored yet.
        Assert.Empty(await StoredAsync(school));

        await page.GetByRole(AriaRole.Button, new() { Name = "Import these rows" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("The file is imported");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Imported: 2 contacts added or updated, 0 unchanged.");
        // The same counts as the dry run: the import applied the very upload the officer saw.
        await AssertCountsAsync(page, rows: 3, valid: 2, created: 2, errors: 1);
        await OfficerPages.AssertAccessibleAsync(page);
        Assert.Equal(["ana.reyes." + school + "@example.org", "ben.ortiz." + school + "@example.org"], (await StoredAsync(school)).Select(c => c.Email).Order());
        // Reloading the report imports nothing again; the bytes are gone once imported.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import these rows" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "See the contacts" }).ClickAsync();
        await page.GetByLabel("Schools").FillAsync(school);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show contacts" }).ClickAsync();
        var list = page.GetByRole(AriaRole.Table, new() { Name = "Contacts matching the filters, 50 per page" });
        await Expect(list.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Expect(list.GetByRole(AriaRole.Link, new() { Name = "Ana Reyes" })).ToBeVisibleAsync();
        await Expect(list.GetByRole(AriaRole.Link, new() { Name = "Ben Ortiz" })).ToBeVisibleAsync();
        await Expect(list.GetByRole(AriaRole.Row, new() { Name = "Ben Ortiz" })).ToContainTextAsync("es-MX");
        await OfficerPages.AssertAccessibleAsync(page);

        // Erasure asks first and says it is permanent.
        await list.GetByRole(AriaRole.Link, new() { Name = "Ben Ortiz" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ben Ortiz");
        await OfficerPages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Erase this contact…" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Erase Ben Ortiz?" })).ToBeVisibleAsync();
        await Expect(page.GetByText("This is permanent: it cannot be undone.")).ToBeVisibleAsync();
        Assert.Equal(2, (await StoredAsync(school)).Count);
        await OfficerPages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase permanently" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The contact is erased. Campaign counts keep their figures, without the address.");
        Assert.Equal(["ana.reyes." + school + "@example.org"], (await StoredAsync(school)).Select(c => c.Email));
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task A_segment_preview_counts_the_school_s_parents_and_narrows_to_those_who_read_Spanish()
    {
        var school = SurveyFixture.NewSchool("segment");
        await fixture.SeedAsync(school, 5);
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, "/app/contacts/segments");
        await OfficerPages.AssertAccessibleAsync(page);

        await page.GetByLabel("Role").SelectOptionAsync("parent");
        await page.GetByLabel("Schools").FillAsync(school);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the segment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("This segment reaches 5 contacts.");
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row)).ToHaveCountAsync(6);

        await page.GetByLabel("Languages").FillAsync("es");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the segment" }).ClickAsync();
        // SeedAsync gives every other parent Spanish: persons 1 and 3.
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("This segment reaches 2 contacts.");
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await OfficerPages.AssertAccessibleAsync(page);

        // The same figures as the API's preview.
        var api = await Contacts.PreviewAsync(new SegmentInput("parent", [school], null, ["es"]), null, CancellationToken.None);
        Assert.Equal(2, api.Value!.Count);

        await page.GetByLabel("Languages").FillAsync("english");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the segment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("'english' is not a BCP 47 language tag");
        await Expect(page.GetByLabel("Languages")).ToHaveAttributeAsync("aria-invalid", "true");
        await OfficerPages.AssertAccessibleAsync(page);
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task A_suppression_added_on_the_page_is_stored_and_listed_and_lifting_it_removes_it()
    {
        var email = $"opted.out.{Guid.NewGuid():N}@families.example.org";
        var store = fixture.Services.GetRequiredService<SuppressionStore>();
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, "/app/suppressions");
        await OfficerPages.AssertAccessibleAsync(page);

        var form = page.GetByRole(AriaRole.Form, new() { Name = "Suppress an address" });
        await form.GetByLabel("Email").FillAsync(email.ToUpperInvariant());
        await form.GetByLabel("What it stops").SelectOptionAsync("surveys");
        await form.GetByLabel("Reason").SelectOptionAsync("unsubscribed");
        await form.GetByLabel("Note (optional)").FillAsync("Asked by phone on Monday.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Suppress the address" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{email} is suppressed.");
        var stored = Assert.Single((await store.ListAsync(email, null, 10, CancellationToken.None)).Items);
        Assert.Equal((email, SuppressionScope.Surveys, SuppressionReason.Unsubscribed, "officer", "Asked by phone on Monday."),
            (stored.Email, stored.Scope, stored.Reason, stored.Source, stored.Note));
        Assert.DoesNotContain(email, page.Url, StringComparison.OrdinalIgnoreCase);

        await page.GetByLabel("Find an address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }).ClickAsync();
        var row = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Nth(1);
        await Expect(row.GetByRole(AriaRole.Cell).First).ToHaveTextAsync(email);
        await Expect(row).ToContainTextAsync("Surveys");
        await Expect(row).ToContainTextAsync("Unsubscribed");
        await OfficerPages.AssertAccessibleAsync(page);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Lift the suppression of {email} (Surveys)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The suppression is lifted. Mail to the address goes out again.");
        Assert.Empty((await store.ListAsync(email, null, 10, CancellationToken.None)).Items);
        await OfficerPages.AssertAccessibleAsync(page);
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task A_campaign_of_an_approved_message_to_a_school_is_followed_live_to_completion_with_its_sent_count_and_the_outbox_count()
    {
        var school = SurveyFixture.NewSchool("campaign");
        await fixture.SeedAsync(school, 4);
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(fixture.Officer);
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, "/app/campaigns");
        await OfficerPages.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "New campaign" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("New campaign");
        await OfficerPages.AssertAccessibleAsync(page);
        await page.GetByLabel("Vision").SelectOptionAsync(visionId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show its messages" }).ClickAsync();
        var messages = page.GetByRole(AriaRole.Group, new() { Name = "Message" });
        // Both approved versions are offered; each parent gets the one in their language whichever is chosen.
        await Expect(messages.GetByRole(AriaRole.Radio)).ToHaveCountAsync(2);
        await messages.GetByRole(AriaRole.Radio, new() { Name = "Parents and families · English" }).CheckAsync();
        Assert.Equal(messageId, await messages.GetByRole(AriaRole.Radio, new() { Name = "Parents and families · English" }).GetAttributeAsync("value"));
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Letter to {school}");
        await page.GetByRole(AriaRole.Group, new() { Name = "Who gets it" }).GetByLabel("Schools").FillAsync(school);
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Now" })).ToBeCheckedAsync();
        await OfficerPages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the campaign" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/app/campaigns/[0-9a-f]{32}$"));
        var campaignId = page.Url[^32..];
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Letter to {school}");
        // Without script the page would reload itself while it sends; with script it updates in place.
        Assert.Contains("http-equiv=\"refresh\"", await page.Locator("head noscript").TextContentAsync() ?? "");
        await Expect(page.GetByText("This page updates every 5 seconds while the campaign sends.")).ToBeVisibleAsync();
        await OfficerPages.AssertAccessibleAsync(page);
        await page.EvaluateAsync("() => { window.stillThisPage = true; }");

        // The poller sends; the dispatch timer completes the campaign; the page's script shows it, without a reload.
        var live = page.Locator("#live-status");
        var until = DateTime.UtcNow.AddSeconds(90);
        while (!(await live.TextContentAsync() ?? "").Contains("Completed", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < until, "The campaign page never showed the campaign completed: " + await live.TextContentAsync());
            await fixture.FireAsync("DispatchCampaigns");
            await Task.Delay(1000);
        }
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillThisPage === true"), "The page reloaded instead of updating in place.");
        await Expect(live).ToContainTextAsync("4 of 4 sent, 0 failed, 0 still queued.");
        Assert.Equal("4", await CountAsync(page, "Sent"));
        Assert.Equal("4", await CountAsync(page, "Recipients"));
        Assert.Equal(4, fixture.Emails(campaignId, school).Count);
        var files = Directory.GetFiles(fixture.Outbox, "*.eml").Length;
        await Expect(page.Locator("#outbox-count")).ToHaveTextAsync($"{files} email files in the outbox folder ({fixture.Outbox}).");
        await Expect(page.GetByText("This page updates every 5 seconds while the campaign sends.")).ToBeHiddenAsync();
        var batches = page.GetByRole(AriaRole.Table, new() { Name = "Each batch: one language, up to 1,000 recipients, one request to the sender" });
        await Expect(batches.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Expect(batches.Locator(".status.sent")).ToHaveCountAsync(2);
        await OfficerPages.AssertAccessibleAsync(page);

        // Finished, the page no longer refreshes itself, and the list shows the campaign completed.
        await page.ReloadAsync();
        await Expect(page.Locator("head noscript")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the campaigns" }).ClickAsync();
        var listed = page.GetByRole(AriaRole.Row, new() { Name = $"Letter to {school}" });
        await Expect(listed).ToContainTextAsync("Campaign");
        await Expect(listed).ToContainTextAsync("Completed");
        await OfficerPages.AssertAccessibleAsync(page);
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task A_follow_up_draft_is_finished_with_an_approved_message_for_a_later_time_then_cancelled_after_a_confirmation_in_Spanish_too()
    {
        var school = SurveyFixture.NewSchool("draft");
        await fixture.SeedAsync(school, 2);
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(fixture.Officer);
        var store = fixture.Services.GetRequiredService<CampaignStore>();
        var now = fixture.Clock.GetUtcNow();
        // What the EvaluateFollowUps timer makes when a rule fires: a draft to the group, with the reason, and no message.
        var draft = new StoredCampaign(Guid.CreateVersion7(now).ToString("n"), $"Follow-up for {school}", "", "",
            new Segment(ContactRole.Parent, [school], [], []), MessageStream.Announcements, now, CampaignStatus.Draft,
            "parent-understanding is 40% favorable, below 60%.", [], 0, null, 0, 0, null, now, now, null);
        await store.AddAsync(draft, CancellationToken.None);
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, "/app/campaigns");

        var drafts = page.GetByRole(AriaRole.Heading, new() { Name = "Follow-ups waiting for a message" });
        await Expect(drafts).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Follow-up for {school}" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Draft");
        await Expect(page.GetByText("parent-understanding is 40% favorable, below 60%.")).ToBeVisibleAsync();
        await OfficerPages.AssertAccessibleAsync(page);
        await page.GetByLabel("Vision").SelectOptionAsync(visionId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show its messages" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Parents and families · English" }).CheckAsync();
        var at = new DateTimeOffset(now.UtcDateTime.Date.AddDays(2).AddHours(15).AddMinutes(30), TimeSpan.Zero);
        await page.GetByRole(AriaRole.Radio, new() { Name = "At a date and time" }).CheckAsync();
        await page.GetByLabel("Date and time (UTC)").FillAsync(at.ToString("yyyy-MM-dd'T'HH:mm"));
        await OfficerPages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the follow-up" }).ClickAsync();

        await Expect(page.GetByText("The follow-up is scheduled.")).ToBeVisibleAsync();
        await Expect(page.Locator("#live-status")).ToContainTextAsync("Scheduled");
        await Expect(page.GetByText(at.ToString("yyyy-MM-dd HH:mm") + " UTC")).ToBeVisibleAsync();
        var scheduled = (await store.GetAsync(draft.Id, CancellationToken.None))!.Value.Campaign;
        Assert.Equal((CampaignStatus.Scheduled, visionId, messageId, at), (scheduled.Status, scheduled.VisionId, scheduled.MessageId, scheduled.ScheduledAt));
        // Not sending yet, so the page does not refresh itself.
        Assert.Equal(0, await page.Locator("head noscript").CountAsync());

        // The same page in Spanish, then the cancel, which asks first.
        await page.GotoAsync(new Uri(fixture.BaseAddress, $"/app/campaigns/{draft.Id}?lang=es").ToString());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.Locator("#live-status")).ToContainTextAsync("Programada");
        await OfficerPages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancelar esta campaña…" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"¿Cancelar Follow-up for {school}?" })).ToBeVisibleAsync();
        Assert.Equal(CampaignStatus.Scheduled, (await store.GetAsync(draft.Id, CancellationToken.None))!.Value.Campaign.Status);
        await OfficerPages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancelar la campaña" }).ClickAsync();
        await Expect(page.GetByText("La campaña está cancelada.")).ToBeVisibleAsync();
        await Expect(page.Locator("#live-status")).ToContainTextAsync("Cancelada");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cancelar esta campaña…" })).ToHaveCountAsync(0);
        Assert.Equal(CampaignStatus.Cancelled, (await store.GetAsync(draft.Id, CancellationToken.None))!.Value.Campaign.Status);
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task An_upload_over_the_limit_gets_a_page_that_states_the_limit_and_keeps_nothing()
    {
        var drafts = fixture.Services.GetRequiredService<ImportDrafts>();
        var held = drafts.HeldBytes;
        var big = new StringBuilder("email,role\r\n");
        while (big.Length < 1_300_000) big.Append("someone.with.a.long.address@families.example.org,parent\r\n");
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, "/app/contacts/import");

        await page.GetByLabel("Contacts file").SetInputFilesAsync(Csv("everyone.csv", big.ToString()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/app/contacts/import\\?problem=too-large$"));
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("The file is too large.");
        await Expect(alert).ToContainTextAsync("Files of contacts are limited to 1 MB (setting Contacts__MaxUploadMegabytes).");
        await Expect(page.GetByLabel("Contacts file")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(held, drafts.HeldBytes);
        await OfficerPages.AssertAccessibleAsync(page);
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task The_upload_and_campaign_forms_are_filled_and_sent_with_the_keyboard_alone()
    {
        var school = SurveyFixture.NewSchool("keyboard");
        var (visionId, _) = await PipelineRequests.ApprovedParentMessageAsync(fixture.Officer);
        var path = Path.Combine(Path.GetTempPath(), $"families-{school}.csv");
        await File.WriteAllTextAsync(path, FamiliesCsv(school));
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        var keyboard = page.Keyboard;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, "/app/contacts/import");

        // The file input: Tab to it, Space opens the file chooser.
        await TabToAsync(page, "#file");
        var chooser = await page.RunAndWaitForFileChooserAsync(() => keyboard.PressAsync("Space"));
        await chooser.SetFilesAsync(path);
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check the file" })).ToBeFocusedAsync();
        Assert.Equal("solid", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("What this file would change");
        await TabToAsync(page, "button[type=submit]:text('Import these rows')");
        await keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("The file is imported");
        Assert.Equal(2, (await StoredAsync(school)).Count);

        await page.GotoAsync(new Uri(fixture.BaseAddress, $"/app/campaigns/new?vision={visionId}").ToString());
        await TabToAsync(page, "input[name=messageId]");
        await keyboard.PressAsync("Space");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Parents and families · English" })).ToBeCheckedAsync();
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToBeFocusedAsync();
        await keyboard.TypeAsync($"Keyboard letter {school}");
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Schools")).ToBeFocusedAsync();
        await keyboard.TypeAsync(school);
        await TabToAsync(page, "button[type=submit]:text('Create the campaign')");
        await keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/app/campaigns/[0-9a-f]{32}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Keyboard letter {school}");
        var stored = await fixture.Services.GetRequiredService<CampaignStore>().GetAsync(page.Url[^32..], CancellationToken.None);
        Assert.Equal([school], stored!.Value.Campaign.Segment.Schools);
        Assert.Equal(PlComms.Contacts.ContactRole.Parent, stored.Value.Campaign.Segment.Role);
        await fixture.WaitForSendAsync(stored.Value.Campaign.Id);
        File.Delete(path);
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    /// <summary>Two parents of the school (Ben reads Mexican Spanish) around a row whose address is no address.</summary>
    private static string FamiliesCsv(string school) =>
        "email,role,given_name,family_name,schools,grades,language\r\n" +
        $"ana.reyes.{school}@example.org,parent,Ana,Reyes,{school},03,en\r\n" +
        $"not-an-address,parent,Cy,Lane,{school},03,en\r\n" +
        $"ben.ortiz.{school}@example.org,parent,Ben,Ortiz,{school},KG,es-MX\r\n";

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    private async Task<IReadOnlyList<ContactDocument>> StoredAsync(string school) =>
        (await Contacts.ListAsync(new ContactListQuery(null, [school], null, null, null, null, null), CancellationToken.None)).Value!.Items;

    private static async Task AssertCountsAsync(IPage page, int rows, int valid, int created, int errors)
    {
        Assert.Equal(rows.ToString(), await CountAsync(page, "Rows read"));
        Assert.Equal(valid.ToString(), await CountAsync(page, "Valid rows"));
        Assert.Equal(created.ToString(), await CountAsync(page, "New contacts"));
        Assert.Equal("0", await CountAsync(page, "Updated contacts"));
        Assert.Equal("0", await CountAsync(page, "Unchanged"));
        Assert.Equal(created.ToString(), await CountAsync(page, "Changed in all"));
        Assert.Equal(errors.ToString(), await CountAsync(page, "Rows with problems"));
    }

    /// <summary>The figure a count card shows under its label.</summary>
    private static async Task<string> CountAsync(IPage page, string label) =>
        (await page.Locator($"xpath=//dl[contains(@class,'counts')]/div[dt[normalize-space()='{label}']]/dd").TextContentAsync())!.Trim();

    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has the focus (at most 60 times).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        var target = page.Locator(selector).First;
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
        }
        Assert.Fail($"Tab never reached {selector}.");
    }
}
