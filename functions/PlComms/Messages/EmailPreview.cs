using MimeKit;

namespace PlComms.Messages;

/// <summary>An email rendering as an RFC 5322 message, so the officer opens exactly what recipients would get in any mail client.</summary>
public static class EmailPreview
{
    public static byte[] ToEml(RenderedMessage email, MessageLanguage language, string from, DateTimeOffset date)
    {
        var message = new MimeMessage { Subject = email.Subject ?? "", Date = date };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(new MailboxAddress(language == Language.Es ? "Vista previa" : "Preview", "preview@district.example"));
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        // Content-* headers belong to the MIME entity, not the message envelope.
        message.Body.Headers.Add(HeaderId.ContentLanguage, language.Tag);
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }
}
