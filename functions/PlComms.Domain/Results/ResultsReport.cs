using PlComms.Messages;
using PlComms.Shared;
using PlComms.Surveys;

namespace PlComms.Results;

/// <summary>
/// Turns wave tallies into the results the officer sees: per wave and question, n, mean, distribution and % favorable
/// for the whole audience, each school and each language; participation (reached, answered, response rate); the
/// change from the previous wave; the trend; the success index. Small groups are hidden here, once, so the API, the
/// CSV and every page show the same cells.
/// </summary>
public static class ResultsReport
{
    /// <summary>The questions whose % favorable make each audience's success index: knowing, understanding and what stays the same.</summary>
    public static IReadOnlyList<string> IndexTopics(Audience audience) => audience == Audience.Teachers
        ? ["clarity", "fit"]
        : ["awareness", "understanding", "stays-the-same"];

    public static SurveyResultsReport Build(string surveyId, SurveyDefinition survey, IReadOnlyList<WaveFacts> waves, ResultsPolicy policy)
    {
        var threshold = Math.Max(policy.MinGroupSize, SmallGroups.Floor);
        var ordered = waves.OrderBy(w => w.Index).ToList();
        var results = new List<WaveResult>();
        WaveResult? previous = null;
        foreach (var wave in ordered)
        {
            var result = Wave(survey, wave, threshold, previous, policy);
            results.Add(result);
            previous = result;
        }
        return new SurveyResultsReport(surveyId, survey.Name, survey.Audience, threshold, results, Trends(results));
    }

    private static WaveResult Wave(SurveyDefinition survey, WaveFacts wave, int threshold, WaveResult? previous, ResultsPolicy policy)
    {
        var tally = wave.Tally;
        var groups = Groups(tally);
        var participation = Participation(tally, groups, threshold, previous);
        var questions = survey.Questions.Select(q => Question(q, tally, groups, threshold, previous)).ToList();
        return new WaveResult(wave.Index, wave.WaveId, wave.OpensAt, wave.ClosesAt, wave.Open, wave.Final, wave.AggregatedAt, participation, questions,
            Index(survey.Audience, questions, policy));
    }

    /// <summary>The groups of a wave in report order: the whole audience, schools by name, languages by code.</summary>
    private static List<(string Key, Dimension Dimension, string Label)> Groups(WaveTally tally)
    {
        var keys = tally.Groups.Keys.Select(k => (Key: k, Parsed: WaveTally.Parse(k))).ToList();
        return
        [
            (WaveTally.AllKey, Dimension.All, "All"),
            .. keys.Where(k => k.Parsed.Dimension == Dimension.School)
                .Select(k => (k.Key, Dimension.School, tally.SchoolNames.GetValueOrDefault(k.Parsed.Value) ?? k.Parsed.Value))
                .OrderBy(k => k.Item3, StringComparer.OrdinalIgnoreCase),
            .. keys.Where(k => k.Parsed.Dimension == Dimension.Language)
                .Select(k => (k.Key, Dimension.Language, k.Parsed.Value))
                .OrderBy(k => k.Item3, StringComparer.Ordinal),
        ];
    }

    /// <summary>Which cells of each breakdown are hidden, given each cell's count and the whole audience's.</summary>
    private static Dictionary<string, bool> HiddenCells(List<(string Key, Dimension Dimension, string Label)> groups, Func<string, int> count, int threshold)
    {
        var totalShown = !SmallGroups.TooSmall(count(WaveTally.AllKey), threshold);
        var hidden = new Dictionary<string, bool>(StringComparer.Ordinal) { [WaveTally.AllKey] = !totalShown };
        foreach (var dimension in new[] { Dimension.School, Dimension.Language })
        {
            var cells = groups.Where(g => g.Dimension == dimension).ToList();
            var flags = SmallGroups.Hidden(cells.Select(c => count(c.Key)).ToList(), threshold, totalShown);
            for (var i = 0; i < cells.Count; i++) hidden[cells[i].Key] = flags[i];
        }
        return hidden;
    }

    private static List<ParticipationCell> Participation(WaveTally tally, List<(string Key, Dimension Dimension, string Label)> groups, int threshold, WaveResult? previous)
    {
        int Respondents(string key) => tally.Groups.GetValueOrDefault(key)?.Respondents ?? 0;
        var hidden = HiddenCells(groups, Respondents, threshold);
        return [.. groups.Select(g =>
        {
            if (hidden[g.Key]) return new ParticipationCell(g.Key, g.Dimension, g.Label, true, null, null, null, null);
            var group = tally.Groups.GetValueOrDefault(g.Key) ?? new GroupTally();
            var rate = group.Delivered == 0 ? (double?)null : Round(100.0 * group.Respondents / group.Delivered);
            var before = previous?.Participation.FirstOrDefault(p => p.Group == g.Key)?.ResponseRate;
            return new ParticipationCell(g.Key, g.Dimension, g.Label, false, group.Delivered, group.Respondents, rate, rate is { } r && before is { } b ? Round(r - b) : null);
        })];
    }

    private static QuestionResult Question(SurveyQuestion q, WaveTally tally, List<(string Key, Dimension Dimension, string Label)> groups, int threshold, WaveResult? previous)
    {
        QuestionTally Of(string key) => tally.Groups.GetValueOrDefault(key)?.Questions.GetValueOrDefault(q.Id) ?? new QuestionTally();
        var hidden = HiddenCells(groups, key => Of(key).N, threshold);
        var cells = groups.Select(g =>
        {
            if (hidden[g.Key]) return new ResultCell(g.Key, g.Dimension, g.Label, true, null, null, null, null, null, null, null);
            var t = Of(g.Key);
            var n = t.N;
            var delivered = tally.Groups.GetValueOrDefault(g.Key)?.Delivered ?? 0;
            double? rate = delivered == 0 ? null : Round(100.0 * n / delivered);
            return q.Kind switch
            {
                QuestionKind.Likert => Likert(g, t, rate, previous?.Questions.FirstOrDefault(x => x.QuestionId == q.Id)?.Cells.FirstOrDefault(c => c.Group == g.Key)),
                QuestionKind.Choice => new ResultCell(g.Key, g.Dimension, g.Label, false, n, rate, null, null, null,
                    q.Options.ToDictionary(o => o.Id, o => t.Options.GetValueOrDefault(o.Id), StringComparer.Ordinal), null),
                _ => new ResultCell(g.Key, g.Dimension, g.Label, false, n, rate, null, null, null, null, null),
            };
        }).ToList();
        return new QuestionResult(q.Id, q.Topic, q.Kind, q.Text, cells);
    }

    private static ResultCell Likert((string Key, Dimension Dimension, string Label) g, QuestionTally t, double? rate, ResultCell? before)
    {
        var n = t.N;
        double? mean = n == 0 ? null : Round(t.Scores.Select((count, i) => count * (i + LikertScale.Min)).Sum() / (double)n);
        double? favorable = n == 0 ? null : Round(100.0 * Enumerable.Range(LikertScale.Min, LikertScale.Max).Where(LikertScale.IsFavorable).Sum(v => t.Scores[v - LikertScale.Min]) / n);
        var change = favorable is { } f && before?.FavorablePercent is { } b ? Round(f - b) : (double?)null;
        return new ResultCell(g.Key, g.Dimension, g.Label, false, n, rate, mean, [.. t.Scores], favorable, null, change);
    }

    private static SuccessIndex Index(Audience audience, IReadOnlyList<QuestionResult> questions, ResultsPolicy policy)
    {
        var goal = policy.GoalFor(audience);
        var topics = IndexTopics(audience);
        var used = questions.Where(q => topics.Contains(q.Topic) && q.Kind == QuestionKind.Likert).ToList();
        var shown = used.Select(q => q.Cells.First(c => c.Group == WaveTally.AllKey).FavorablePercent).OfType<double>().ToList();
        // Only when every index question of the survey is shown: a mean of some would move with what happened to be hidden.
        if (used.Count == 0 || shown.Count < used.Count) return new SuccessIndex(null, goal, null, used.Select(q => q.QuestionId).ToList());
        var value = Round(shown.Average());
        var status = value >= goal ? IndexStatus.OnTrack : value >= goal - ResultsPolicy.AtRiskBand ? IndexStatus.AtRisk : IndexStatus.OffTrack;
        return new SuccessIndex(value, goal, status, used.Select(q => q.QuestionId).ToList());
    }

    private static List<Trend> Trends(IReadOnlyList<WaveResult> waves)
    {
        var trends = new List<Trend>();
        if (waves.Count == 0) return trends;
        foreach (var question in waves[^1].Questions.Where(q => q.Kind == QuestionKind.Likert))
        {
            var groups = waves.SelectMany(w => w.Questions.First(q => q.QuestionId == question.QuestionId).Cells.Select(c => (c.Group, c.Label))).DistinctBy(g => g.Group).ToList();
            foreach (var (group, label) in groups)
            {
                var points = waves.Select(w =>
                {
                    var cell = w.Questions.First(q => q.QuestionId == question.QuestionId).Cells.FirstOrDefault(c => c.Group == group);
                    return new TrendPoint(w.Index, cell?.N, cell?.FavorablePercent);
                }).ToList();
                trends.Add(new Trend(question.QuestionId, group, label, points));
            }
        }
        return trends;
    }

    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
