using PlComms.Visions;

namespace PlComms.Messages;

/// <summary>
/// Turns a structured message into channel text. Renderers never shorten anything: they render in
/// full, and the guardrails report what is over a channel's limit. SMS and social posts get a
/// deliberately short form, chosen from complete candidates (see <see cref="ShortFormRenderer"/>).
/// </summary>
public static class ChannelRenderer
{
    public static IReadOnlyList<Channel> AllChannels { get; } = Enum.GetValues<Channel>();

    /// <param name="vision">Talking points carry its success criteria and timeline; other channels use only the message.</param>
    public static RenderedMessage Render(StructuredMessage message, Channel channel, VisionContent vision) => channel switch
    {
        Channel.Email => EmailRenderer.Render(message),
        Channel.Newsletter => NewsletterRenderer.Render(message),
        Channel.Sms => ShortFormRenderer.Sms(message),
        Channel.Social => ShortFormRenderer.Social(message),
        Channel.TalkingPoints => TalkingPointsRenderer.Render(message, vision),
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static IReadOnlyList<RenderedMessage> RenderAll(StructuredMessage message, VisionContent vision, IEnumerable<Channel>? channels = null) =>
        [.. (channels ?? AllChannels).Select(c => Render(message, c, vision))];

    /// <summary>
    /// The body sections in the audience's order of emphasis, each with its heading and its items
    /// (one item for prose sections). Empty sections are left out; the guardrails report them.
    /// </summary>
    internal static IEnumerable<(MessageSection Section, string Label, IReadOnlyList<string> Items)> Body(StructuredMessage message)
    {
        var playbook = AudiencePlaybooks.For(message.Audience);
        foreach (var section in playbook.Emphasis.Append(MessageSection.NextStep))
        {
            IReadOnlyList<string> items = section switch
            {
                MessageSection.WhatChanges => message.WhatChanges,
                MessageSection.WhatStaysTheSame => message.WhatStaysTheSame,
                _ => [message.TextOf(section)],
            };
            items = [.. items.Where(i => !string.IsNullOrWhiteSpace(i))];
            if (items.Count > 0) yield return (section, RenderLabels.LabelOf(section, message, playbook), items);
        }
    }

    internal static bool IsList(MessageSection section) => section is MessageSection.WhatChanges or MessageSection.WhatStaysTheSame;
}
