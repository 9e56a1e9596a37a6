using System.Globalization;
using PlComms.Contacts;
using PlComms.Shared;
using PlComms.Surveys;

namespace PlComms.Results;

/// <summary>What a rule does when it fires: a draft campaign for the officer to finish, or an approved message scheduled.</summary>
public enum FollowUpActionKind
{
    DraftCampaign,
    ScheduleMessage,
}

public sealed record FollowUpActionInput(string? Kind, string? VisionId, string? MessageId, int? DelayHours);

/// <summary>
/// A rule as the officer posts it: "when <see cref="QuestionId"/> is below <see cref="BelowFavorable"/>% favorable in a
/// group of <see cref="Dimension"/>, or drops by <see cref="DropPoints"/> points or more from the previous wave, then
/// <see cref="Action"/>".
/// </summary>
public sealed record FollowUpRuleInput(string? Name, string? SurveyId, string? QuestionId, string? Dimension, double? BelowFavorable, double? DropPoints, FollowUpActionInput? Action);

public sealed record FollowUpAction(FollowUpActionKind Kind, string? VisionId, string? MessageId, int DelayHours);

public sealed record FollowUpRule(string Name, string SurveyId, string QuestionId, Dimension Dimension, double? BelowFavorable, double? DropPoints, FollowUpAction Action);

/// <summary>One group for which a rule fired in a wave, with the figures that made it fire.</summary>
public sealed record FollowUpFiring(string Group, Dimension Dimension, string Label, int N, double FavorablePercent, double? PreviousFavorablePercent, string Reason);

public static class FollowUpRules
{
    public const int NameLength = 200;
    public const int MaxDelayHours = 720;

    /// <summary>Checks a rule against the survey it names (its question must be one of the survey's agree/disagree questions).</summary>
    public static ValidationResult<FollowUpRule> Validate(FollowUpRuleInput input, Func<string, SurveyDefinition?> survey)
    {
        var errors = new ValidationErrors();
        var name = errors.OptionalText("name", input.Name, NameLength);
        var surveyId = errors.RequiredText("surveyId", input.SurveyId, 64);
        var definition = surveyId is null ? null : survey(surveyId);
        if (surveyId is not null && definition is null) errors.Add("surveyId", $"There is no survey with id '{surveyId}'.");
        var questionId = errors.RequiredText("questionId", input.QuestionId, 64);
        if (definition is not null && questionId is not null
            && !definition.Questions.Any(q => q.Id == questionId && q.Kind == QuestionKind.Likert))
            errors.Add("questionId", $"'{questionId}' is not an agree/disagree question of this survey: use one of {string.Join(", ", definition.Questions.Where(q => q.Kind == QuestionKind.Likert).Select(q => q.Id))}.");
        var dimension = input.Dimension is null ? Dimension.School : errors.OneOf<Dimension>("dimension", input.Dimension);
        if (input.BelowFavorable is null && input.DropPoints is null)
            errors.Add("", "Give belowFavorable, dropPoints or both: what makes the rule fire.");
        if (input.BelowFavorable is { } below && below is <= 0 or > 100) errors.Add("belowFavorable", "Must be a percentage above 0 and at most 100.");
        if (input.DropPoints is { } drop && drop is <= 0 or > 100) errors.Add("dropPoints", "Must be a number of points above 0 and at most 100.");
        var action = Action(input.Action, errors);
        return errors.ToResult(surveyId is null || questionId is null || dimension is null || action is null || definition is null
            ? null
            : new FollowUpRule(name ?? $"Follow up on {questionId}", surveyId, questionId, dimension.Value, input.BelowFavorable, input.DropPoints, action));
    }

    private static FollowUpAction? Action(FollowUpActionInput? input, ValidationErrors errors)
    {
        if (input is null)
        {
            errors.Add("action", "An action is required: kind 'draft-campaign', or 'schedule-message' with a visionId and messageId.");
            return null;
        }
        var kind = errors.OneOf<FollowUpActionKind>("action.kind", input.Kind);
        var delay = input.DelayHours ?? 0;
        if (delay is < 0 or > MaxDelayHours) errors.Add("action.delayHours", $"Must be between 0 and {MaxDelayHours}.");
        if (kind != FollowUpActionKind.ScheduleMessage) return kind is null ? null : new FollowUpAction(kind.Value, null, null, delay);
        var visionId = errors.RequiredText("action.visionId", input.VisionId, 64);
        var messageId = errors.RequiredText("action.messageId", input.MessageId, 64);
        return visionId is null || messageId is null ? null : new FollowUpAction(kind.Value, visionId, messageId, delay);
    }

    /// <summary>
    /// The groups of the rule's dimension for which it fires in wave <paramref name="waveIndex"/>. It reads the report, so
    /// a hidden group (fewer responses than the threshold, or hidden to protect one) never fires.
    /// </summary>
    public static IReadOnlyList<FollowUpFiring> Evaluate(FollowUpRule rule, SurveyResultsReport report, int waveIndex)
    {
        var wave = report.Waves.FirstOrDefault(w => w.Index == waveIndex);
        var question = wave?.Questions.FirstOrDefault(q => q.QuestionId == rule.QuestionId);
        if (question is null) return [];
        var firings = new List<FollowUpFiring>();
        foreach (var cell in question.Cells.Where(c => c.Dimension == rule.Dimension && !c.Hidden && c.FavorablePercent is not null))
        {
            var now = cell.FavorablePercent!.Value;
            var before = cell.ChangeFromPrevious is { } change ? now - change : (double?)null;
            var reasons = new List<string>();
            if (rule.BelowFavorable is { } below && now < below)
                reasons.Add($"{F(now)}% favorable, below {F(below)}%");
            if (rule.DropPoints is { } drop && cell.ChangeFromPrevious is { } delta && -delta >= drop)
                reasons.Add($"down {F(-delta)} points from {F(before!.Value)}% in wave {waveIndex}");
            if (reasons.Count == 0) continue;
            var who = cell.Dimension == Dimension.All ? "all of the audience" : cell.Label;
            firings.Add(new FollowUpFiring(cell.Group, cell.Dimension, cell.Label, cell.N!.Value, now, before,
                $"Wave {waveIndex + 1}, {question.Text.En.TrimEnd('.')} ({rule.QuestionId}), {who}: {string.Join("; ", reasons)} (n = {cell.N})."));
        }
        return firings;
    }

    /// <summary>Who a follow-up for a group goes to: the survey's own segment, narrowed to the group's school or language.</summary>
    public static Segment SegmentFor(SurveyDefinition survey, FollowUpFiring firing)
    {
        var (dimension, value) = WaveTally.Parse(firing.Group);
        return dimension switch
        {
            Dimension.School => survey.Segment with { Schools = [value] },
            Dimension.Language => survey.Segment with { Languages = [value] },
            _ => survey.Segment,
        };
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
