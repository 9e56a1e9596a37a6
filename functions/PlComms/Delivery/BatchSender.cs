using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Delivery.Sending;
using PlComms.Platform.Functions;
using PlComms.Platform.Queues;
using PlComms.Surveys;

namespace PlComms.Delivery;

/// <summary>
/// Queue function <c>SendBatch</c>: sends one batch through the configured sender.
/// <list type="bullet">
/// <item>The batch is claimed with its ETag and a lease, so duplicate messages and concurrent senders send it once.</item>
/// <item>A held, unexpired lease means someone else is sending: the message is retried later (and dropped on its last
/// try, since the holder's own message covers the batch).</item>
/// <item>Suppressions and erasures are checked again just before sending.</item>
/// <item>Survey sends also skip, just before sending, whoever the survey throttle holds back (claiming the others in
/// it) and, for a reminder, whoever has answered; nothing goes out once the wave has closed.</item>
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
    SignedLinks links,
    ResponseStore responses,
    ThrottleStore throttle,
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
        var closed = campaign?.Survey is { } wave && now >= wave.ClosesAt;
        if (campaign is null || campaign.Status == CampaignStatus.Cancelled || content is null || closed)
        {
            var reason = campaign is null ? "its campaign no longer exists"
                : campaign.Status == CampaignStatus.Cancelled ? "the campaign was cancelled"
                : closed ? "the survey wave has closed"
                : $"no content in '{batch.Language}'";
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

        var (recipients, skipped) = await RecipientsAsync(campaign, claimed, ct);
        foreach (var (status, ids) in skipped) await deliveries.MarkAsync(sendId, n, ids, status, ct);
        var gone = skipped[RecipientStatus.SkippedGone];
        var suppressedNow = skipped[RecipientStatus.SkippedSuppressed];
        var settled = claimed with
        {
            LeaseUntil = null,
            UpdatedAt = clock.GetUtcNow(),
            // Absolute counts, so a retried batch never counts a skip twice.
            Counts = new Dictionary<string, int>(claimed.Counts)
            {
                [BatchCounters.SkippedSuppressed] = claimed.Recipients - claimed.ContactIds.Count + suppressedNow.Count,
                [BatchCounters.SkippedGone] = gone.Count,
                [BatchCounters.SkippedThrottled] = skipped[RecipientStatus.SkippedThrottled].Count,
                [BatchCounters.SkippedResponded] = skipped[RecipientStatus.SkippedResponded].Count,
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

    /// <summary>Who of the batch gets the email now, and who is skipped, by the reason recorded on their delivery.</summary>
    private async Task<(List<EmailRecipient> Recipients, Dictionary<RecipientStatus, List<string>> Skipped)> RecipientsAsync(StoredCampaign campaign, BatchRecord batch, CancellationToken ct)
    {
        var recipients = new List<EmailRecipient>(batch.ContactIds.Count);
        var skipped = new Dictionary<RecipientStatus, List<string>>
        {
            [RecipientStatus.SkippedGone] = [],
            [RecipientStatus.SkippedSuppressed] = [],
            [RecipientStatus.SkippedResponded] = [],
            [RecipientStatus.SkippedThrottled] = [],
        };
        if (batch.ContactIds.Count == 0) return (recipients, skipped);
        var passes = campaign.Passes();
        // A reminder's batch mirrors its wave batch, pass and language included, so one rule serves every kind.
        var filter = batch.Pass < passes.Count ? passes[batch.Pass].Filter : ContactFilter.Of(campaign.Segment);
        var addresses = await contacts.AddressesAsync(filter, batch.ContactIds[0], batch.ContactIds[^1], ct);
        var current = await suppressions.CurrentAsync(ct);
        var survey = campaign.Survey;
        var answered = survey is { Reminder: not null } ? await responses.RespondentsAsync(survey.WaveId, batch.Batch, ct) : null;
        var candidates = new List<StoredAddress>(batch.ContactIds.Count);
        foreach (var id in batch.ContactIds)
        {
            // Not in the range's answer: erased, or changed since planning (say, a new language); a point read tells.
            var address = addresses.GetValueOrDefault(id) ?? await contacts.AddressAsync(id, ct);
            if (address is null) skipped[RecipientStatus.SkippedGone].Add(id);
            else if (current.IsSuppressed(address.Email, campaign.Stream)) skipped[RecipientStatus.SkippedSuppressed].Add(id);
            else if (answered?.Contains(id) == true) skipped[RecipientStatus.SkippedResponded].Add(id);
            else candidates.Add(address);
        }
        if (survey is not null)
        {
            // Claimed last, so only people about to be emailed count against the throttle.
            var claim = await throttle.ClaimAsync(batch.Role, candidates.Select(c => c.Id).ToList(), survey.WaveId, TimeSpan.FromDays(survey.ThrottleDays), clock.GetUtcNow(), ct);
            var allowed = claim.Allowed.ToHashSet(StringComparer.Ordinal);
            skipped[RecipientStatus.SkippedThrottled].AddRange(claim.Throttled);
            candidates = candidates.Where(c => allowed.Contains(c.Id)).ToList();
        }
        foreach (var address in candidates)
        {
            var deliveryId = DeliveryIds.Of(batch.SendId, batch.Batch, address.Id);
            // A reminder links to the wave's delivery (same batch number, same contact): one response per invitation.
            var surveyUrl = survey is null ? null : links.Survey(DeliveryIds.Of(survey.WaveId, batch.Batch, address.Id), survey.ClosesAt);
            recipients.Add(new EmailRecipient(deliveryId, address.Email, address.Name.Length > 0 ? address.Name : null, links.Unsubscribe(deliveryId, campaign.Stream), surveyUrl));
        }
        return (recipients, skipped);
    }
}

public sealed class BatchBusyException(string message) : Exception(message);

public sealed class BatchSendFailedException(string message) : Exception(message);
