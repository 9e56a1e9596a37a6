using System.Net.Http.Headers;
using PlComms.Shared;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace PlComms.Delivery.Sending.SendGrid;

/// <summary>
/// One v3 mail-send request for a batch: the content once, and one personalization per recipient with what differs
/// (address, unsubscribe link, delivery id). SendGrid makes one message per personalization.
/// </summary>
internal static class SendGridMailRequest
{
    public const string DeliveryIdArg = "delivery_id";

    /// <summary>The SDK's own User-Agent version (it sends <c>sendgrid/{version} csharp</c>).</summary>
    private static readonly string SdkVersion = typeof(BaseClient).Assembly.GetName().Version!.ToString();

    /// <summary>
    /// The HTTP request the SDK's <c>SendEmailAsync</c> would make for <paramref name="message"/> (URL, Authorization,
    /// Accept, User-Agent, header overrides, JSON without a charset), with the body written in chunks
    /// (<see cref="SendGridRequestBody"/>) rather than as one large string. It goes out through the SDK's
    /// <see cref="BaseClient.MakeRequest"/>.
    /// </summary>
    public static HttpRequestMessage Request(SendGridMessage message, BaseClientOptions options)
    {
        var host = options.Host.EndsWith('/') ? options.Host : options.Host + "/";
        var path = (options.Version is null ? "" : options.Version + "/") + "mail/send";
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(host), path)) { Content = SendGridRequestBody.Of(message) };
        foreach (var (name, value) in options.RequestHeaders ?? []) request.Headers.TryAddWithoutValidation(name, value);
        request.Headers.Authorization = options.Auth;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.TryParseAdd($"sendgrid/{SdkVersion} csharp");
        return request;
    }

    public static SendGridMessage Build(EmailBatch batch, SendGridOptions options)
    {
        var message = new SendGridMessage
        {
            From = new EmailAddress(options.FromEmail!.Trim(), EmailBatchGuard.CleanName(options.FromName)),
            Subject = batch.Content.Subject,
            Personalizations = [.. batch.Recipients.Select(Personalization)],
            // The stream is the category: SendGrid's statistics split by it and its events carry it back.
            Categories = [WireName<MessageStream>.Of(batch.Stream)],
            Headers = new Dictionary<string, string> { ["Content-Language"] = batch.Language },
            MailSettings = new MailSettings { SandboxMode = new SandboxMode { Enable = options.SandboxMode } },
            // Each setting is sent explicitly, so what the account's dashboard says cannot turn tracking on behind the app.
            TrackingSettings = new TrackingSettings
            {
                ClickTracking = new ClickTracking { Enable = options.ClickTracking, EnableText = false },
                OpenTracking = new OpenTracking { Enable = options.OpenTracking },
                // SendGrid's own unsubscribe footer and list would bypass the app's per-stream opt-outs and
                // add a second List-Unsubscribe; the app's one-click link is the only way out.
                SubscriptionTracking = new SubscriptionTracking { Enable = false },
                Ganalytics = new Ganalytics { Enable = false },
            },
        };
        // SendGrid requires text/plain before text/html.
        message.AddContent(MimeType.Text, batch.Content.Text);
        message.AddContent(MimeType.Html, batch.Content.Html);
        return message;
    }

    private static Personalization Personalization(EmailRecipient recipient) => new()
    {
        Tos = [new EmailAddress(recipient.Email, EmailBatchGuard.CleanName(recipient.Name))],
        // SendGrid puts this recipient's links wherever the placeholders are in the subject, text and HTML.
        Substitutions = Substitutions(recipient),
        Headers = new Dictionary<string, string>
        {
            [OneClickUnsubscribe.ListUnsubscribeHeader] = OneClickUnsubscribe.ListUnsubscribeValue(recipient.UnsubscribeUrl),
            [OneClickUnsubscribe.ListUnsubscribePostHeader] = OneClickUnsubscribe.ListUnsubscribePostValue,
        },
        // SendGrid keeps custom args as non-personal data, long after the account is gone: the opaque delivery id
        // is all the event webhook needs, and nothing else goes here.
        CustomArgs = new Dictionary<string, string> { [DeliveryIdArg] = recipient.DeliveryId },
    };

    private static Dictionary<string, string> Substitutions(EmailRecipient recipient)
    {
        var substitutions = new Dictionary<string, string> { [EmailContent.UnsubscribeUrlPlaceholder] = OneClickUnsubscribe.Link(recipient.UnsubscribeUrl) };
        if (recipient.SurveyUrl is { } survey) substitutions[EmailContent.SurveyUrlPlaceholder] = OneClickUnsubscribe.Link(survey);
        return substitutions;
    }
}
