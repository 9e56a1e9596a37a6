using PlComms.Messages;
using PlComms.Shared;

namespace PlComms.Surveys;

/// <summary>How a question is answered: a 1–5 agreement scale, one of a few options, or free text.</summary>
public enum QuestionKind
{
    Likert,
    Choice,
    Comment,
}

public sealed record QuestionOption(string Id, LocalizedText Label);

/// <summary>
/// One question of the bank. <see cref="Topic"/> names what it measures (awareness, understanding, stays-the-same, …),
/// which the results use to group questions across audiences.
/// </summary>
public sealed record SurveyQuestion(string Id, Audience Audience, QuestionKind Kind, string Topic, LocalizedText Text, IReadOnlyList<QuestionOption> Options)
{
    /// <summary>Open comments are optional; every other question may be left out too, but only Likert ones can head an email.</summary>
    public bool CanBeHeadline => Kind == QuestionKind.Likert;
}

/// <summary>The 1–5 agreement scale. "Favorable" is 4 or 5.</summary>
public static class LikertScale
{
    public const int Min = 1;
    public const int Max = 5;

    public static bool IsFavorable(int value) => value >= 4;

    public static bool IsValid(int value) => value is >= Min and <= Max;
}
