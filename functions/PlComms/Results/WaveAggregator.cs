using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.Surveys;

namespace PlComms.Results;

/// <summary>
/// Counts one wave batch: who the invitation reached (sent, not reported bounced, blocked or dropped), in which
/// schools and language they count (read from their contacts, addresses never), and every answer of the batch's
/// responses. The batch is the unit of work: one queue message, a few partition queries, one row written.
/// </summary>
public sealed class WaveAggregator(
    CampaignStore campaigns, SurveyStore surveys, DeliveryStore deliveries, ResponseStore responses, ContactStore contacts, ResultsStore results)
{
    private static readonly DeliveryFlag[] NotReached = [DeliveryFlag.Bounced, DeliveryFlag.Blocked, DeliveryFlag.Dropped];

    /// <summary>False when the wave or its survey is gone (nothing to count).</summary>
    public async Task<bool> CountBatchAsync(string waveId, int batch, int round, CancellationToken ct)
    {
        if ((await campaigns.GetAsync(waveId, ct))?.Campaign is not { Kind: SendKind.SurveyWave, Survey: { } send }) return false;
        if ((await surveys.GetAsync(send.SurveyId, ct))?.Survey is not { } survey) return false;
        var row = (await deliveries.GetBatchAsync(waveId, batch, ct))?.Batch;
        var recipients = new List<WaveRecipient>();
        if (row is not null)
        {
            var sent = row.State == BatchState.Sent;
            var rows = await deliveries.DeliveriesAsync(waveId, batch, ct);
            var groups = rows.Count == 0 ? new Dictionary<string, (IReadOnlyList<SchoolRef>, string)>()
                : await contacts.GroupsAsync(row.Role, rows[0].ContactId, rows[^1].ContactId, ct);
            foreach (var (contactId, status, flags) in rows)
            {
                // An erased contact has no groups left; it still counts as reached in the whole audience.
                var (schools, language) = groups.TryGetValue(contactId, out var g) ? g : ([], "");
                var reached = sent && status == RecipientStatus.Queued && !NotReached.Any(flags.Contains);
                recipients.Add(new WaveRecipient(contactId, schools, language, reached));
            }
        }
        var answers = (await responses.AnswersAsync(waveId, batch, ct)).Select(a => new WaveAnswer(a.ContactId, a.Answers.Values));
        await results.WriteBatchAsync(waveId, batch, round, Tallies.Of(survey.Definition, recipients, answers), ct);
        return true;
    }

    /// <summary>
    /// Merges the wave's batch rows into its wave row if every one of its <paramref name="batches"/> has counted the open
    /// round: the batches still missing it otherwise (nothing written). The merge is written under the wave row's ETag
    /// and is final when the round began after the wave closed.
    /// </summary>
    public async Task<(bool Merged, IReadOnlyList<int> Missing)> TryMergeAsync(string waveId, int batches, DateTimeOffset closesAt, DateTimeOffset now, CancellationToken ct)
    {
        var (_, state, etag) = await results.WaveAsync(waveId, ct);
        if (!state.RoundOpen) return (false, []);
        var rows = await results.BatchesAsync(waveId, ct);
        var counted = rows.Where(r => r.Round >= state.Round).Select(r => r.Batch).ToHashSet();
        var missing = Enumerable.Range(0, batches).Where(b => !counted.Contains(b)).ToList();
        if (missing.Count > 0) return (false, missing);
        var merged = new WaveTally();
        merged.Group(WaveTally.AllKey);
        foreach (var row in rows.Where(r => r.Batch < batches)) merged.Merge(row.Tally);
        var final = state.RoundStartedAt >= closesAt;
        return (await results.WriteWaveAsync(waveId, state with { MergedRound = state.Round, AggregatedAt = now, Final = final }, merged, etag, ct), []);
    }

    /// <summary>Opens the next round of a wave (under the wave row's ETag); its number, or null when another writer won.</summary>
    public async Task<int?> StartRoundAsync(string waveId, DateTimeOffset now, CancellationToken ct)
    {
        var (_, state, etag) = await results.WaveAsync(waveId, ct);
        var next = state with { Round = state.Round + 1, RoundStartedAt = now };
        return await results.WriteWaveAsync(waveId, next, null, etag, ct) ? next.Round : null;
    }
}
