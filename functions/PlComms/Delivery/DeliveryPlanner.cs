using Microsoft.Extensions.Options;
using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Platform.Functions;
using PlComms.Platform.Queues;
using PlComms.Surveys;

namespace PlComms.Delivery;

/// <summary>
/// Queue function <c>PlanDelivery</c>: one planning step of a campaign. It reads the ids of the next recipients of the
/// segment (up to <c>Delivery__PlanStepBatches</c> batches of one language), records the step's batch bounds on the
/// campaign with its ETag, then writes the batches side by side (delivery records first, then the batch row), queues
/// each for sending and checkpoints. A step that crashes is resumed from its recorded bounds: batch rows that exist are
/// kept, the others are rebuilt within their bounds, so nobody lands in two batches. Addresses and suppressions are
/// read when a batch is sent, not here. Big sends take several steps, each its own queue message, so no invocation
/// runs long.
/// </summary>
public sealed class DeliveryPlanner(
    CampaignStore campaigns,
    ContactStore contacts,
    DeliveryStore deliveries,
    ResponseStore responses,
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
        campaign = campaign with { PlanLeaseUntil = clock.GetUtcNow() + options.Value.PlanLease, UpdatedAt = clock.GetUtcNow() };
        if (await campaigns.ReplaceAsync(campaign, etag, ct) is not { } held)
        {
            context.Log($"Campaign {sendId} was claimed by another step.");
            return;
        }
        etag = held;

        var passes = campaign.Passes();
        var reminder = campaign.Kind == SendKind.SurveyReminder;
        // A reminder's batches are recomputed from the wave's whenever they are (re)written, so leftovers always go.
        var resumed = campaign.PlanBounds is { Count: > 0 } || reminder;
        List<Planned> step;
        if (reminder)
        {
            step = await ReadReminderStepAsync(campaign, ct);
        }
        else if (resumed)
        {
            step = await ResumeAsync(campaign, passes, ct);
        }
        else
        {
            // Read the step's batches (one language pass at a time), then record their bounds before writing any of them.
            step = [];
            while (campaign.PlanPass < passes.Count && step.Count == 0)
            {
                step = await ReadStepAsync(campaign, passes[campaign.PlanPass].Filter, ct);
                if (step.Count == 0) campaign = campaign with { PlanPass = campaign.PlanPass + 1, PlanAfter = null };
            }
            if (step.Count > 0)
            {
                campaign = campaign with { PlanBounds = step.Select(b => b.Bound).ToList(), PlanLeaseUntil = clock.GetUtcNow() + options.Value.PlanLease, UpdatedAt = clock.GetUtcNow() };
                if (await campaigns.ReplaceAsync(campaign, etag, ct) is not { } recorded)
                {
                    context.Log($"Campaign {sendId}: lost the planning lease before writing batches.");
                    return;
                }
                etag = recorded;
            }
        }

        // The step's batches are written side by side: their recipients are fixed by the recorded bounds.
        var settled = new BatchRecord[step.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, step.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelBatches, CancellationToken = ct }, async (i, token) =>
        {
            var planned = step[i];
            if (planned.Existing is { } existing)
            {
                settled[i] = existing;
                return;
            }
            var recipients = planned.Recipients.Select(id => new PlannedRecipient(id, RecipientStatus.Queued)).ToList();
            var batch = NewBatch(campaign, planned.Number, planned.Pass, planned.Language ?? passes[planned.Pass].Language, recipients, planned.Bound);
            // Only a resumed step can find records of its own crashed attempt; a fresh step's batch numbers are new.
            settled[i] = await deliveries.WritePlannedAsync(batch, recipients, removeLeftovers: resumed, token)
                ? batch
                : (await deliveries.GetBatchAsync(sendId, planned.Number, token))!.Value.Batch;
        });
        await Parallel.ForEachAsync(settled.Where(b => b.State == BatchState.Queued), new ParallelOptions { MaxDegreeOfParallelism = ParallelBatches, CancellationToken = ct },
            async (batch, token) => await EnqueueSendAsync(sendId, batch.Batch, token));

        if (step.Count > 0)
        {
            campaign = campaign with
            {
                PlanPass = settled[^1].Pass,
                PlanAfter = step[^1].Bound,
                BatchCount = campaign.BatchCount + step.Count,
                Planned = campaign.Planned + settled.Sum(b => b.Recipients),
                PlanBounds = null,
            };
        }
        var done = reminder ? campaign.BatchCount >= campaign.Survey!.WaveBatches : step.Count == 0 && campaign.PlanPass >= passes.Count;
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

    /// <summary>How many of a step's batches are written at once, each in transactions of 100, four at a time: eight transactions in flight keep Azurite busy, and more only hold more memory.</summary>
    private const int ParallelBatches = 2;

    /// <summary>One batch of a step: its number, pass, recipients and last id, or the batch row an earlier attempt wrote.</summary>
    private sealed record Planned(int Number, int Pass, IReadOnlyList<string> Recipients, string Bound, BatchRecord? Existing, string? Language = null);

    /// <summary>
    /// A reminder's next step: for each of the wave's next batches, the people it was sent to who have not answered,
    /// as the reminder's batch of the same number and language (a batch the wave never sent becomes an empty one).
    /// </summary>
    private async Task<List<Planned>> ReadReminderStepAsync(StoredCampaign campaign, CancellationToken ct)
    {
        var survey = campaign.Survey!;
        var numbers = Enumerable.Range(campaign.BatchCount, Math.Max(0, Math.Min(options.Value.PlanStepBatches, survey.WaveBatches - campaign.BatchCount))).ToList();
        var step = new Planned[numbers.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, numbers.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelBatches, CancellationToken = ct }, async (i, token) =>
        {
            var number = numbers[i];
            if ((await deliveries.GetBatchAsync(campaign.Id, number, token))?.Batch is { } existing)
            {
                step[i] = new Planned(number, existing.Pass, [], existing.LastPlannedId, existing);
                return;
            }
            var wave = (await deliveries.GetBatchAsync(survey.WaveId, number, token))?.Batch;
            if (wave is not { State: BatchState.Sent })
            {
                step[i] = new Planned(number, wave?.Pass ?? 0, [], wave?.LastPlannedId ?? "", null, wave?.Language);
                return;
            }
            var sent = await deliveries.RecipientsAsync(survey.WaveId, number, RecipientStatus.Queued, token);
            var answered = await responses.RespondentsAsync(survey.WaveId, number, token);
            step[i] = new Planned(number, wave.Pass, sent.Where(id => !answered.Contains(id)).ToList(), wave.LastPlannedId, null, wave.Language);
        });
        return [.. step];
    }

    /// <summary>Up to PlanStepBatches full pages of the current pass after the checkpoint, read in id order.</summary>
    private async Task<List<Planned>> ReadStepAsync(StoredCampaign campaign, ContactFilter filter, CancellationToken ct)
    {
        var size = options.Value.BatchSize;
        var step = new List<Planned>();
        var after = campaign.PlanAfter;
        UInt128? reach = null;
        while (step.Count < options.Value.PlanStepBatches)
        {
            var page = await contacts.NextIdsAsync(filter, after, size, ct, reach: reach);
            if (page.Count == 0) break;
            step.Add(new Planned(campaign.BatchCount + step.Count, campaign.PlanPass, page, page[^1], null));
            // The next page probably spans about as many ids as this one did; twice that bounds its read.
            var span = ContactIds.Distance(after ?? page[0], page[^1]);
            reach = span > UInt128.MaxValue / 2 ? UInt128.MaxValue : span * 2;
            after = page[^1];
            if (page.Count < size) break;
        }
        return step;
    }

    /// <summary>
    /// A step that crashed after recording its bounds: batches it wrote are kept as they are; the others are read again
    /// within their recorded bounds, so no recipient can land in two batches whatever changed in between.
    /// </summary>
    private async Task<List<Planned>> ResumeAsync(StoredCampaign campaign, IReadOnlyList<(string Language, ContactFilter Filter)> passes, CancellationToken ct)
    {
        var step = new List<Planned>();
        var after = campaign.PlanAfter;
        foreach (var bound in campaign.PlanBounds!)
        {
            var number = campaign.BatchCount + step.Count;
            var existing = (await deliveries.GetBatchAsync(campaign.Id, number, ct))?.Batch;
            var recipients = existing is null
                ? await contacts.NextIdsAsync(passes[campaign.PlanPass].Filter, after, options.Value.BatchSize, ct, upToId: bound)
                : [];
            // A range emptied meanwhile (everyone erased) still becomes a batch (an empty one, done at once), so the
            // numbering stays as recorded.
            step.Add(new Planned(number, campaign.PlanPass, recipients, bound, existing));
            after = bound;
        }
        return step;
    }

    private BatchRecord NewBatch(StoredCampaign campaign, int n, int pass, string language, IReadOnlyList<PlannedRecipient> recipients, string bound)
    {
        var now = clock.GetUtcNow();
        var queued = recipients.Where(r => r.Status == RecipientStatus.Queued).Select(r => r.ContactId).ToList();
        return new BatchRecord(campaign.Id, n, campaign.Segment.Role, language, pass, queued, recipients.Count,
            queued.Count == 0 ? BatchState.Done : BatchState.Queued, 0, null, null, null, now, now, null,
            new Dictionary<string, int> { [BatchCounters.SkippedSuppressed] = recipients.Count - queued.Count })
        {
            LastPlannedId = bound,
        };
    }

    private Task EnqueueSendAsync(string sendId, int batch, CancellationToken ct) =>
        queues.EnqueueAsync(DeliveryQueues.Send, DeliveryQueues.Serialize(new SendMessage(sendId, batch)), ct);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
