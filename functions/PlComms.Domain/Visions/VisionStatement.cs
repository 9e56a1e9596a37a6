using System.Net;
using System.Text;
using PlComms.Shared;

namespace PlComms.Visions;

public enum StatementFormat
{
    Text,
    Markdown,
    Html,
}

/// <summary>Renders a vision with the seed's Table 4 template.</summary>
public static class VisionStatement
{
    public const string FocusLead = "To this end, we plan to focus our personalized efforts on:";
    public const string ImpactLead = "leading to:";
    public const string SupportLead = "We plan to support these shifts to personalized learning through:";

    /// <summary>The three filled parts of the template, in the seed's order.</summary>
    public sealed record Parts(string Focus, string Impacts, string Supports);

    public static Parts Fill(VisionContent vision) => new(
        NaturalList.Join(vision.Focus.Select(f => TrimEnd(f.Text)).ToList()),
        NaturalList.Join(vision.ShortTermImpacts.Concat(vision.LongTermImpacts).Select(i => TrimEnd(i.Text)).ToList()),
        NaturalList.Join(vision.SupportsInPhaseOrder.Select(s => TrimEnd(s.Text)).ToList()));

    public static string Render(VisionContent vision, StatementFormat format)
    {
        var parts = Fill(vision);
        var focus = Or(parts.Focus, "[focus areas not yet chosen]");
        var impacts = Or(parts.Impacts, "[impacts not yet chosen]");
        var supports = Or(parts.Supports, "[implementation supports not yet chosen]");

        return format switch
        {
            StatementFormat.Text =>
                $"{VisionCatalog.Commitment}\n\n{FocusLead} {focus}, {ImpactLead} {impacts}.\n\n{SupportLead} {supports}.\n",
            StatementFormat.Markdown =>
                $"# {EscapeMarkdown(vision.Title)}\n\n**{VisionCatalog.Commitment}**\n\n**{FocusLead}** {EscapeMarkdown(focus)}**, {ImpactLead}** {EscapeMarkdown(impacts)}.\n\n**{SupportLead}** {EscapeMarkdown(supports)}.\n",
            StatementFormat.Html => new StringBuilder()
                .Append("<article class=\"vision-statement\">")
                .Append("<h1>").Append(Html(vision.Title)).Append("</h1>")
                .Append("<p><strong>").Append(Html(VisionCatalog.Commitment)).Append("</strong></p>")
                .Append("<p><strong>").Append(Html(FocusLead)).Append("</strong> ").Append(Html(focus))
                .Append(", <strong>").Append(Html(ImpactLead)).Append("</strong> ").Append(Html(impacts)).Append(".</p>")
                .Append("<p><strong>").Append(Html(SupportLead)).Append("</strong> ").Append(Html(supports)).Append(".</p>")
                .Append("</article>\n")
                .ToString(),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    private static string Or(string value, string placeholder) => value.Length == 0 ? placeholder : value;

    // Items are joined into one sentence, so a trailing full stop on an item would end it early.
    private static string TrimEnd(string text) => text.TrimEnd('.', ';', ',', ' ');

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static string EscapeMarkdown(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
