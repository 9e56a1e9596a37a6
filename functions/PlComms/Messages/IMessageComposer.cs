using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.Messages;

/// <summary>What to write: one audience, one language, rendered for the given channels.</summary>
public sealed record CompositionRequest(
    VisionContent Vision,
    Audience Audience,
    MessageLanguage Language,
    IReadOnlyList<Channel> Channels,
    string? DistrictContact);

/// <summary>
/// A composed draft with its provenance. <paramref name="FallbackReason"/> is set when the Azure OpenAI
/// composer could not deliver and the template composer's message was used instead.
/// </summary>
public sealed record ComposedMessage(
    MessageDraft Draft,
    string Composer,
    string? Model,
    string PromptVersion,
    string? FallbackReason);

/// <summary>Writes a message draft. Implementations: the template composer (default) and Azure OpenAI.</summary>
public interface IMessageComposer
{
    /// <summary>The wire name clients choose it by: "template" or "openai".</summary>
    string Name { get; }

    Task<ComposedMessage> ComposeAsync(CompositionRequest request, CancellationToken cancellationToken);
}

/// <summary>The deterministic composer built from the seeds' guidance. Needs no network.</summary>
public sealed class TemplateMessageComposer : IMessageComposer
{
    public const string ComposerName = "template";

    /// <summary>Bumped whenever the templates' wording changes, so stored drafts say which wording made them.</summary>
    public const string TemplateVersion = "template-v2";

    public string Name => ComposerName;

    public Task<ComposedMessage> ComposeAsync(CompositionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Compose(request));

    /// <summary>
    /// The template's draft. For a language the template does not write (only the Azure OpenAI composer's fallback
    /// asks for one), it is the English message under that language's tag, which the language guardrail blocks: it
    /// says what is not translated, and nothing half-translated can be approved.
    /// </summary>
    public static ComposedMessage Compose(CompositionRequest request, string? fallbackReason = null) => new(
        request.Language.Template is { } language
            ? MessageDrafts.Compose(request.Vision, request.Audience, language, request.DistrictContact, request.Channels)
            : MessageDrafts.Review(
                TemplateComposer.Compose(request.Vision, request.Audience, Language.En, request.DistrictContact) with { Language = request.Language },
                request.Vision, request.Channels),
        ComposerName, null, TemplateVersion, fallbackReason);
}
