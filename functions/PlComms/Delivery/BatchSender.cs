using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Delivery.Sending;
using PlComms.Platform.Functions;
using PlComms.Platform.Queues;

namespace PlComms.Delivery;

/// <summary>
/// Queue function <c>SendBatch</c>: sends one batch through the configured sender.
/// <list type="bullet">
/// <item>The batch is claimed with its ETag and a lease, so duplicate messages and concurrent senders send it once.</item>
/// <item>A held, unexpired lease means someone else is sending: the message is retried later (and dropped on its last
/// try, since the holder's own message covers the batch).</item>
/// <item>Suppressions and erasures are checked again just before sending.</item>
/// <item>A provider rejection (4xx) settles the batch as rejected; transient failures go back to the queue, and the
/// last try marks the batch poison, so the campaign report shows it, and fails so the message lands on the poison queue.</item>
/// </list>
/// The one window no claim can close is a crash after SendGrid accepted the request and before the batch row says so:
/// the mail-send API has no idempotency key, so after the lease expires that batch is sent again (docs/storage.md).
/// </summary>
public sealed class BatchSender(
    DeliveryStore deliveries,
    CampaignStore campaigns,
    ContactStore contacts,
    SuppressionStore suppressions,
    UnsubscribeLinks links,
    IEmailSender sender,
    TimeProvider clock) : IQueueJob
{
    public FunctionDefinition Function => FunctionCatalog.SendBatch;

    public async Task RunAsync(QueueContext context, CancellationToken ct)
    {
        if (DeliveryQueues.Deserialize<SendMessage>(context.Message) is not { SendId: { } sendId, Batch: var n })
        {
            context.Log($"Dropped a message that is not a send message.");
            return;
        }
        if (await deliveries.GetBatchAsync(sendId, n, ct) is not { } loaded)
        {
            context.Log($"Batch {sendId}/{n} does not exist.");
            return;
        }
        var (batch, etag) = loaded;
        if (BatchStates.IsTerminal(batch.State))
        {
            context.Log($"Batch {sendId}/{n} is already {batch.State}.");
            return;
        }
        var now = clock.GetUtcNow();
        if (batch.State == BatchState.Sending && batch.LeaseUntil > now)
        {
            if (context.IsFinalAttempt)
            {
                context.Log($"Batch {sendId}/{n} is still held by another sender; leaving it to that sender.");
                return;
            }
            throw new BatchBusyException($"Batch {sendId}/{n} is being sent by another sender until {batch.LeaseUntil:O}.");
        }

        var campaign = (await campaigns.GetAsync(sendId, ct))?.Campaign;
        var content = campaign?.Contents.FirstOrDefault(c => c.Language == batch.Language);
        if (campaign is null || campaign.Status == CampaignStatus.Cancelled || content is null)
        {
            var reason = campaign is null ? "its campaign no longer exists" : campaign.Status == CampaignStatus.Cancelled ? "the campaign was cancelled" : $"no content in '{batch.Language}'";
            await deliveries.ReplaceBatchAsync(batch with { State = BatchState.Cancelled, Error = reason, UpdatedAt = now, LeaseUntil = null }, etag, ct);
            context.Log($"Batch {sendId}/{n} not sent: {reason}.");
            return;
        }

        var claimed = batch with { State = BatchState.Sending, Attempts = batch.Attempts + 1, LeaseUntil = now + DeliveryOptions.SendLease, UpdatedAt = now };
        if (await deliveries.ReplaceBatchAsync(claimed, etag, ct) is not { } held)
        {
            context.Log($"Batch {sendId}/{n} was claimed by another sender.");
            return;
        }

        var (recipients, gone, suppressedNow) = await RecipientsAsync(campaign, claimed, ct);
        await deliveries.MarkAsync(sendId, n, gone, RecipientStatus.SkippedGone, ct);
        await deliveries.MarkAsync(sendId, n, suppressedNow, RecipientStatus.SkippedSuppressed, ct);
        var settled = claimed with
        {
            LeaseUntil = null,
            UpdatedAt = clock.GetUtcNow(),
            // Absolute counts, so a retried batch never counts a skip twice.
            Counts = new Dictionary<string, int>(claimed.Counts)
            {
                [BatchCounters.SkippedSuppressed] = claimed.Recipients - claimed.ContactIds.Count + suppressedNow.Count,
                [BatchCounters.SkippedGone] = gone.Count,
            },
        };

        var result = recipients.Count == 0
            ? SendResult.Accepted()
            : await sender.SendAsync(new EmailBatch($"{sendId}.{n:D5}", campaign.Stream, batch.Language, content.Email, recipients), ct);
        switch (result.Outcome)
        {
            case SendOutcome.Accepted:
                settled = settled with { State = recipients.Count == 0 ? BatchState.Done : BatchState.Sent, SentAt = clock.GetUtcNow(), StatusCode = result.StatusCode, Error = null };
                settled = settled.WithCountSet(BatchCounters.Sent, recipients.Count);
                break;
            case SendOutcome.Rejected:
                settled = settled with { State = BatchState.Rejected, StatusCode = result.StatusCode, Error = result.Error };
                settled = settled.WithCountSet(BatchCounters.Failed, recipients.Count);
                break;
            default:
                if (!context.IsFinalAttempt)
                {
                    // Give the batch back so the next try can claim it at once, then let the queue retry.
                    await deliveries.ReplaceBatchAsync(settled with { State = BatchState.Queued, StatusCode = result.StatusCode, Error = result.Error }, held, ct);
                    throw new BatchSendFailedException($"Batch {sendId}/{n}: {result.Error ?? "send failed"} (status {result.StatusCode?.ToString() ?? "none"}); the queue tries again.");
                }
                settled = settled with { State = BatchState.Poison, StatusCode = result.StatusCode, Error = result.Error };
                settled = settled.WithCountSet(BatchCounters.Failed, recipients.Count);
                break;
        }
        if (await deliveries.ReplaceBatchAsync(settled, held, ct) is null)
            context.Log($"Batch {sendId}/{n}: the lease expired before the result was recorded; another sender may send it again.");
        context.Log($"Batch {sendId}/{n}: {settled.State}, {recipients.Count} recipient(s), {gone.Count} gone, {settled.Count(BatchCounters.SkippedSuppressed)} suppressed.");
        // Recorded on the batch (the campaign report shows it); failing the last try moves the message to the poison queue.
        if (settled.State == BatchState.Poison)
            throw new BatchSendFailedException($"Batch {sendId}/{n} failed on its last try: {settled.Error ?? "send failed"}.");
    }

    private async Task<(List<EmailRecipient> Recipients, List<string> Gone, List<string> Suppressed)> RecipientsAsync(StoredCampaign campaign, BatchRecord batch, CancellationToken ct)
    {
        var recipients = new List<EmailRecipient>(batch.ContactIds.Count);
        var gone = new List<string>();
        var suppressed = new List<string>();
        if (batch.ContactIds.Count == 0) return (recipients, gone, suppressed);
        var passes = campaign.Passes();
        var filter = batch.Pass < passes.Count ? passes[batch.Pass].Filter : ContactFilter.Of(campaign.Segment);
        var addresses = await contacts.AddressesAsync(filter, batch.ContactIds[0], batch.ContactIds[^1], ct);
        var current = await suppressions.CurrentAsync(ct);
        foreach (var id in batch.ContactIds)
        {
            // Not in the range's answer: erased, or changed since planning (say, a new language); a point read tells.
            var address = addresses.GetValueOrDefault(id) ?? await contacts.AddressAsync(id, ct);
            if (address is null) gone.Add(id);
            else if (current.IsSuppressed(address.Email, campaign.Stream)) suppressed.Add(id);
            else
            {
                var deliveryId = DeliveryIds.Of(batch.SendId, batch.Batch, id);
                recipients.Add(new EmailRecipient(deliveryId, address.Email, address.Name.Length > 0 ? address.Name : null, links.For(deliveryId, campaign.Stream)));
            }
        }
        return (recipients, gone, suppressed);
    }
}

public sealed class BatchBusyException(string message) : Exception(message);

public sealed class BatchSendFailedException(string message) : Exception(message);
