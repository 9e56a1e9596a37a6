using PlComms.Messages;
using PlComms.Shared;
using PlComms.Surveys;

namespace PlComms.Results;

/// <summary>One question in one group of one wave: how many answered it, of how many it reached (%), and the answers. Every figure is null when the cell is hidden.</summary>
public sealed record ResultCell(
    string Group,
    Dimension Dimension,
    string Label,
    bool Hidden,
    int? N,
    double? ResponseRate,
    double? Mean,
    IReadOnlyList<int>? Distribution,
    double? FavorablePercent,
    IReadOnlyDictionary<string, int>? Options,
    double? ChangeFromPrevious);

/// <summary>Who a wave reached and who answered, in one group. Hidden like any cell with fewer responses than the threshold.</summary>
public sealed record ParticipationCell(
    string Group,
    Dimension Dimension,
    string Label,
    bool Hidden,
    int? Delivered,
    int? Respondents,
    double? ResponseRate,
    double? ChangeFromPrevious);

public sealed record QuestionResult(string QuestionId, string Topic, QuestionKind Kind, LocalizedText Text, IReadOnlyList<ResultCell> Cells);

public enum IndexStatus
{
    OnTrack,
    AtRisk,
    OffTrack,
}

/// <summary>The communication success index of a wave: the mean % favorable of the audience's index questions, against its goal.</summary>
public sealed record SuccessIndex(double? Value, double Goal, IndexStatus? Status, IReadOnlyList<string> Questions);

public sealed record WaveResult(
    int Index,
    string WaveId,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    bool Open,
    bool Final,
    DateTimeOffset? AggregatedAt,
    IReadOnlyList<ParticipationCell> Participation,
    IReadOnlyList<QuestionResult> Questions,
    SuccessIndex SuccessIndex);

public sealed record TrendPoint(int Wave, int? N, double? FavorablePercent);

/// <summary>One question's favorable share in one group, wave by wave (null where the cell is hidden).</summary>
public sealed record Trend(string QuestionId, string Group, string Label, IReadOnlyList<TrendPoint> Points);

public sealed record SurveyResultsReport(string SurveyId, string Name, Audience Audience, int MinGroupSize, IReadOnlyList<WaveResult> Waves, IReadOnlyList<Trend> Trends);

/// <summary>What the report needs to know of a wave besides its counts.</summary>
public sealed record WaveFacts(int Index, string WaveId, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool Open, bool Final, DateTimeOffset? AggregatedAt, WaveTally Tally);

/// <summary>Settings of the report: the small-group threshold (never below 5) and each audience's goal for the success index.</summary>
public sealed record ResultsPolicy(int MinGroupSize, double ParentsGoal, double TeachersGoal)
{
    /// <summary>Below the goal by at most this many points is "at risk"; further is "off track".</summary>
    public const double AtRiskBand = 10;

    public static ResultsPolicy Default { get; } = new(SmallGroups.Floor, 75, 75);

    public double GoalFor(Audience audience) => audience == Audience.Teachers ? TeachersGoal : ParentsGoal;
}
