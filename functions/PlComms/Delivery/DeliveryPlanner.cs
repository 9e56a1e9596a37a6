using Microsoft.Extensions.Options;
using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Platform.Functions;
using PlComms.Platform.Queues;

namespace PlComms.Delivery;

/// <summary>
/// Queue function <c>PlanDelivery</c>: one planning step of a campaign. It snapshots the next recipients of the
/// segment into batches (delivery records first, then the batch row), queues each batch for sending, and checkpoints
/// after every batch with the campaign's ETag. A step that crashes is resumed from the checkpoint: a batch row that
/// exists is adopted, never rewritten, so nobody lands in two batches. Big sends take several steps, each its own
/// queue message, so no invocation runs long.
/// </summary>
public sealed class DeliveryPlanner(
    CampaignStore campaigns,
    ContactStore contacts,
    DeliveryStore deliveries,
    SuppressionStore suppressions,
    AppQueues queues,
    IOptions<DeliveryOptions> options,
    TimeProvider clock) : IQueueJob
{
    public FunctionDefinition Function => FunctionCatalog.PlanDelivery;

    public async Task RunAsync(QueueContext context, CancellationToken ct)
    {
        if (DeliveryQueues.Deserialize<PlanMessage>(context.Message) is not { SendId: { } sendId })
        {
            context.Log($"Dropped a message that is not a plan message: {Shorten(context.Message)}");
            return;
        }
        if (await campaigns.GetAsync(sendId, ct) is not { } loaded || loaded.Campaign.Status != CampaignStatus.Planning)
        {
            context.Log($"Campaign {sendId} is not planning; nothing to do.");
            return;
        }
        var (campaign, etag) = loaded;
        if (campaign.PlanLeaseUntil > clock.GetUtcNow())
        {
            // Another step holds it; that step's own message is the way forward (or back, if it crashes).
            context.Log($"Campaign {sendId} is being planned by another step.");
            return;
        }
        campaign = campaign with { PlanLeaseUntil = clock.GetUtcNow() + DeliveryOptions.PlanLease, UpdatedAt = clock.GetUtcNow() };
        if (await campaigns.ReplaceAsync(campaign, etag, ct) is not { } held)
        {
            context.Log($"Campaign {sendId} was claimed by another step.");
            return;
        }
        etag = held;

        var passes = campaign.Passes();
        var suppressed = await suppressions.CurrentAsync(ct);
        var written = 0;
        while (campaign.PlanPass < passes.Count && written < options.Value.PlanStepBatches)
        {
            var n = campaign.BatchCount;
            if (await deliveries.GetBatchAsync(sendId, n, ct) is { } existing)
            {
                campaign = await AdoptAsync(campaign, existing.Batch, ct);
            }
            else
            {
                var (language, filter) = passes[campaign.PlanPass];
                var next = await TakeAsync(filter, campaign.PlanAfter, ct);
                if (next.Count == 0)
                {
                    campaign = campaign with { PlanPass = campaign.PlanPass + 1, PlanAfter = null };
                }
                else
                {
                    var recipients = next.Select(c => new PlannedRecipient(c.Id,
                        suppressed.IsSuppressed(c.Record.Email, campaign.Stream) ? RecipientStatus.SkippedSuppressed : RecipientStatus.Queued)).ToList();
                    var batch = NewBatch(campaign, n, language, recipients);
                    if (await deliveries.WritePlannedAsync(batch, recipients, ct))
                    {
                        if (batch.State == BatchState.Queued) await EnqueueSendAsync(sendId, n, ct);
                        campaign = campaign with { PlanAfter = batch.LastPlannedId, BatchCount = n + 1, Planned = campaign.Planned + recipients.Count };
                    }
                    else
                    {
                        // Another planner wrote this batch first: take its version, whatever it holds.
                        campaign = await AdoptAsync(campaign, (await deliveries.GetBatchAsync(sendId, n, ct))!.Value.Batch, ct);
                    }
                    written++;
                }
            }
            campaign = campaign with { PlanLeaseUntil = clock.GetUtcNow() + DeliveryOptions.PlanLease, UpdatedAt = clock.GetUtcNow() };
            if (await campaigns.ReplaceAsync(campaign, etag, ct) is not { } renewed)
            {
                context.Log($"Campaign {sendId}: lost the planning lease after batch {n}; the holder continues.");
                return;
            }
            etag = renewed;
        }

        var done = campaign.PlanPass >= passes.Count;
        var now = clock.GetUtcNow();
        campaign = campaign with
        {
            PlanLeaseUntil = null,
            UpdatedAt = now,
            Status = !done ? CampaignStatus.Planning : campaign.BatchCount == 0 ? CampaignStatus.Completed : CampaignStatus.Sending,
            CompletedAt = done && campaign.BatchCount == 0 ? now : null,
        };
        if (await campaigns.ReplaceAsync(campaign, etag, ct) is null)
        {
            context.Log($"Campaign {sendId}: lost the planning lease at the end of the step.");
            return;
        }
        if (!done) await queues.EnqueueAsync(DeliveryQueues.Plan, DeliveryQueues.Serialize(new PlanMessage(sendId)), ct);
        context.Log($"Campaign {sendId}: {campaign.BatchCount} batch(es), {campaign.Planned} recipient(s) planned{(done ? "; planning done" : "; continuing")}.");
    }

    /// <summary>A batch a crashed or concurrent step already wrote: move the checkpoint past it, and make sure it is queued.</summary>
    private async Task<StoredCampaign> AdoptAsync(StoredCampaign campaign, BatchRecord batch, CancellationToken ct)
    {
        if (batch.State == BatchState.Queued) await EnqueueSendAsync(campaign.Id, batch.Batch, ct);
        return campaign with
        {
            PlanPass = batch.Pass,
            PlanAfter = batch.LastPlannedId,
            BatchCount = batch.Batch + 1,
            Planned = campaign.Planned + batch.Recipients,
        };
    }

    private async Task<List<StoredContact>> TakeAsync(ContactFilter filter, string? after, CancellationToken ct)
    {
        var size = options.Value.BatchSize;
        var taken = new List<StoredContact>(size);
        await foreach (var contact in contacts.StreamAsync(filter, after, ct))
        {
            taken.Add(contact);
            if (taken.Count == size) break;
        }
        return taken;
    }

    private BatchRecord NewBatch(StoredCampaign campaign, int n, string language, IReadOnlyList<PlannedRecipient> recipients)
    {
        var now = clock.GetUtcNow();
        var queued = recipients.Where(r => r.Status == RecipientStatus.Queued).Select(r => r.ContactId).ToList();
        return new BatchRecord(campaign.Id, n, campaign.Segment.Role, language, campaign.PlanPass, queued, recipients.Count,
            queued.Count == 0 ? BatchState.Done : BatchState.Queued, 0, null, null, null, now, now, null,
            new Dictionary<string, int> { [BatchCounters.SkippedSuppressed] = recipients.Count - queued.Count })
        {
            LastPlannedId = recipients[^1].ContactId,
        };
    }

    private Task EnqueueSendAsync(string sendId, int batch, CancellationToken ct) =>
        queues.EnqueueAsync(DeliveryQueues.Send, DeliveryQueues.Serialize(new SendMessage(sendId, batch)), ct);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
