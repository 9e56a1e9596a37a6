using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using PlComms.Delivery.Sending.Outbox;
using PlComms.IntegrationTests.Contacts;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Campaigns;

/// <summary>
/// The local path a new user takes: import the demo contacts, approve the parents' message in English and Spanish,
/// send a campaign, and read the outbox, through the standalone queue poller and the outbox sender.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CampaignOutboxTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Officer;

    [Fact]
    public async Task A_campaign_of_the_approved_parent_message_to_the_demo_parents_writes_one_valid_eml_each_in_their_language_with_one_click_unsubscribe()
    {
        var import = await (await _client.PostAsync("/api/contacts/import", ContactUploads.DemoCsv())).ReadObjectAsync();
        Assert.Equal(0, import["errorCount"]!.GetValue<int>());
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(_client);
        var parents = (await (await _client.PostAsync("/api/segments/preview", ApiAssertions.JsonContent(new JsonObject
        {
            ["role"] = "parent", ["schools"] = new JsonArray("lincoln-elementary", "roosevelt-middle-school"),
        }))).ReadObjectAsync())["recipients"]!.AsArray();
        Assert.Equal(8, parents.Count);

        var created = await _client.PostAsync("/api/campaigns", ApiAssertions.JsonContent(new JsonObject
        {
            ["name"] = "Demo parents",
            ["visionId"] = visionId,
            ["messageId"] = messageId,
            ["segment"] = new JsonObject { ["role"] = "parent", ["schools"] = new JsonArray("lincoln-elementary", "roosevelt-middle-school") },
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadObjectAsync())["id"]!.GetValue<string>();
        var done = await PipelineRequests.WaitForCompletionAsync(_client, id, TimeSpan.FromSeconds(60));
        Assert.Equal(8, done["progress"]!["sent"]!.GetValue<int>());

        var outbox = fixture.Services.GetRequiredService<IOptions<OutboxOptions>>().Value.FullDirectory;
        var mails = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(outbox, "*.eml"))
        {
            var mail = await MimeMessage.LoadAsync(file);
            if (mail.Headers["X-PlComms-Delivery-Id"]?.StartsWith(id + ".", StringComparison.Ordinal) == true) mails.Add(mail);
        }
        Assert.Equal(8, mails.Count);
        foreach (var parent in parents)
        {
            var email = parent!["email"]!.GetValue<string>();
            var mail = Assert.Single(mails, m => m.To.Mailboxes.Single().Address == email);
            // Spanish speakers (es, es-MX) get the Spanish message; everyone else, English.
            var expected = parent["language"]!.GetValue<string>().StartsWith("es", StringComparison.Ordinal) ? "es" : "en";
            Assert.Equal(expected, mail.Body!.Headers[HeaderId.ContentLanguage] ?? mail.Headers[HeaderId.ContentLanguage]);
            Assert.NotNull(mail.TextBody);
            Assert.NotNull(mail.HtmlBody);
            Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
            var link = mail.Headers["List-Unsubscribe"]!.Trim('<', '>');
            Assert.StartsWith("http://127.0.0.1/api/unsubscribe?token=", link);
            Assert.Contains(link, mail.HtmlBody);
            Assert.Contains(link, mail.TextBody);
        }

        // The link in one parent's mail: a GET shows the page and changes nothing; the one-click POST unsubscribes.
        var someone = mails[0];
        var query = new Uri(someone.Headers["List-Unsubscribe"]!.Trim('<', '>')).Query;
        var page = await fixture.Anonymous.GetAsync("/api/unsubscribe" + query);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var address = someone.To.Mailboxes.Single().Address;
        Assert.Empty((await (await _client.GetAsync($"/api/suppressions?email={Uri.EscapeDataString(address)}")).ReadObjectAsync())["items"]!.AsArray());
        var post = await fixture.Anonymous.PostAsync("/api/unsubscribe" + query, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var suppressed = (await (await _client.GetAsync($"/api/suppressions?email={Uri.EscapeDataString(address)}")).ReadObjectAsync())["items"]!.AsArray();
        Assert.Equal("announcements", Assert.Single(suppressed)!["scope"]!.GetValue<string>());
        var after = await (await _client.GetAsync($"/api/campaigns/{id}")).ReadObjectAsync();
        Assert.Equal(1, after["progress"]!["unsubscribed"]!.GetValue<int>());
    }
}
