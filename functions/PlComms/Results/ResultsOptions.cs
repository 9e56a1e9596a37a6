using Microsoft.Extensions.Options;

namespace PlComms.Results;

public sealed class ResultsOptions
{
    public const string Section = "Results";

    /// <summary>Setting <c>Results__MinGroupSize</c>: groups with fewer responses are never shown (never below 5).</summary>
    public int MinGroupSize { get; set; } = SmallGroups.Floor;

    /// <summary>Setting <c>Results__CommentsMinGroupSize</c>: open comments are shown only for groups of at least this many respondents (never below 10).</summary>
    public int CommentsMinGroupSize { get; set; } = 10;

    /// <summary>Settings <c>Results__ParentsGoal</c>, <c>Results__TeachersGoal</c>: the success index each audience aims for, in % favorable.</summary>
    public double ParentsGoal { get; set; } = 75;

    public double TeachersGoal { get; set; } = 75;

    public ResultsPolicy Policy => new(MinGroupSize, ParentsGoal, TeachersGoal);

    public sealed class Validator : IValidateOptions<ResultsOptions>
    {
        public ValidateOptionsResult Validate(string? name, ResultsOptions o)
        {
            var failures = new List<string>();
            if (o.MinGroupSize is < SmallGroups.Floor or > 1000) failures.Add($"Results__MinGroupSize must be between {SmallGroups.Floor} and 1,000: smaller groups are never shown.");
            if (o.CommentsMinGroupSize is < 10 or > 1000) failures.Add("Results__CommentsMinGroupSize must be between 10 and 1,000.");
            if (o.ParentsGoal is <= 0 or > 100) failures.Add("Results__ParentsGoal must be a percentage above 0 and at most 100.");
            if (o.TeachersGoal is <= 0 or > 100) failures.Add("Results__TeachersGoal must be a percentage above 0 and at most 100.");
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
