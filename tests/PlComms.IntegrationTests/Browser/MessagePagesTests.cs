using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.IntegrationTests.Surveys;
using PlComms.IntegrationTests.Visions;
using PlComms.Messages;
using PlComms.Visions;
using static Microsoft.Playwright.Assertions;

namespace PlComms.IntegrationTests.Browser;

/// <summary>The message pages in real Chromium: generate, review as the reader sees it beside the guardrails, edit, approve, stale.</summary>
[Collection(SurveyCollection.Name)]
public sealed class MessagePagesTests(SurveyFixture fixture, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Parents_messages_are_generated_reviewed_as_their_readers_see_them_edited_approved_and_shown_stale_after_the_vision_changes()
    {
        // The vision's own-words shift has no Spanish: the Spanish message must be blocked, the English one approvable.
        var title = $"Ninth grade vision {Guid.NewGuid():n}"[..28];
        var (visionId, _) = await VisionRequests.CreateAsync(fixture.Officer, VisionRequests.ValidDraft(title));
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, "/app/messages");
        await OfficerPages.AssertAccessibleAsync(page);
        // The list pages through every vision oldest first; other tests' visions may push this one off the first page.
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Visions and their messages" }).GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/app/visions/[0-9a-f]{32}/messages$"));
        await page.GotoAsync(new Uri(fixture.BaseAddress, $"/app/visions/{visionId}/messages").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Messages for {title}", Level = 1 })).ToBeVisibleAsync();

        var generate = page.GetByRole(AriaRole.Group, new() { Name = "Audiences" });
        await generate.GetByLabel("Parents and families").CheckAsync();
        var channels = page.GetByRole(AriaRole.Group, new() { Name = "Channels" });
        await channels.GetByLabel("Email").CheckAsync();
        await channels.GetByLabel("Text message (SMS)").CheckAsync();
        await channels.GetByLabel("Social media post").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Languages" }).GetByLabel("English").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Languages" }).GetByLabel("Spanish").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 messages were written. Review each one below.");
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Messages by audience and language, newest first" }).GetByRole(AriaRole.Row);
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Filter(new() { HasText = "Spanish" })).ToContainTextAsync("Blocked");
        await Expect(rows.Filter(new() { HasText = "English" })).ToContainTextAsync("Draft");
        var stored = await fixture.Services.GetRequiredService<MessageStore>().ListAsync(visionId, CancellationToken.None);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, m => Assert.Equal([Channel.Email, Channel.Sms, Channel.Social], m.Channels));
        await OfficerPages.AssertAccessibleAsync(page);

        // The Spanish one names what the vision lacks and cannot be approved.
        await rows.Filter(new() { HasText = "Spanish" }).GetByRole(AriaRole.Link).ClickAsync();
        var report = page.GetByRole(AriaRole.Complementary, new() { Name = "Guardrail report" });
        await Expect(report).ToContainTextAsync("untranslated");
        await Expect(report).ToContainTextAsync("shifts[0].translations.es");
        await Expect(page.GetByText("It cannot be approved while a blocking finding stands. Edit it above.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve this message" })).ToHaveCountAsync(0);
        await OfficerPages.AssertAccessibleAsync(page);

        // The English one, as its readers see it: the email in a sandboxed frame, the SMS with its segments, the post with its length.
        await page.GetByRole(AriaRole.Link, new() { Name = "All messages of this vision" }).ClickAsync();
        await rows.Filter(new() { HasText = "English" }).GetByRole(AriaRole.Link).ClickAsync();
        var english = stored.Single(m => m.Language == MessageLanguage.En);
        var frame = page.Locator("iframe.email");
        await Expect(frame).ToHaveAttributeAsync("sandbox", "allow-same-origin");
        await Expect(page.FrameLocator("iframe.email").Locator("body")).ToContainTextAsync(english.Message.Headline);
        var sms = page.GetByRole(AriaRole.Region, new() { Name = "Text message (SMS)" });
        await Expect(sms).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d+ characters; SMS segments: \d+ \((GSM-7|UCS-2)\)"));
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Social media post" })).ToContainTextAsync("of 280 characters.");
        await Expect(page.GetByRole(AriaRole.Complementary, new() { Name = "Guardrail report" })).ToContainTextAsync("No blocking findings");
        await OfficerPages.AssertAccessibleAsync(page);
        await OfficerPages.AssertFitsAPhoneAsync(page);

        // Edit: the guardrails run again and the page shows the new words.
        await page.GetByLabel("Headline").FillAsync("A better fit for every student in ninth grade");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and check again" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved. The guardrails ran again");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("A better fit for every student in ninth grade");
        await Expect(page.FrameLocator("iframe.email").Locator("body")).ToContainTextAsync("A better fit for every student in ninth grade");

        await page.GetByLabel("Your name").FillAsync("Ana Officer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve this message" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Approved. Campaigns may now send it.");
        await Expect(page.GetByText("Approved by Ana Officer on")).ToBeVisibleAsync();
        var approved = (await fixture.Services.GetRequiredService<MessageStore>().GetAsync(visionId, english.Id, CancellationToken.None))!.Value.Message;
        Assert.True(approved.IsApproved);
        Assert.Equal("Ana Officer", approved.ApprovedBy);
        Assert.Equal(3, approved.Revision);

        // A new vision version makes it stale, and the page says why.
        var visions = fixture.Services.GetRequiredService<VisionStore>();
        var vision = (await visions.GetAsync(visionId, CancellationToken.None))!;
        await visions.UpdateAsync(visionId, vision.Version, vision.Content with { Title = title + ", revised" }, CancellationToken.None);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This message is stale" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("written from version 1 of the vision, which is now at version 2");
        await Expect(page.GetByText("It cannot be approved while it is stale.")).ToBeVisibleAsync();
        await OfficerPages.AssertAccessibleAsync(page);
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task An_edit_on_a_revision_someone_else_changed_saves_nothing_keeps_the_officers_words_and_says_why()
    {
        var (visionId, messageId) = await GenerateEnglishParentsEmailAsync();
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, $"/app/visions/{visionId}/messages/{messageId}");
        await page.GetByLabel("Why").FillAsync("Because every student learns differently.");

        // Meanwhile someone approves it through the API.
        var read = await fixture.Officer.GetAsync($"/api/visions/{visionId}/messages/{messageId}");
        var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/visions/{visionId}/messages/{messageId}/approve")
        {
            Content = ApiAssertions.JsonContent(new JsonObject { ["approver"] = "Someone Else" }),
        };
        approve.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Officer.SendAsync(approve)).StatusCode);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save and check again" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone changed this message after you opened it, so nothing was saved.");
        await Expect(page.GetByLabel("Why")).ToHaveValueAsync("Because every student learns differently.");
        await Expect(page.GetByText("Approved by Someone Else on")).ToBeVisibleAsync();
        var stored = (await fixture.Services.GetRequiredService<MessageStore>().GetAsync(visionId, messageId, CancellationToken.None))!.Value.Message;
        Assert.NotEqual("Because every student learns differently.", stored.Message.Why);
        Assert.True(stored.IsApproved);
        await OfficerPages.AssertAccessibleAsync(page);
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress, 409);
    }

    [Fact]
    public async Task The_email_frame_has_its_own_sandboxing_policy_and_unknown_messages_and_visions_answer_the_not_found_page()
    {
        var (visionId, messageId) = await GenerateEnglishParentsEmailAsync();
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, $"/app/visions/{visionId}/messages/{messageId}");

        var frame = await page.Context.APIRequest.GetAsync(new Uri(fixture.BaseAddress, $"/app/visions/{visionId}/messages/{messageId}/email").ToString());
        Assert.Equal(200, frame.Status);
        Assert.StartsWith("text/html", frame.Headers["content-type"]);
        var policy = frame.Headers["content-security-policy"];
        Assert.Contains("sandbox allow-same-origin;", policy);
        Assert.Contains("default-src 'none'", policy);
        Assert.DoesNotContain("script-src", policy);
        Assert.Contains("frame-ancestors 'self'", policy);

        var missing = await page.GotoAsync(new Uri(fixture.BaseAddress, $"/app/visions/{visionId}/messages/{new string('e', 32)}").ToString());
        Assert.Equal(404, missing!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await OfficerPages.AssertAccessibleAsync(page);
        var noVision = await page.GotoAsync(new Uri(fixture.BaseAddress, $"/app/visions/{new string('e', 32)}/messages").ToString());
        Assert.Equal(404, noVision!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();

        // Without a session the frame is not served.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.BaseAddress };
        var refused = await anonymous.GetAsync($"/app/visions/{visionId}/messages/{messageId}/email");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/app/sign-in", refused.Headers.Location!.ToString());
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress, 404);
    }

    private async Task<(string VisionId, string MessageId)> GenerateEnglishParentsEmailAsync()
    {
        var (visionId, _) = await VisionRequests.CreateAsync(fixture.Officer);
        var generated = await fixture.Officer.PostAsync($"/api/visions/{visionId}/messages", ApiAssertions.JsonContent(new JsonObject
        {
            ["audiences"] = new JsonArray("parents"),
            ["channels"] = new JsonArray("email"),
            ["languages"] = new JsonArray("en"),
        }));
        var item = Assert.Single((await generated.ReadObjectAsync())["items"]!.AsArray());
        return (visionId, item!["id"]!.GetValue<string>());
    }
}
