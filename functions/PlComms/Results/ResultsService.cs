using Microsoft.Extensions.Options;
using PlComms.Surveys;

namespace PlComms.Results;

/// <summary>A survey's results from its waves' merged aggregates: one point read per wave, never a response.</summary>
public sealed class ResultsService(SurveyStore surveys, ResultsStore results, IOptions<ResultsOptions> options, TimeProvider clock)
{
    public ResultsPolicy Policy => options.Value.Policy;

    public async Task<(StoredSurvey Survey, SurveyResultsReport Report, IReadOnlyList<(int Index, WaveTally Tally)> Tallies)?> BuildAsync(string surveyId, CancellationToken ct)
    {
        if ((await surveys.GetAsync(surveyId, ct))?.Survey is not { } survey) return null;
        var now = clock.GetUtcNow();
        var facts = new List<WaveFacts>();
        var tallies = new List<(int, WaveTally)>();
        foreach (var (wave, _) in await surveys.WavesAsync(surveyId, ct))
        {
            if (wave.Status == WaveStatus.Skipped) continue;
            var (tally, state, _) = await results.WaveAsync(wave.WaveId, ct);
            var counted = tally ?? new WaveTally();
            facts.Add(new WaveFacts(wave.Index, wave.WaveId, wave.OpensAt, wave.ClosesAt, now < wave.ClosesAt, state.Final, state.AggregatedAt, counted));
            tallies.Add((wave.Index, counted));
        }
        return (survey, ResultsReport.Build(survey.Id, survey.Definition, facts, Policy), tallies);
    }
}
