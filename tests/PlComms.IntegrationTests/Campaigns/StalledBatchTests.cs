using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Queues;
using PlComms.Platform.Storage;

namespace PlComms.IntegrationTests.Campaigns;

/// <summary>
/// The dispatch timer gives a dead sender's batch back to the queue, and leaves alone a batch that a live sender claimed
/// after the timer looked at it. The second case is the race the crash trials found: the timer used to read the batch
/// twice and release the lease of the sender that had claimed it in between, so the batch went out twice.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class StalledBatchTests(PipelineFixture fixture)
{
    [Fact]
    public async Task The_timer_requeues_a_batch_whose_sender_died_holding_an_expired_lease()
    {
        var claimer = new ClaimAfterFirstRead(fixture.Azurite.ConnectionString) { Enabled = false };
        await using var app = await StartAsync(claimer);
        var id = await SeedSendingBatchWithExpiredLeaseAsync(app);

        var logs = await FireTimerAsync(app);

        Assert.Contains(logs, l => l.Contains($"Queued batch {id}/0 again", StringComparison.Ordinal));
        var batch = (await app.Services.GetRequiredService<DeliveryStore>().GetBatchAsync(id, 0, CancellationToken.None))!.Value.Batch;
        Assert.Equal(BatchState.Queued, batch.State);
        Assert.Null(batch.LeaseUntil);
        Assert.Equal(1, await SendMessagesForAsync(app, id));
    }

    [Fact]
    public async Task A_sender_that_claims_the_batch_after_the_timer_read_it_keeps_its_lease_and_the_batch_is_not_requeued()
    {
        var claimer = new ClaimAfterFirstRead(fixture.Azurite.ConnectionString);
        await using var app = await StartAsync(claimer);
        var id = await SeedSendingBatchWithExpiredLeaseAsync(app);
        claimer.Target = id;

        var logs = await FireTimerAsync(app);

        Assert.True(claimer.Claimed, "The test's sender never claimed the batch, so the race was not exercised.");
        Assert.DoesNotContain(logs, l => l.Contains($"Queued batch {id}/0 again", StringComparison.Ordinal));
        var batch = (await app.Services.GetRequiredService<DeliveryStore>().GetBatchAsync(id, 0, CancellationToken.None))!.Value.Batch;
        Assert.Equal(BatchState.Sending, batch.State);
        Assert.Equal(claimer.LeaseUntil, batch.LeaseUntil);
        Assert.Equal(0, await SendMessagesForAsync(app, id));
    }

    private Task<RunningApp> StartAsync(ClaimAfterFirstRead claimer) =>
        fixture.StartAsync(fixture.Settings(10, new Dictionary<string, string?> { ["Queues:PollingEnabled"] = "false" }),
            b => b.Services.AddSingleton(new StoragePolicies(claimer)));

    /// <summary>A campaign in sending whose only batch was claimed by a sender that died: its lease ran out a minute ago.</summary>
    private static async Task<string> SeedSendingBatchWithExpiredLeaseAsync(RunningApp app)
    {
        var id = Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        var segment = new Segment(ContactRole.Parent, [], [], []);
        await app.Services.GetRequiredService<CampaignStore>().AddAsync(new StoredCampaign(
            id, "stalled " + id, "demo", "m", segment, MessageStream.Announcements, now, CampaignStatus.Sending, null, [],
            1, null, 1, 1, null, now, now, null), CancellationToken.None);
        var contact = ContactIds.Letter(ContactRole.Parent) + Guid.NewGuid().ToString("N");
        var batch = new BatchRecord(id, 0, ContactRole.Parent, "en", 0, [contact], 1, BatchState.Sending, 1, now.AddMinutes(-1),
            null, null, now.AddMinutes(-7), now.AddMinutes(-6), null, new Dictionary<string, int>()) { LastPlannedId = contact };
        Assert.True(await app.Services.GetRequiredService<DeliveryStore>().WritePlannedAsync(
            batch, [new PlannedRecipient(contact, RecipientStatus.Queued)], removeLeftovers: false, CancellationToken.None));
        return id;
    }

    private static async Task<IReadOnlyList<string>> FireTimerAsync(RunningApp app)
    {
        var response = await app.Officer.PostAsync("/DispatchCampaigns", ApiAssertions.JsonContent(new JsonObject { ["Data"] = new JsonObject(), ["Metadata"] = new JsonObject() }));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["Logs"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
    }

    private static async Task<int> SendMessagesForAsync(RunningApp app, string id)
    {
        var queue = await app.Services.GetRequiredService<AppQueues>().GetAsync(DeliveryQueues.Send, CancellationToken.None);
        var wanted = DeliveryQueues.Serialize(new SendMessage(id, 0));
        return (await queue.PeekMessagesAsync(32)).Value.Count(m => m.MessageText == wanted);
    }

    /// <summary>
    /// A live sender racing the timer: right after the app's first read of the target batch row comes back, it claims the
    /// batch (state sending, a fresh lease) through its own client, as another instance's SendBatch would.
    /// </summary>
    private sealed class ClaimAfterFirstRead(string connectionString) : AsyncStoragePolicy
    {
        private int _claims;

        public bool Enabled { get; init; } = true;

        public volatile string? Target;

        public bool Claimed => Volatile.Read(ref _claims) > 0;

        public DateTimeOffset LeaseUntil { get; } = DateTimeOffset.UtcNow.AddMinutes(5);

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (!Enabled || Target is not { } id || message.Request.Method != RequestMethod.Get) return;
            var uri = Uri.UnescapeDataString(message.Request.Uri.ToString());
            if (!uri.Contains($"{DeliveryStore.TableName}(PartitionKey='{DeliveryIds.Partition(id, 0)}',RowKey='{BatchRecord.RowKey}')", StringComparison.Ordinal)) return;
            if (Interlocked.Increment(ref _claims) != 1) return;
            var table = new TableClient(connectionString, DeliveryStore.TableName);
            var row = (await table.GetEntityAsync<TableEntity>(DeliveryIds.Partition(id, 0), BatchRecord.RowKey)).Value;
            row["State"] = "sending";
            row["LeaseUntil"] = LeaseUntil;
            row["Attempts"] = (row.GetInt32("Attempts") ?? 0) + 1;
            row["UpdatedAt"] = DateTimeOffset.UtcNow;
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        }
    }
}
