using System.Net;
using System.Text;

namespace PlComms.Messages;

/// <summary>An email: the headline as subject, an HTML part with every text HTML-escaped, and a plain-text part.</summary>
internal static class EmailRenderer
{
    public static RenderedMessage Render(StructuredMessage message)
    {
        var text = new StringBuilder();
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"").Append(message.Language.Tag).Append("\">\n")
            .Append("<head><meta charset=\"utf-8\"><title>").Append(Html(message.Headline)).Append("</title></head>\n<body>\n")
            .Append("<h1>").Append(Html(message.Headline)).Append("</h1>\n");
        text.Append(message.Headline).Append("\n\n");

        foreach (var (section, label, items) in ChannelRenderer.Body(message))
        {
            html.Append("<h2>").Append(Html(label)).Append("</h2>\n");
            text.Append(label).Append('\n');
            if (ChannelRenderer.IsList(section))
            {
                html.Append("<ul>\n");
                foreach (var item in items)
                {
                    html.Append("<li>").Append(Html(item)).Append("</li>\n");
                    text.Append("- ").Append(item).Append('\n');
                }
                html.Append("</ul>\n");
            }
            else
            {
                html.Append("<p>").Append(Html(items[0])).Append("</p>\n");
                text.Append(items[0]).Append('\n');
            }
            text.Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(message.ContactLine))
        {
            html.Append("<p>").Append(Html(message.ContactLine)).Append("</p>\n");
            text.Append(message.ContactLine).Append('\n');
        }
        html.Append("</body>\n</html>\n");
        return new RenderedMessage(Channel.Email, text.ToString(), message.Headline, html.ToString());
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
