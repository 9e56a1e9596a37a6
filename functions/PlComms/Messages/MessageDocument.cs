using PlComms.Shared;

namespace PlComms.Messages;

public sealed record GuardrailReportDocument(bool Passes, int BlockingCount, int WarningCount, IReadOnlyList<GuardrailViolation> Violations)
{
    public static GuardrailReportDocument From(GuardrailReport report) =>
        new(report.Passes, report.Blocking.Count(), report.Warnings.Count(), report.Violations);
}

/// <summary>
/// A message as the API returns it. Renderings are included when one message is read.
/// <see cref="Usable"/> is the rule campaigns rely on: approved by a person and not stale.
/// </summary>
public sealed record MessageDocument(
    string Id,
    string VisionId,
    int VisionVersion,
    bool Stale,
    Audience Audience,
    MessageLanguage Language,
    IReadOnlyList<Channel> Channels,
    string Status,
    bool Usable,
    string Composer,
    string? Model,
    string PromptVersion,
    string? FallbackReason,
    StructuredMessage Message,
    GuardrailReportDocument Guardrails,
    string ContentHash,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<RenderedMessage>? Renderings)
{
    public const string Draft = "draft";
    public const string Approved = "approved";

    public static MessageDocument From(StoredMessage m, int currentVisionVersion, IReadOnlyList<RenderedMessage>? renderings = null)
    {
        // The hash behind IsApproved serializes the message; work it out once per document.
        var hash = m.ContentHash;
        var approved = m.ApprovedHash == hash;
        var stale = m.IsStaleAgainst(currentVisionVersion);
        return new(
            m.Id, m.VisionId, m.VisionVersion, stale, m.Audience, m.Language, m.Channels,
            approved ? Approved : Draft, approved && !stale,
            m.Composer, m.Model, m.PromptVersion, m.FallbackReason, m.Message, GuardrailReportDocument.From(m.Report), hash,
            approved ? m.ApprovedBy : null, approved ? m.ApprovedAt : null, m.Revision, m.CreatedAt, m.UpdatedAt, renderings);
    }
}

public sealed record MessageList(string VisionId, int VisionVersion, IReadOnlyList<MessageDocument> Items);
