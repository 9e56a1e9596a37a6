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
public sealed class ResultsRoundsJob(SurveyStore surveys, CampaignStore campaigns, ResultsStore results, WaveAggregator aggregator, AppQueues queues, TimeProvider clock) : ITimerJob
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
        var (tally, state, _) = await results.WaveAsync(wave.WaveId, ct);
        if (state.Final) return;
        if (state.RoundOpen)
        {
            var (merged, missing) = await aggregator.TryMergeAsync(wave.WaveId, batches, wave.ClosesAt, now, ct);
            if (merged) context.Log($"Wave {wave.WaveId}: round {state.Round} merged ({batches} batch(es)){(state.RoundStartedAt >= wave.ClosesAt ? "; final" : "")}.");
            else if (missing.Count > 0 && now - state.RoundStartedAt > RoundTimeout)
            {
                foreach (var b in missing) await EnqueueAsync(wave.WaveId, b, state.Round, ct);
                context.Log($"Wave {wave.WaveId}: round {state.Round} queued again for {missing.Count} batch(es).");
            }
            return;
        }
        var closed = now >= wave.ClosesAt;
        if (tally is not null && !closed && now - state.AggregatedAt < Refresh) return;
        if (await aggregator.StartRoundAsync(wave.WaveId, now, ct) is not { } round) return;
        foreach (var b in Enumerable.Range(0, batches)) await EnqueueAsync(wave.WaveId, b, round, ct);
        context.Log($"Wave {wave.WaveId}: round {round} started over {batches} batch(es){(closed ? " after the wave closed" : "")}.");
    }

    private Task EnqueueAsync(string waveId, int batch, int round, CancellationToken ct) =>
        queues.EnqueueAsync(CountBatchJob.Queue, DeliveryQueues.Serialize(new CountBatchMessage(waveId, batch, round)), ct);
}
