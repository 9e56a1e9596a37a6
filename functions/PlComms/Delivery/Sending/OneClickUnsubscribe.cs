namespace PlComms.Delivery.Sending;

/// <summary>
/// The unsubscribe link as both senders put it in a message: in the body where the content has
/// <see cref="EmailContent.UnsubscribeUrlPlaceholder"/>, and in the RFC 2369 <c>List-Unsubscribe</c> header with
/// RFC 8058's <c>List-Unsubscribe-Post</c>, which tells mail clients the link takes a one-click POST. Without the
/// second header a client could only offer a GET, and a GET never unsubscribes (DESIGN.md section 6).
/// </summary>
public static class OneClickUnsubscribe
{
    public const string ListUnsubscribeHeader = "List-Unsubscribe";
    public const string ListUnsubscribePostHeader = "List-Unsubscribe-Post";

    /// <summary>The only value RFC 8058 allows for <c>List-Unsubscribe-Post</c>.</summary>
    public const string ListUnsubscribePostValue = "List-Unsubscribe=One-Click";

    /// <summary>RFC 2369 wants the URI in angle brackets.</summary>
    public static string ListUnsubscribeValue(Uri url) => $"<{Link(url)}>";

    /// <summary>The content with this recipient's links where the placeholders were (unsubscribe, and survey when it has one).</summary>
    public static string Fill(string content, EmailRecipient recipient)
    {
        var filled = content.Replace(EmailContent.UnsubscribeUrlPlaceholder, Link(recipient.UnsubscribeUrl), StringComparison.Ordinal);
        return recipient.SurveyUrl is { } survey ? filled.Replace(EmailContent.SurveyUrlPlaceholder, Link(survey), StringComparison.Ordinal) : filled;
    }

    // AbsoluteUri percent-encodes quotes, angle brackets and spaces, so the same text is safe in an HTML
    // attribute, in plain text and inside the header's angle brackets.
    public static string Link(Uri url) => url.AbsoluteUri;
}
