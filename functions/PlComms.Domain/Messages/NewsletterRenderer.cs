using System.Text;

namespace PlComms.Messages;

/// <summary>A newsletter article in light Markdown: it reads as plain text and pastes into Markdown editors.</summary>
internal static class NewsletterRenderer
{
    public static RenderedMessage Render(StructuredMessage message)
    {
        var text = new StringBuilder().Append("## ").Append(Escape(message.Headline)).Append("\n\n");
        foreach (var (section, label, items) in ChannelRenderer.Body(message))
        {
            text.Append("**").Append(Escape(label)).Append("**\n\n");
            if (ChannelRenderer.IsList(section))
            {
                foreach (var item in items) text.Append("- ").Append(Escape(item)).Append('\n');
            }
            else
            {
                text.Append(Escape(items[0])).Append('\n');
            }
            text.Append('\n');
        }
        if (!string.IsNullOrWhiteSpace(message.ContactLine)) text.Append('_').Append(Escape(message.ContactLine)).Append("_\n");
        return new RenderedMessage(Channel.Newsletter, text.ToString());
    }

    // Characters that would change the formatting inline; a leading "#" would make a heading.
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' || (c == '#' && i == 0)) sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
