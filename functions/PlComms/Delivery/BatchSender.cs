using Azure;
using Microsoft.Extensions.Options;
using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Delivery.SendGrid;
using PlComms.Delivery.Sending;
using PlComms.Delivery.Sending.SendGrid;
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
/// <item>The provider call starts only while the lease covers the longest call, so it never ends after another sender
/// could have claimed the batch.</item>
/// </list>
/// An attempt whose outcome nobody recorded (its sender died while the batch was <c>sending</c>, or SendGrid's answer
/// never came) may have been accepted: SendGrid's mail send has no idempotency key. Such a batch is <em>in doubt</em>
/// (<see cref="BatchRecord.DoubtSince"/>). When SendGrid's event webhook is configured, the next attempt waits until
/// <c>Delivery__InDoubtWaitSeconds</c> after the doubtful attempt began, so SendGrid's events for what it took (at least
/// <c>processed</c> for every message) have arrived, and then sends only to recipients without any event. Without the
/// webhook nothing can tell, and the batch is sent again once its lease is over (docs/storage.md, "Deliveries").
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
    WebhookSignature webhook,
    AppQueues queues,
    IOptions<DeliveryOptions> options,
    TimeProvider clock) : IQueueJob
{
    /// <summary>The longest wait SendGrid may ask of a batch (a rate limit's reset); a longer one is cut to this.</summary>
    private static readonly TimeSpan MaxProviderWait = TimeSpan.FromHours(1);

    /// <summary>Reads and claims when the row moved in between (an event landed on it, the timer touched it).</summary>
    private const int ClaimTries = 5;

    /// <summary>The batch row's counters the sender owns; the others (Processed, Delivered, …) belong to provider events.</summary>
    private static readonly string[] SenderCounters =
    [
        BatchCounters.Sent, BatchCounters.Failed, BatchCounters.SkippedSuppressed, BatchCounters.SkippedGone,
        BatchCounters.SkippedThrottled, BatchCounters.SkippedResponded,
    ];

    public FunctionDefinition Function => FunctionCatalog.SendBatch;

    /// <summary>SendGrid reports what it took through the event webhook: only then can a batch in doubt be settled by its events.</summary>
    private bool EventsReport => webhook.IsConfigured && sender.Name == SendGridEmailSender.SenderName;

    public async Task RunAsync(QueueContext context, CancellationToken ct)
    {
        if (DeliveryQueues.Deserialize<SendMessage>(context.Message) is not { SendId: { } sendId, Batch: var n } message)
        {
            context.Log($"Dropped a message that is not a send message.");
            return;
        }
        var o = options.Value;
        for (var tryNumber = 1; ; tryNumber++)
        {
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
            var moved = tryNumber < ClaimTries;
            if (batch.NotBefore is { } notBefore && notBefore > now)
            {
                // SendGrid asked for a wait that is not over: this message comes back when it is.
                await queues.EnqueueAsync(DeliveryQueues.Send, DeliveryQueues.Serialize(message), ct, notBefore - now);
                context.Log($"Batch {sendId}/{n}: SendGrid asked not to be tried before {notBefore:O}; queued again for then.");
                return;
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
                if (await deliveries.ReplaceBatchAsync(batch with { State = BatchState.Cancelled, Error = reason, UpdatedAt = now, LeaseUntil = null }, etag, ct) is null && moved) continue;
                context.Log($"Batch {sendId}/{n} not sent: {reason}.");
                return;
            }

            // Sending with an expired lease: that attempt's sender died, and its claim time is the row's last update.
            var doubt = batch.State == BatchState.Sending ? batch.UpdatedAt : batch.DoubtSince;
            // In doubt, it waits for SendGrid's word: until every recipient still to send to has an event, or until SendGrid
            // has been silent about the batch for Delivery__InDoubtWaitSeconds since the doubtful attempt (or its last event).
            if (doubt is { } since && EventsReport
                && (batch.LastEventAt is { } heard && heard > since ? heard : since) + o.InDoubtWait is var settleAt && now < settleAt
                && (await AcceptedEarlierAsync(sendId, n, ct)).Unheard > 0)
            {
                var due = settleAt - now;
                var waiting = batch with { State = BatchState.Queued, LeaseUntil = null, DoubtSince = since, UpdatedAt = now };
                if (await deliveries.ReplaceBatchAsync(waiting, etag, ct) is null)
                {
                    if (moved) continue;
                    context.Log($"Batch {sendId}/{n} was changed by another sender.");
                    return;
                }
                // Looked at again a tenth of the wait from now (or when the wait is over): once SendGrid's events cover
                // everyone, the batch settles then, not at the end of the wait.
                var tenth = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, o.InDoubtWait.Ticks / 10));
                await queues.EnqueueAsync(DeliveryQueues.Send, DeliveryQueues.Serialize(message), ct, due < tenth ? due : tenth);
                context.Log($"Batch {sendId}/{n}: an attempt begun {since:O} may have reached SendGrid; waiting up to {due.TotalSeconds:0} s for its events before sending to whoever has none.");
                return;
            }

            var claimed = batch with { State = BatchState.Sending, Attempts = batch.Attempts + 1, LeaseUntil = now + o.SendLease, UpdatedAt = now, DoubtSince = doubt, NotBefore = null };
            if (await deliveries.ReplaceBatchAsync(claimed, etag, ct) is not { } held)
            {
                if (moved) continue;
                context.Log($"Batch {sendId}/{n} was claimed by another sender.");
                return;
            }
            await SendClaimedAsync(context, message, campaign, content, claimed, held, ct);
            return;
        }
    }

    private async Task SendClaimedAsync(QueueContext context, SendMessage message, StoredCampaign campaign, CampaignContent content, BatchRecord claimed, ETag held, CancellationToken ct)
    {
        var (sendId, n) = (claimed.SendId, claimed.Batch);
        // In doubt: whoever SendGrid reported anything about got the earlier attempt's mail.
        var accepted = claimed.DoubtSince is null ? (IReadOnlySet<string>)new HashSet<string>() : (await AcceptedEarlierAsync(sendId, n, ct)).Accepted;
        var (recipients, skipped) = await RecipientsAsync(campaign, claimed, accepted, ct);
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

        if (recipients.Count > 0 && clock.GetUtcNow() + sender.LongestSend >= claimed.LeaseUntil)
        {
            // The call could end after the lease, when another sender may have claimed the batch: give it back unsent.
            await RecordAsync(settled with { State = BatchState.Queued }, held, claimed, ct);
            throw new BatchSendFailedException($"Batch {sendId}/{n}: preparing took too long for the send to fit in the lease ({options.Value.SendLeaseSeconds} s); the queue tries again.");
        }

        var result = recipients.Count == 0
            ? SendResult.Accepted()
            : await sender.SendAsync(new EmailBatch($"{sendId}.{n:D5}", campaign.Stream, claimed.Language, content.Email, recipients), ct);
        switch (result.Outcome)
        {
            case SendOutcome.Accepted:
                var none = recipients.Count == 0 && accepted.Count == 0;
                settled = settled with { State = none ? BatchState.Done : BatchState.Sent, SentAt = clock.GetUtcNow(), StatusCode = result.StatusCode ?? settled.StatusCode, Error = null, DoubtSince = null };
                settled = settled.WithCountSet(BatchCounters.Sent, recipients.Count + accepted.Count);
                break;
            case SendOutcome.Rejected:
                settled = settled with { State = BatchState.Rejected, StatusCode = result.StatusCode, Error = result.Error, DoubtSince = null };
                settled = settled.WithCountSet(BatchCounters.Failed, recipients.Count).WithCountSet(BatchCounters.Sent, accepted.Count);
                break;
            default:
                // A call that may have reached SendGrid puts the batch in doubt from this attempt on; a certain failure leaves it as it was.
                var doubt = result.MayHaveBeenAccepted ? claimed.UpdatedAt : claimed.DoubtSince;
                if (result.RetryAfter is { } asked && asked > TimeSpan.Zero && !result.MayHaveBeenAccepted && claimed.Attempts < DispatchCampaignsJob.MaxBatchAttempts)
                {
                    // SendGrid named a wait the sender's own retries did not cover (rate limiting): the batch goes back with
                    // a message due when the wait is over, so no queue try is spent before SendGrid can take it. Attempts
                    // still count, so a batch refused without end becomes poison like any other.
                    var wait = asked < MaxProviderWait ? asked : MaxProviderWait;
                    var notBefore = clock.GetUtcNow() + wait;
                    await RecordAsync(settled with { State = BatchState.Queued, StatusCode = result.StatusCode, Error = result.Error, DoubtSince = doubt, NotBefore = notBefore }, held, claimed, ct);
                    await queues.EnqueueAsync(DeliveryQueues.Send, DeliveryQueues.Serialize(message), ct, wait);
                    context.Log($"Batch {sendId}/{n}: {result.Error ?? "send failed"}; queued again for {notBefore:O}.");
                    return;
                }
                if (!context.IsFinalAttempt)
                {
                    // Give the batch back so the next try can claim it at once, then let the queue retry.
                    await RecordAsync(settled with { State = BatchState.Queued, StatusCode = result.StatusCode, Error = result.Error, DoubtSince = doubt }, held, claimed, ct);
                    throw new BatchSendFailedException($"Batch {sendId}/{n}: {result.Error ?? "send failed"} (status {result.StatusCode?.ToString() ?? "none"}); the queue tries again.");
                }
                settled = settled with { State = BatchState.Poison, StatusCode = result.StatusCode, Error = result.Error, DoubtSince = doubt };
                settled = settled.WithCountSet(BatchCounters.Failed, recipients.Count).WithCountSet(BatchCounters.Sent, accepted.Count);
                break;
        }
        if (!await RecordAsync(settled, held, claimed, ct))
            context.Log($"Batch {sendId}/{n}: the lease expired before the result was recorded; another sender may send it again.");
        context.Log($"Batch {sendId}/{n}: {settled.State}, {recipients.Count} recipient(s){(accepted.Count > 0 ? $", {accepted.Count} already accepted by an earlier attempt" : "")}, {gone.Count} gone, {settled.Count(BatchCounters.SkippedSuppressed)} suppressed.");
        // Recorded on the batch (the campaign report shows it); failing the last try moves the message to the poison queue.
        if (settled.State == BatchState.Poison)
            throw new BatchSendFailedException($"Batch {sendId}/{n} failed on its last try: {settled.Error ?? "send failed"}.");
    }

    /// <summary>
    /// Writes what this claim did. Provider events may have landed on the row meanwhile (their counters change it, and
    /// its ETag); while the row still shows this claim, their counters are kept and the write is tried again.
    /// </summary>
    private async Task<bool> RecordAsync(BatchRecord settled, ETag held, BatchRecord claimed, CancellationToken ct)
    {
        for (var i = 0; i < ClaimTries; i++)
        {
            if (await deliveries.ReplaceBatchAsync(settled, held, ct) is not null) return true;
            if (await deliveries.GetBatchAsync(claimed.SendId, claimed.Batch, ct) is not { } fresh
                || fresh.Batch.State != BatchState.Sending || fresh.Batch.Attempts != claimed.Attempts)
                return false;
            var counts = new Dictionary<string, int>(fresh.Batch.Counts);
            foreach (var counter in SenderCounters)
            {
                if (settled.Counts.TryGetValue(counter, out var value)) counts[counter] = value;
            }
            settled = settled with { Counts = counts };
            held = fresh.ETag;
        }
        return false;
    }

    /// <summary>
    /// Of a batch in doubt: the contacts SendGrid reported any event for (it accepted their message), and how many still
    /// to send to (queued, not skipped) it has said nothing about. One partition query.
    /// </summary>
    private async Task<(IReadOnlySet<string> Accepted, int Unheard)> AcceptedEarlierAsync(string sendId, int batch, CancellationToken ct)
    {
        var rows = await deliveries.DeliveriesAsync(sendId, batch, ct);
        var accepted = rows.Where(d => d.Flags.Count > 0).Select(d => d.ContactId).ToHashSet(StringComparer.Ordinal);
        return (accepted, rows.Count(d => d.Flags.Count == 0 && d.Status == RecipientStatus.Queued));
    }

    /// <summary>Who of the batch gets the email now, and who is skipped, by the reason recorded on their delivery.</summary>
    private async Task<(List<EmailRecipient> Recipients, Dictionary<RecipientStatus, List<string>> Skipped)> RecipientsAsync(
        StoredCampaign campaign, BatchRecord batch, IReadOnlySet<string> acceptedEarlier, CancellationToken ct)
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
            // Already has the message from an earlier attempt: neither sent again nor skipped.
            if (acceptedEarlier.Contains(id)) continue;
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
