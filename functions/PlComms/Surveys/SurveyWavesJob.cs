using Azure;
using PlComms.Campaigns;
using PlComms.Delivery;
using PlComms.Platform.Functions;
using PlComms.Platform.Queues;

namespace PlComms.Surveys;

/// <summary>
/// Timer function <c>SurveyWaves</c>, every minute. It only finds due work and hands it to the delivery pipeline:
/// <list type="bullet">
/// <item>a due wave is opened: its send (the invitation) and its wave row are inserted under ids derived from the survey
/// and the wave's number, then the survey's checkpoint moves on under its ETag, so a double fire or a restart finds
/// both rows there and opens nothing twice;</item>
/// <item>a wave that fell due while its survey was paused, or whose whole window passed before the timer ran, is
/// recorded as skipped;</item>
/// <item>a due reminder of an open wave becomes a send of its own (again under a derived id), once the wave's
/// planning is done; none after the wave closes, none for a paused survey;</item>
/// <item>a wave whose window has ended is closed; a survey whose last wave has closed is completed.</item>
/// </list>
/// </summary>
public sealed class SurveyWavesJob(SurveyStore surveys, CampaignStore campaigns, AppQueues queues, TimeProvider clock) : ITimerJob
{
    public FunctionDefinition Function => FunctionCatalog.SurveyWaves;

    public async Task RunAsync(TimerContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var (survey, etag) in await surveys.InStatesAsync([SurveyStatus.Active, SurveyStatus.Paused], ct))
        {
            var current = await OpenDueWavesAsync(survey, etag, now, context, ct);
            if (current is null) continue;
            await FollowWavesAsync(current.Value.Survey, current.Value.ETag, now, context, ct);
        }
    }

    /// <summary>Opens (or skips) every wave due by now; null when another run moved the survey on meanwhile.</summary>
    private async Task<(StoredSurvey Survey, ETag ETag)?> OpenDueWavesAsync(StoredSurvey survey, ETag etag, DateTimeOffset now, TimerContext context, CancellationToken ct)
    {
        var d = survey.Definition;
        while (d.Schedule.DueAt(survey.NextWave) is { } due && due <= now)
        {
            var index = survey.NextWave;
            var waveId = SurveyIds.Wave(survey.Id, index);
            var paused = survey.Status == SurveyStatus.Paused;
            var missed = now >= d.ClosesAt(due);
            if (paused || missed)
            {
                var note = paused ? "Due while the survey was paused." : "Its whole window passed before the wave could open.";
                await surveys.AddWaveAsync(new StoredWave(survey.Id, index, waveId, due, due, d.ClosesAt(due), WaveStatus.Skipped, 0, note), ct);
                context.Log($"Survey {survey.Id}: wave {index + 1} skipped ({note})");
            }
            else
            {
                // Opened late (the timer was down) still gets its full window.
                var wave = new StoredWave(survey.Id, index, waveId, due, now, d.ClosesAt(now), WaveStatus.Open, 0, null);
                var created = await campaigns.TryAddAsync(SurveySends.Wave(survey, wave, now), ct);
                await surveys.AddWaveAsync(wave, ct);
                if (created)
                {
                    // If this enqueue is lost, DispatchCampaigns re-queues the idle planning send.
                    await queues.EnqueueAsync(DeliveryQueues.Plan, DeliveryQueues.Serialize(new PlanMessage(waveId)), ct);
                    context.Log($"Survey {survey.Id}: opened wave {index + 1} ({waveId}).");
                }
            }
            survey = survey with { NextWave = index + 1, UpdatedAt = now };
            if (await surveys.ReplaceAsync(survey, etag, ct) is not { } next) return null;
            etag = next;
        }
        return (survey, etag);
    }

    private async Task FollowWavesAsync(StoredSurvey survey, ETag surveyETag, DateTimeOffset now, TimerContext context, CancellationToken ct)
    {
        var waves = await surveys.WavesAsync(survey.Id, ct);
        foreach (var (wave, etag) in waves.Where(w => w.Wave.Status == WaveStatus.Open))
        {
            if (now >= wave.ClosesAt)
            {
                if (await surveys.ReplaceWaveAsync(wave with { Status = WaveStatus.Closed }, etag, ct) is not null)
                    context.Log($"Survey {survey.Id}: wave {wave.Index + 1} closed.");
                continue;
            }
            if (survey.Status == SurveyStatus.Active) await RemindAsync(survey, wave, etag, now, context, ct);
        }
        var allClosed = waves.All(w => w.Wave.Status != WaveStatus.Open || now >= w.Wave.ClosesAt);
        if (survey.Definition.Schedule.IsFinite && survey.Definition.Schedule.DueAt(survey.NextWave) is null && allClosed && survey.Status == SurveyStatus.Active)
        {
            if (await surveys.ReplaceAsync(survey with { Status = SurveyStatus.Completed, UpdatedAt = now }, surveyETag, ct) is not null)
                context.Log($"Survey {survey.Id}: completed.");
        }
    }

    private async Task RemindAsync(StoredSurvey survey, StoredWave wave, ETag etag, DateTimeOffset now, TimerContext context, CancellationToken ct)
    {
        var policy = survey.Definition.Reminders;
        var number = wave.RemindersQueued + 1;
        if (number > policy.Count) return;
        var due = policy.DueAt(wave.OpensAt, number);
        if (due > now || due >= wave.ClosesAt) return;
        // Non-respondents are known once the wave's planning is done and its batches exist.
        if ((await campaigns.GetAsync(wave.WaveId, ct))?.Campaign is not { Status: CampaignStatus.Sending or CampaignStatus.Completed } invitation) return;
        var reminder = SurveySends.Reminder(survey, wave, number, invitation.BatchCount, now);
        if (await campaigns.TryAddAsync(reminder, ct))
        {
            await queues.EnqueueAsync(DeliveryQueues.Plan, DeliveryQueues.Serialize(new PlanMessage(reminder.Id)), ct);
            context.Log($"Survey {survey.Id}: wave {wave.Index + 1}, reminder {number} queued ({reminder.Id}).");
        }
        // A run that loses this race to another has nothing more to do: the other recorded the same reminder.
        await surveys.ReplaceWaveAsync(wave with { RemindersQueued = number }, etag, ct);
    }
}
