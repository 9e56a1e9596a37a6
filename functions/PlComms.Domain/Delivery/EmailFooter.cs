using System.Net;
using PlComms.Messages;

namespace PlComms.Delivery;

/// <summary>
/// The footer every PlComms email ends with: why the person gets it and the one-click unsubscribe link for the stream.
/// The link is the <see cref="EmailContent.UnsubscribeUrlPlaceholder"/>, filled per recipient by the sender.
/// </summary>
public static class EmailFooter
{
    private static readonly LocalizedText Why = new(
        "You get this email because you are on the district's contact list.",
        "Recibe este correo porque está en la lista de contactos del distrito.");

    private static readonly LocalizedText Announcements = new(
        "Stop district announcements by email",
        "Dejar de recibir anuncios del distrito por correo");

    private static readonly LocalizedText Surveys = new(
        "Stop district surveys by email",
        "Dejar de recibir encuestas del distrito por correo");

    public static EmailContent Append(string subject, string html, string text, Language language, MessageStream stream)
    {
        var why = Why.In(language);
        var stop = (stream == MessageStream.Surveys ? Surveys : Announcements).In(language);
        var url = EmailContent.UnsubscribeUrlPlaceholder;
        var footerHtml = $"<hr>\n<p style=\"font-size:12px;color:#555\">{WebUtility.HtmlEncode(why)} " +
                         $"<a href=\"{url}\">{WebUtility.HtmlEncode(stop)}</a></p>\n";
        var bodyEnd = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        var withFooter = bodyEnd >= 0 ? html.Insert(bodyEnd, footerHtml) : html + footerHtml;
        return new EmailContent(subject, withFooter, $"{text.TrimEnd()}\n\n--\n{why}\n{stop}: {url}\n");
    }
}
