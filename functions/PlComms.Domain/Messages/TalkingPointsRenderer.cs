using System.Text;
using PlComms.Visions;

namespace PlComms.Messages;

/// <summary>
/// Talking points for principals and other messengers. Besides the key messages, they carry what
/// seed 002 says boards lack: the criteria by which success will be measured (the vision's impacts
/// with their metrics) and the timeline (its supports by phase), and how to tell "this is not
/// working" from "this just takes more time".
/// </summary>
internal static class TalkingPointsRenderer
{
    public static RenderedMessage Render(StructuredMessage message, VisionContent vision)
    {
        var playbook = AudiencePlaybooks.For(message.Audience);
        var labels = RenderLabels.For(message.Language);
        var phrases = ComposerPhrases.For(message.Language);
        var text = new StringBuilder()
            .Line(string.Format(labels.TalkingPointsTitle, message.Headline))
            .Line(string.Format(labels.TalkingPointsFor, playbook.Name.In(message.Language)))
            .Line()
            .Line(labels.KeyMessages);

        foreach (var (section, label, items) in ChannelRenderer.Body(message))
        {
            if (section == MessageSection.NextStep) continue;
            // The board's "what it means" section is its criteria and timeline, which follow in full.
            if (section == MessageSection.WhatItMeansForYou && playbook.Details.HasFlag(VisionDetails.SuccessCriteria)) continue;
            foreach (var item in items)
                text.Append("- ").Line(ChannelRenderer.IsList(section) ? $"{label}: {item}" : item);
        }

        text.Line().Line(labels.SuccessCriteria);
        foreach (var (horizon, impacts, kind, name, field) in new[]
        {
            (labels.ShortTerm, vision.ShortTermImpacts, VisionItemKind.ShortTermImpact, "short-term impact", "impacts.shortTerm"),
            (labels.LongTerm, vision.LongTermImpacts, VisionItemKind.LongTermImpact, "long-term impact", "impacts.longTerm"),
        })
        {
            for (var i = 0; i < impacts.Count; i++)
            {
                var impact = VisionItem.Impact(impacts[i], kind, i, name, field);
                var metric = VisionItem.Metric(impacts[i], i, name, field) is { } m
                    ? phrases.Words(ItemWordings.For(m, message.Language, playbook))
                    : labels.MetricNotSet;
                text.Append("- ").Append(horizon).Append(": ").Append(phrases.Words(ItemWordings.For(impact, message.Language, playbook))).Append(" (").Append(metric).Line(")");
            }
        }

        text.Line().Line(labels.Timeline);
        foreach (var line in TemplateComposer.TimelineItems(vision, phrases, playbook.UsesFamilyWording)) text.Append("- ").Line(line);

        text.Line().Line(labels.AskedIfWorking);
        foreach (var point in AudiencePlaybooks.Board.Stress) text.Append("- ").Line(point.Text.In(message.Language));

        text.Line().Line(labels.NextStep).Line(message.NextStep);
        if (!string.IsNullOrWhiteSpace(message.ContactLine)) text.Line(message.ContactLine);
        return new RenderedMessage(Channel.TalkingPoints, text.ToString());
    }
}

internal static class LineBuilding
{
    // "\n" everywhere, whatever the platform's newline, so output is the same on every machine.
    public static StringBuilder Line(this StringBuilder sb, string text = "") => sb.Append(text).Append('\n');
}
