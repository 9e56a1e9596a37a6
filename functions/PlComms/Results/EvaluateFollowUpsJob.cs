using PlComms.Campaigns;
using PlComms.Delivery;
using PlComms.Platform.Functions;
using PlComms.Surveys;

namespace PlComms.Results;

/// <summary>
/// Timer function <c>EvaluateFollowUps</c>: once a wave's results are final (its last aggregation round began after it
/// closed), every rule of its survey is evaluated on it. A group that meets a rule gets its firing recorded and its
/// follow-up made: a draft campaign to that group with the reason, or the rule's approved message scheduled to it.
/// Firing and campaign ids are derived from the rule, wave and group, so a double fire or a crash in between makes
/// one of each. Hidden groups (too few responses) never fire: rules read the same report the officer sees.
/// </summary>
public sealed class EvaluateFollowUpsJob(
    SurveyStore surveys, ResultsStore results, ResultsService service, FollowUpStore followUps, CampaignStore campaigns, TimeProvider clock) : ITimerJob
{
    public FunctionDefinition Function => FunctionCatalog.EvaluateFollowUps;

    public async Task RunAsync(TimerContext context, CancellationToken ct)
    {
        var rules = (await followUps.RulesAsync(null, ct)).GroupBy(r => r.Rule.SurveyId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (surveyId, surveyRules) in rules)
        {
            var waves = await surveys.WavesAsync(surveyId, ct);
            (StoredSurvey Survey, SurveyResultsReport Report, IReadOnlyList<(int, WaveTally)>)? built = null;
            foreach (var (wave, _) in waves.Where(w => w.Wave.Status != WaveStatus.Skipped))
            {
                var (_, state, etag) = await results.WaveAsync(wave.WaveId, ct);
                if (!state.Final || state.FollowUpsEvaluated || etag is null) continue;
                built ??= await service.BuildAsync(surveyId, ct);
                if (built is not { } b) break;
                foreach (var rule in surveyRules)
                {
                    foreach (var firing in FollowUpRules.Evaluate(rule.Rule, b.Report, wave.Index))
                        await FireAsync(b.Survey, rule, wave, firing, context, ct);
                }
                // Firings are idempotent; this only spares the next run the work.
                await results.WriteWaveAsync(wave.WaveId, state with { FollowUpsEvaluated = true }, null, etag, ct);
            }
        }
    }

    private async Task FireAsync(StoredSurvey survey, StoredRule rule, StoredWave wave, FollowUpFiring firing, TimerContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = FollowUpStore.FiringId(rule.Id, wave.WaveId, firing.Group);
        var action = rule.Rule.Action;
        var segment = FollowUpRules.SegmentFor(survey.Definition, firing);
        var name = $"Follow-up: {rule.Rule.Name}, {firing.Label}, wave {wave.Index + 1}";
        var campaign = action.Kind == FollowUpActionKind.ScheduleMessage
            ? new StoredCampaign(id, name, action.VisionId!, action.MessageId!, segment, MessageStream.Announcements, now.AddHours(action.DelayHours),
                CampaignStatus.Scheduled, firing.Reason, [], 0, null, 0, 0, null, now, now, null)
            : new StoredCampaign(id, name, survey.Definition.VisionId ?? "", "", segment, MessageStream.Announcements, now,
                CampaignStatus.Draft, firing.Reason, [], 0, null, 0, 0, null, now, now, null);
        // The campaign first: a crash before the firing is recorded leaves a campaign the next run finds by its id.
        await campaigns.TryAddAsync(campaign, ct);
        var recorded = await followUps.TryAddFiringAsync(new StoredFollowUp(id, rule.Id, rule.Rule.Name, survey.Id, wave.Index, wave.WaveId, firing.Group,
            firing.Dimension, firing.Label, firing.N, firing.FavorablePercent, firing.PreviousFavorablePercent, firing.Reason, action.Kind, id, now), ct);
        if (recorded) context.Log($"Rule {rule.Id} fired for {firing.Group} in wave {wave.Index + 1}: {firing.Reason}");
    }
}
