using System.Net.Mail;
using System.Text.RegularExpressions;

namespace PlComms.Delivery.Sending;

/// <summary>
/// What both senders require of a batch before they send any of it. A batch that breaks these was built wrongly,
/// and sending it would fail in part or for everyone (SendGrid refuses a whole request for one duplicate address),
/// so the senders throw <see cref="ArgumentException"/> rather than report an outcome. Messages name delivery ids,
/// never addresses, because exceptions end up in logs.
/// </summary>
internal static partial class EmailBatchGuard
{
    public static void Check(EmailBatch batch, int maxRecipients, bool requireHttpsUnsubscribe)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var recipients = batch.Recipients;
        if (recipients.Count == 0)
            throw new ArgumentException($"Batch {batch.BatchId} has no recipients.", nameof(batch));
        if (recipients.Count > maxRecipients)
            throw new ArgumentException($"Batch {batch.BatchId} has {recipients.Count} recipients; this sender takes at most {maxRecipients} per call.", nameof(batch));
        if (!LanguageTag().IsMatch(batch.Language ?? ""))
            throw new ArgumentException($"Batch {batch.BatchId}: '{batch.Language}' is not a language tag such as 'en' or 'es'.", nameof(batch));

        var content = batch.Content;
        if (string.IsNullOrWhiteSpace(content.Subject) || string.IsNullOrWhiteSpace(content.Html) || string.IsNullOrWhiteSpace(content.Text))
            throw new ArgumentException($"Batch {batch.BatchId} needs a subject, an HTML body and a text body.", nameof(batch));
        // Every message must show its own way out, whichever part the mail client displays.
        if (!content.Html.Contains(EmailContent.UnsubscribeUrlPlaceholder, StringComparison.Ordinal)
            || !content.Text.Contains(EmailContent.UnsubscribeUrlPlaceholder, StringComparison.Ordinal))
            throw new ArgumentException($"Batch {batch.BatchId}: the HTML and the text must both contain {EmailContent.UnsubscribeUrlPlaceholder}.", nameof(batch));

        var surveyLinks = content.HasSurveyLinks();
        var deliveryIds = new HashSet<string>(StringComparer.Ordinal);
        // SendGrid treats addresses case-insensitively when it refuses duplicates.
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var recipient in recipients)
        {
            if (string.IsNullOrWhiteSpace(recipient.DeliveryId))
                throw new ArgumentException($"Batch {batch.BatchId} has a recipient without a delivery id.", nameof(batch));
            if (!deliveryIds.Add(recipient.DeliveryId))
                throw new ArgumentException($"Batch {batch.BatchId} has delivery id {recipient.DeliveryId} twice.", nameof(batch));
            if (!IsPlainAddress(recipient.Email))
                throw new ArgumentException($"Batch {batch.BatchId}: delivery {recipient.DeliveryId} has no valid email address.", nameof(batch));
            if (!addresses.Add(recipient.Email))
                throw new ArgumentException($"Batch {batch.BatchId}: delivery {recipient.DeliveryId} repeats another recipient's email address.", nameof(batch));
            if (recipient.UnsubscribeUrl is not { IsAbsoluteUri: true } url || url.Scheme is not ("https" or "http"))
                throw new ArgumentException($"Batch {batch.BatchId}: delivery {recipient.DeliveryId} needs an absolute http(s) unsubscribe URL.", nameof(batch));
            // RFC 8058 section 3.1: the one-click URI MUST be HTTPS; mailbox providers ignore anything else.
            if (requireHttpsUnsubscribe && url.Scheme != "https")
                throw new ArgumentException($"Batch {batch.BatchId}: delivery {recipient.DeliveryId} has a plain-http unsubscribe URL; one-click unsubscribe needs https.", nameof(batch));
            // A survey email's answer buttons are the recipient's own links; without one they would point nowhere.
            if (surveyLinks && recipient.SurveyUrl is not { IsAbsoluteUri: true, Scheme: "https" or "http" })
                throw new ArgumentException($"Batch {batch.BatchId}: delivery {recipient.DeliveryId} needs an absolute http(s) survey URL for {EmailContent.SurveyUrlPlaceholder}.", nameof(batch));
        }
    }

    /// <summary>A bare address: "Ana &lt;ana@example.org&gt;" parses as a mail address too, but is not one recipient's address.</summary>
    internal static bool IsPlainAddress(string? email) =>
        !string.IsNullOrWhiteSpace(email) && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;

    /// <summary>
    /// A name fit for a To header: control characters (a stray line break from an imported CSV) become spaces,
    /// and a blank name becomes none, so a bad name never costs a recipient the message.
    /// </summary>
    public static string? CleanName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var cleaned = string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = char.IsControl(source[i]) ? ' ' : source[i];
        }).Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    // BCP 47 in the shape Content-Language needs; the app's own ids are "en" and "es".
    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();
}
