namespace PlComms.Delivery;

/// <summary>
/// One send: the same content to up to a sender's limit of recipients. Per recipient only the address, the
/// name and the unsubscribe link differ. Batch and delivery ids carry no personal data.
/// </summary>
public sealed record EmailBatch(
    string BatchId,
    MessageStream Stream,
    string Language,
    EmailContent Content,
    IReadOnlyList<EmailRecipient> Recipients);

/// <summary>
/// Subject, HTML and text of a batch. The HTML and text carry <see cref="UnsubscribeUrlPlaceholder"/> where each
/// recipient's own unsubscribe link goes, and a survey email <see cref="SurveyUrlPlaceholder"/> where their survey
/// link goes; a sender replaces both per recipient.
/// </summary>
public sealed record EmailContent(string Subject, string Html, string Text)
{
    public const string UnsubscribeUrlPlaceholder = "%unsubscribe_url%";

    public const string SurveyUrlPlaceholder = "%survey_url%";

    public bool HasSurveyLinks() => Html.Contains(SurveyUrlPlaceholder, StringComparison.Ordinal) || Text.Contains(SurveyUrlPlaceholder, StringComparison.Ordinal);
}

/// <param name="DeliveryId">Ties provider events back to the delivery record (SendGrid <c>custom_args.delivery_id</c>).</param>
/// <param name="UnsubscribeUrl">The signed one-click link: in the body and in <c>List-Unsubscribe</c>.</param>
/// <param name="SurveyUrl">The signed survey page link (survey emails only): where the content has <see cref="EmailContent.SurveyUrlPlaceholder"/>.</param>
public sealed record EmailRecipient(string DeliveryId, string Email, string? Name, Uri UnsubscribeUrl, Uri? SurveyUrl = null);

public enum SendOutcome
{
    /// <summary>The provider took the whole batch (SendGrid 202; the outbox wrote every file).</summary>
    Accepted,

    /// <summary>The provider refused the request as invalid (a 4xx other than 429). Retrying cannot help.</summary>
    Rejected,

    /// <summary>Rate limiting, a 5xx or a transport failure outlasted the retries. The queue tries the batch again.</summary>
    Failed,
}

public sealed record SendResult(SendOutcome Outcome, int? StatusCode = null, string? Error = null)
{
    public static SendResult Accepted(int? statusCode = null) => new(SendOutcome.Accepted, statusCode);

    /// <summary>
    /// A failure after the request may have reached the provider (no answer within the timeout, a connection that
    /// dropped after the request went out): it may have been accepted, so the batch must not simply be sent again.
    /// </summary>
    public bool MayHaveBeenAccepted { get; init; }

    /// <summary>How long the provider asked the sender to wait before it tries again (SendGrid's Retry-After or X-RateLimit-Reset), if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
