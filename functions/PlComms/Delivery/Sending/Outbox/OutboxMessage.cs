using MimeKit;
using PlComms.Shared;

namespace PlComms.Delivery.Sending.Outbox;

/// <summary>One recipient's message of a batch as RFC 5322 text, the same message SendGrid would build from the batch.</summary>
internal static class OutboxMessage
{
    public static MimeMessage Build(EmailBatch batch, EmailRecipient recipient, OutboxOptions options, DateTimeOffset date)
    {
        var url = recipient.UnsubscribeUrl;
        var from = options.FromEmail.Trim();
        var message = new MimeMessage
        {
            Subject = OneClickUnsubscribe.Fill(batch.Content.Subject, recipient),
            Date = date,
            // Stable across retries, like the file name; delivery ids are unique, so the Message-Id is too.
            MessageId = $"{OutboxFileName.Stem(recipient.DeliveryId)}@{from[(from.IndexOf('@') + 1)..]}",
        };
        message.From.Add(new MailboxAddress(EmailBatchGuard.CleanName(options.FromName), from));
        message.To.Add(new MailboxAddress(EmailBatchGuard.CleanName(recipient.Name), recipient.Email));
        message.Headers.Add(OneClickUnsubscribe.ListUnsubscribeHeader, OneClickUnsubscribe.ListUnsubscribeValue(url));
        message.Headers.Add(OneClickUnsubscribe.ListUnsubscribePostHeader, OneClickUnsubscribe.ListUnsubscribePostValue);
        message.Headers.Add(TraceHeaders.DeliveryId, recipient.DeliveryId);
        message.Headers.Add(TraceHeaders.BatchId, batch.BatchId);
        message.Headers.Add(TraceHeaders.Stream, WireName<MessageStream>.Of(batch.Stream));

        message.Body = new BodyBuilder
        {
            TextBody = OneClickUnsubscribe.Fill(batch.Content.Text, recipient),
            HtmlBody = OneClickUnsubscribe.Fill(batch.Content.Html, recipient),
        }.ToMessageBody();
        // Content-* headers belong to the MIME entity; on the top-level body they print in the message header.
        message.Body.Headers.Add(HeaderId.ContentLanguage, batch.Language);
        // 7-bit transfer encodings (quoted-printable, base64) keep accented Spanish intact through any mail tool.
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }
}
