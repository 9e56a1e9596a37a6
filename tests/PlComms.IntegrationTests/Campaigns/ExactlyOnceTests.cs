using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Delivery;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Queues;

namespace PlComms.IntegrationTests.Campaigns;

/// <summary>
/// Each recipient gets a campaign once, through the real queue path (standalone pollers on Azurite's queues, the real
/// SendGrid client, a loopback SendGrid), however the work is duplicated: two app instances polling the same queues,
/// every send message delivered three times, and a timer fired twice at once on two instances.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ExactlyOnceTests(PipelineFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static string School() => "eo-" + Guid.NewGuid().ToString("N")[..10];

    private IReadOnlyList<string> SentTo(string school) =>
        fixture.SendGrid.AcceptedRecipients.Where(r => r.StartsWith(school + "-", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Two_dispatchers_and_every_send_message_delivered_three_times_send_each_recipient_once()
    {
        var school = School();
        await using var a = await fixture.StartAsync(fixture.Settings(batchSize: 20));
        await using var b = await fixture.StartAsync(fixture.Settings(batchSize: 20));
        var parents = await PipelineRequests.SeedParentsAsync(a.Services, school, 240);
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(a.Officer);

        var id = await PipelineRequests.CreateCampaignAsync(a.Officer, PipelineRequests.Campaign(visionId, messageId, school));
        // Duplicate every batch's message twice more, as an at-least-once queue may: both instances take them.
        var queues = a.Services.GetRequiredService<AppQueues>();
        for (var batch = 0; batch < 12; batch++)
            for (var copy = 0; copy < 2; copy++)
                await queues.EnqueueAsync(DeliveryQueues.Send, DeliveryQueues.Serialize(new SendMessage(id, batch)), CancellationToken.None);

        var done = await PipelineRequests.WaitForCompletionAsync(b.Officer, id, Patience);

        var sent = SentTo(school);
        Assert.Equal(parents.Select(p => p.Email).Order(), sent.Order());
        var progress = done["progress"]!;
        Assert.Equal(240, progress["recipients"]!.GetValue<int>());
        Assert.Equal(240, progress["sent"]!.GetValue<int>());
        Assert.Equal(0, progress["queued"]!.GetValue<int>());
        // Languages are batched apart, so 120 + 120 recipients make 12 batches of 20.
        Assert.Equal(12, done["batches"]!.AsArray().Count);
        Assert.All(done["batches"]!.AsArray(), batch => Assert.Equal("sent", batch!["state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_timer_fired_twice_at_once_on_two_instances_starts_the_due_campaign_once_and_sends_each_recipient_once()
    {
        var school = School();
        await using var a = await fixture.StartAsync(fixture.Settings(batchSize: 25));
        await using var b = await fixture.StartAsync(fixture.Settings(batchSize: 25));
        var parents = await PipelineRequests.SeedParentsAsync(a.Services, school, 100);
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(a.Officer);

        var due = DateTimeOffset.UtcNow.AddSeconds(2);
        var id = await PipelineRequests.CreateCampaignAsync(a.Officer, PipelineRequests.Campaign(visionId, messageId, school, due));
        var scheduled = await (await a.Officer.GetAsync($"/api/campaigns/{id}")).ReadObjectAsync();
        Assert.Equal("scheduled", scheduled["status"]!.GetValue<string>());

        await Task.Delay(due - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
        var fire = new JsonObject { ["Data"] = new JsonObject { ["timer"] = new JsonObject { ["IsPastDue"] = false } }, ["Metadata"] = new JsonObject() };
        var fires = new[] { a, b, a, b }.Select(app => app.Officer.PostAsync("/DispatchCampaigns", ApiAssertions.JsonContent(fire))).ToList();
        var logs = new List<string>();
        foreach (var response in await Task.WhenAll(fires))
            logs.AddRange((await response.ReadObjectAsync())["Logs"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Single(logs, l => l.Contains($"Started campaign {id}", StringComparison.Ordinal));

        var done = await PipelineRequests.WaitForCompletionAsync(a.Officer, id, Patience);
        Assert.Equal(parents.Select(p => p.Email).Order(), SentTo(school).Order());
        Assert.Equal(100, done["progress"]!["sent"]!.GetValue<int>());
    }
}
