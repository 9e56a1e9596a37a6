using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Contacts;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.IntegrationTests.Visions;

namespace PlComms.IntegrationTests.Campaigns;

/// <summary>The officer's steps the delivery tests share: an approved parents email in English and Spanish, contacts, a campaign.</summary>
public static class PipelineRequests
{
    /// <summary>Creates a vision, generates the parents' email in en and es, approves both; returns the vision and the English message id.</summary>
    public static async Task<(string VisionId, string MessageId)> ApprovedParentMessageAsync(HttpClient officer)
    {
        var (visionId, _) = await VisionRequests.CreateAsync(officer, VisionRequests.TranslatedDraft());
        var generated = await officer.PostAsync($"/api/visions/{visionId}/messages", ApiAssertions.JsonContent(new JsonObject
        {
            ["audiences"] = new JsonArray("parents"),
            ["channels"] = new JsonArray("email"),
            ["languages"] = new JsonArray("en", "es"),
        }));
        Assert.Equal(HttpStatusCode.Created, generated.StatusCode);
        string? english = null;
        foreach (var item in (await generated.ReadObjectAsync())["items"]!.AsArray())
        {
            var id = item!["id"]!.GetValue<string>();
            var read = await officer.GetAsync($"/api/visions/{visionId}/messages/{id}");
            var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/visions/{visionId}/messages/{id}/approve")
            {
                Content = ApiAssertions.JsonContent(new JsonObject { ["approver"] = "Test Officer" }),
            };
            approve.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
            await (await officer.SendAsync(approve)).ReadObjectAsync();
            if (item["language"]!.GetValue<string>() == "en") english = id;
        }
        return (visionId, english!);
    }

    /// <summary>Writes parents of one school straight through the importer (the CSV parser has tests of its own); every other one is Spanish.</summary>
    public static async Task<IReadOnlyList<ContactRecord>> SeedParentsAsync(IServiceProvider services, string school, int count)
    {
        var records = Enumerable.Range(0, count)
            .Select(i => new ContactRecord(ContactRole.Parent, $"{school}-{i:D5}@families.example.org", $"Parent{i}", "Test",
                [new SchoolRef(school, school)], ["03"], i % 2 == 0 ? "en" : "es-MX", $"{school}-p{i}", ContactSource.Csv, []))
            .ToList();
        var importer = services.GetRequiredService<ContactImporter>();
        var report = await importer.ApplyAsync(new ParsedImport(records, [], count), ImportFormat.Csv, dryRun: false, CancellationToken.None);
        Assert.Equal(count, report.Created);
        return records;
    }

    public static JsonObject Campaign(string visionId, string messageId, string school, DateTimeOffset? scheduledAt = null) => new()
    {
        ["name"] = $"Test campaign for {school}",
        ["visionId"] = visionId,
        ["messageId"] = messageId,
        ["segment"] = new JsonObject { ["role"] = "parent", ["schools"] = new JsonArray(school) },
        ["scheduledAt"] = scheduledAt?.ToString("O"),
    };

    public static async Task<string> CreateCampaignAsync(HttpClient officer, JsonObject campaign)
    {
        var response = await officer.PostAsync("/api/campaigns", ApiAssertions.JsonContent(campaign));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadObjectAsync())["id"]!.GetValue<string>();
    }

    /// <summary>
    /// Fires the dispatch timer as the Functions host would (it completes campaigns and re-queues stalled work) until the
    /// campaign is completed; the queue poller does the sending meanwhile.
    /// </summary>
    public static async Task<JsonObject> WaitForCompletionAsync(HttpClient client, string campaignId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var timer = await client.PostAsync("/DispatchCampaigns", ApiAssertions.JsonContent(new JsonObject { ["Data"] = new JsonObject(), ["Metadata"] = new JsonObject() }));
            Assert.True(timer.IsSuccessStatusCode, await timer.Content.ReadAsStringAsync());
            last = await (await client.GetAsync($"/api/campaigns/{campaignId}")).ReadObjectAsync();
            if (last["status"]!.GetValue<string>() == "completed") return last;
            await Task.Delay(250);
        }
        throw new TimeoutException($"Campaign {campaignId} did not complete within {timeout}: {last?.ToJsonString()}");
    }
}
