using Microsoft.Extensions.Options;
using PlComms.Delivery;
using PlComms.Platform.Functions;
using PlComms.Platform.Queues;

namespace PlComms.Campaigns;

/// <summary>
/// Timer function <c>DispatchCampaigns</c>, every minute. It only finds work and queues it:
/// <list type="bullet">
/// <item>due scheduled campaigns are started (claimed with their ETag, so a double fire starts each once);</item>
/// <item>a planning campaign that nobody holds and that has not moved for a while gets its planning step queued again
/// (its message was lost, e.g. the process died between the checkpoint and the enqueue);</item>
/// <item>a sending campaign's batches are checked: a queued batch idle for long (twice the send lease), or a sending batch
/// whose lease expired, is queued again (the latter in doubt: its sender may have reached SendGrid); when every batch is
/// settled the campaign is completed.</item>
/// </list>
/// </summary>
public sealed class DispatchCampaignsJob(
    CampaignStore campaigns,
    CampaignStarter starter,
    DeliveryStore deliveries,
    AppQueues queues,
    IOptions<DeliveryOptions> options,
    TimeProvider clock) : ITimerJob
{

    /// <summary>Claims of one batch after which the timer stops queueing it again.</summary>
    public const int MaxBatchAttempts = 3 * Platform.Queues.QueueSettings.MaxDequeueCount;

    public FunctionDefinition Function => FunctionCatalog.DispatchCampaigns;

    public async Task RunAsync(TimerContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var (campaign, etag) in await campaigns.InStatesAsync([CampaignStatus.Scheduled, CampaignStatus.Planning, CampaignStatus.Sending], ct))
        {
            switch (campaign.Status)
            {
                case CampaignStatus.Scheduled when campaign.ScheduledAt <= now:
                    if (await starter.StartAsync(campaign, etag, ct)) context.Log($"Started campaign {campaign.Id}.");
                    break;
                case CampaignStatus.Planning when (campaign.PlanLeaseUntil is null || campaign.PlanLeaseUntil < now) && now - campaign.UpdatedAt > options.Value.PlanningStall:
                    await queues.EnqueueAsync(DeliveryQueues.Plan, DeliveryQueues.Serialize(new PlanMessage(campaign.Id)), ct);
                    context.Log($"Queued planning of campaign {campaign.Id} again.");
                    break;
                case CampaignStatus.Sending:
                    await CheckBatchesAsync(campaign, etag, now, context, ct);
                    break;
            }
        }
    }

    private async Task CheckBatchesAsync(StoredCampaign campaign, Azure.ETag etag, DateTimeOffset now, TimerContext context, CancellationToken ct)
    {
        var batches = await deliveries.BatchesAsync(campaign.Id, campaign.BatchCount, ct);
        var open = 0;
        foreach (var (batch, batchETag) in batches.Where(b => !BatchStates.IsTerminal(b.Batch.State)))
        {
            open++;
            // A queued batch counts from when it may next be tried (SendGrid may have asked for a wait).
            var idleSince = batch.NotBefore is { } notBefore && notBefore > batch.UpdatedAt ? notBefore : batch.UpdatedAt;
            var stalled = batch.State == BatchState.Queued ? now - idleSince > options.Value.BatchStall : batch.LeaseUntil < now;
            if (!stalled) continue;
            // Every write below carries the ETag of the row judged stalled: a sender that claimed the batch since then
            // changed it, so the write fails and the live lease stands.
            if (batch.Attempts >= MaxBatchAttempts)
            {
                // Its messages keep failing for reasons the sender could not record (storage errors, crashes): stop, and show it.
                if (await deliveries.ReplaceBatchAsync(batch with { State = BatchState.Poison, LeaseUntil = null, UpdatedAt = now, Error = $"Gave up after {batch.Attempts} attempts." }, batchETag, ct) is not null)
                    context.Log($"Batch {batch.SendId}/{batch.Batch} marked poison after {batch.Attempts} attempts.");
                continue;
            }
            // Releasing a dead sender's lease and touching the row first means the next run sees a fresh queued batch and
            // waits a full interval, instead of queueing it again (and bumping the ETag a new sender is claiming with).
            // A dead sender's attempt may have reached SendGrid: the batch stays in doubt from that claim (BatchSender settles it).
            var doubt = batch.State == BatchState.Sending ? batch.UpdatedAt : batch.DoubtSince;
            if (await deliveries.ReplaceBatchAsync(batch with { State = BatchState.Queued, LeaseUntil = null, UpdatedAt = now, DoubtSince = doubt }, batchETag, ct) is null) continue;
            await queues.EnqueueAsync(DeliveryQueues.Send, DeliveryQueues.Serialize(new SendMessage(batch.SendId, batch.Batch)), ct);
            context.Log($"Queued batch {batch.SendId}/{batch.Batch} again ({batch.State}).");
        }
        if (open == 0 && batches.Count == campaign.BatchCount)
        {
            await campaigns.ReplaceAsync(campaign with { Status = CampaignStatus.Completed, CompletedAt = now, UpdatedAt = now }, etag, ct);
            context.Log($"Campaign {campaign.Id} completed.");
        }
    }
}
