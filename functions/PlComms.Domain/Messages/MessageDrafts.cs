using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.Messages;

/// <summary>A message with its channel renderings and guardrail report: what the officer reviews before approving.</summary>
public sealed record MessageDraft(StructuredMessage Message, IReadOnlyList<RenderedMessage> Renderings, GuardrailReport Report);

/// <summary>Compose (or take a composed message), render, and check, in one call.</summary>
public static class MessageDrafts
{
    public static IReadOnlyList<Language> Languages { get; } = Enum.GetValues<Language>();

    /// <summary>Writes a message with the template composer, renders it for the channels (all by default) and checks it.</summary>
    public static MessageDraft Compose(VisionContent vision, Audience audience, Language language, string? districtContact = null, IEnumerable<Channel>? channels = null) =>
        Review(TemplateComposer.Compose(vision, audience, language, districtContact), vision, channels);

    /// <summary>Renders and checks a message from any composer (the Azure OpenAI one included) or edited by hand.</summary>
    public static MessageDraft Review(StructuredMessage message, VisionContent vision, IEnumerable<Channel>? channels = null)
    {
        var renderings = ChannelRenderer.RenderAll(message, vision, channels);
        return new MessageDraft(message, renderings, MessageGuardrails.Check(message, vision, renderings));
    }

    /// <summary>Every audience in every language, each rendered for every channel.</summary>
    public static IReadOnlyList<MessageDraft> ComposeAll(VisionContent vision, string? districtContact = null) =>
        [.. Enum.GetValues<Audience>().SelectMany(a => Languages.Select(l => Compose(vision, a, l, districtContact)))];
}
