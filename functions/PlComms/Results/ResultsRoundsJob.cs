using PlComms.Campaigns;
using PlComms.Delivery;
using PlComms.Platform.Functions;
using PlComms.Platform.Queues;
using PlComms.Surveys;

namespace PlComms.Results;

/// <summary>
/// Timer function <c>ResultsRounds</c>, every minute: keeps each wave's aggregate current without ever scanning
/// responses on a request path.
/// <list type="bullet">
/// <item>While a wave is open, a round starts every <see cref="Refresh"/>: one queue message per wave batch, each
/// recounting that batch into its own row.</item>
/// <item>When every batch row has counted the round, the next run merges them into the wave row, under its ETag.</item>
/// <item>After the wave closes, one last round; its merge marks the wave final, which is when follow-up rules read it.</item>
/// <item>A round whose messages were lost (some batch rows never counted it) has the missing batches queued again.</item>
/// </list>
/// </summary>
public sealed class ResultsRoundsJob(SurveyStore surveys, CampaignStore campaigns, ResultsStore results, AppQueues queues, TimeProvider clock) : ITimerJob
{
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan RoundTimeout = TimeSpan.FromMinutes(10);

    public FunctionDefinition Function => FunctionCatalog.ResultsRounds;

    public async Task RunAsync(TimerContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var (survey, _) in await surveys.InStatesAsync([SurveyStatus.Active, SurveyStatus.Paused, SurveyStatus.Completed], ct))
        {
            foreach (var (wave, _) in await surveys.WavesAsync(survey.Id, ct))
            {
                if (wave.Status == WaveStatus.Skipped) continue;
                // Batches are known once the invitation's planning is done.
                if ((await campaigns.GetAsync(wave.WaveId, ct))?.Campaign is not { Status: CampaignStatus.Sending or CampaignStatus.Completed or CampaignStatus.Cancelled } send) continue;
                await AdvanceAsync(wave, send.BatchCount, now, context, ct);
            }
        }
    }

    private async Task AdvanceAsync(StoredWave wave, int batches, DateTimeOffset now, TimerContext context, CancellationToken ct)
    {
        var (tally, state, etag) = await results.WaveAsync(wave.WaveId, ct);
        if (state.Final) return;
        var closed = now >= wave.ClosesAt;
        if (state.RoundOpen)
        {
            var rows = await results.BatchesAsync(wave.WaveId, ct);
            var counted = rows.Where(r => r.Round >= state.Round).Select(r => r.Batch).ToHashSet();
            var missing = Enumerable.Range(0, batches).Where(b => !counted.Contains(b)).ToList();
            if (missing.Count == 0)
            {
                var merged = new WaveTally();
                merged.Group(WaveTally.AllKey);
                foreach (var row in rows.Where(r => r.Batch < batches)) merged.Merge(row.Tally);
                var final = state.RoundStartedAt >= wave.ClosesAt;
                if (await results.WriteWaveAsync(wave.WaveId, state with { MergedRound = state.Round, AggregatedAt = now, Final = final }, merged, etag, ct))
                    context.Log($"Wave {wave.WaveId}: round {state.Round} merged ({batches} batch(es)){(final ? "; final" : "")}.");
            }
            else if (now - state.RoundStartedAt > RoundTimeout)
            {
                foreach (var b in missing) await EnqueueAsync(wave.WaveId, b, state.Round, ct);
                context.Log($"Wave {wave.WaveId}: round {state.Round} queued again for {missing.Count} batch(es).");
            }
            return;
        }
        var due = tally is null || closed || now - state.AggregatedAt >= Refresh;
        if (!due) return;
        var next = state with { Round = state.Round + 1, RoundStartedAt = now };
        if (!await results.WriteWaveAsync(wave.WaveId, next, null, etag, ct)) return;
        foreach (var b in Enumerable.Range(0, batches)) await EnqueueAsync(wave.WaveId, b, next.Round, ct);
        context.Log($"Wave {wave.WaveId}: round {next.Round} started over {batches} batch(es){(closed ? " after the wave closed" : "")}.");
    }

    private Task EnqueueAsync(string waveId, int batch, int round, CancellationToken ct) =>
        queues.EnqueueAsync(CountBatchJob.Queue, DeliveryQueues.Serialize(new CountBatchMessage(waveId, batch, round)), ct);
}
