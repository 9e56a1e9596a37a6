namespace PlComms.Messages;

public enum Severity
{
    /// <summary>The message cannot be approved until this is fixed.</summary>
    Blocking,
    /// <summary>Worth a look; approval is still possible.</summary>
    Warning,
}

/// <param name="Code">A stable id from <see cref="GuardrailCodes"/>.</param>
/// <param name="Section">The message section at fault, when there is one.</param>
/// <param name="Channel">The channel at fault, when there is one.</param>
/// <param name="Message">What is wrong, for the communications officer (English).</param>
/// <param name="Suggestion">A fix, in the message's language when it is replacement wording.</param>
public sealed record GuardrailViolation(
    string Code,
    Severity Severity,
    MessageSection? Section,
    Channel? Channel,
    string Message,
    string? Suggestion = null);

public sealed record GuardrailReport(IReadOnlyList<GuardrailViolation> Violations)
{
    public IEnumerable<GuardrailViolation> Blocking => Violations.Where(v => v.Severity == Severity.Blocking);

    public IEnumerable<GuardrailViolation> Warnings => Violations.Where(v => v.Severity == Severity.Warning);

    /// <summary>True when nothing blocks approval.</summary>
    public bool Passes => !Blocking.Any();
}

public static class GuardrailCodes
{
    public const string SectionMissing = "section-missing";
    public const string ReadingLevel = "reading-level";
    public const string ListReadingLevel = "list-reading-level";
    public const string Jargon = "jargon";
    public const string ChannelLength = "channel-length";
    public const string SubjectInvalid = "subject-invalid";
    public const string UngroundedNumber = "ungrounded-number";
    public const string UngroundedName = "ungrounded-name";
    public const string MetricMissing = "metric-missing";
    public const string Untranslated = "untranslated";
    public const string ReadingLevelUnmeasured = "reading-level-unmeasured";
}
