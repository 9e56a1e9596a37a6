using Microsoft.Extensions.Options;

namespace PlComms.Delivery.Sending.SendGrid;

/// <summary>
/// How the app reaches SendGrid's v3 mail send (section <c>SendGrid</c>). Validated only when
/// <c>Delivery__Sender</c> is <c>sendgrid</c>: the outbox needs none of it. <c>SendGrid__WebhookPublicKey</c>
/// lives in the same section and belongs to the event webhook, not to sending.
/// </summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";
    public const string DefaultHost = "https://api.sendgrid.com";
    public const int DefaultMaxRetries = 4;
    public const int DefaultMaxRetryDelaySeconds = 60;
    public const int DefaultTimeoutSeconds = 30;
    public const int DefaultBudgetSeconds = 180;

    /// <summary>Setting <c>SendGrid__ApiKey</c>: the <c>SG.…</c> key (Mail Send access is enough). In Azure a Key Vault reference.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Setting <c>SendGrid__FromEmail</c>: the sender address, on a domain authenticated in SendGrid.</summary>
    public string? FromEmail { get; set; }

    /// <summary>Setting <c>SendGrid__FromName</c>: the sender's display name, e.g. the district's name.</summary>
    public string? FromName { get; set; }

    /// <summary>
    /// Setting <c>SendGrid__Host</c>: the API's base URI; https://api.eu.sendgrid.com for EU data residency.
    /// Plain http only to a loopback address (tests point it at a local fake).
    /// </summary>
    public string Host { get; set; } = DefaultHost;

    /// <summary>
    /// Setting <c>SendGrid__SandboxMode</c>: SendGrid validates each request and answers as usual but delivers
    /// nothing. For a staging slot with a real key.
    /// </summary>
    public bool SandboxMode { get; set; }

    /// <summary>
    /// Setting <c>SendGrid__ClickTracking</c>. Off by default: SendGrid would rewrite every link through its own
    /// redirect, so a family's click on a survey or unsubscribe link is recorded by a third party, and the links
    /// stop showing the district's domain.
    /// </summary>
    public bool ClickTracking { get; set; }

    /// <summary>
    /// Setting <c>SendGrid__OpenTracking</c>. Off by default: open tracking is a hidden pixel that reports when and
    /// where a parent, teacher or student read the mail. School mail should not watch its readers; survey responses
    /// measure whether the message landed.
    /// </summary>
    public bool OpenTracking { get; set; }

    /// <summary>Setting <c>SendGrid__MaxRetries</c>: further tries of one batch after a 429, a 5xx or a failed connection (0–10).</summary>
    public int MaxRetries { get; set; } = DefaultMaxRetries;

    /// <summary>
    /// Setting <c>SendGrid__MaxRetryDelaySeconds</c>: the longest single wait between tries (1–600). When SendGrid
    /// asks for a longer one (<c>Retry-After</c>, <c>X-RateLimit-Reset</c>) the sender stops and reports Failed, so the
    /// queue brings the batch back later instead of a consumer sleeping on it.
    /// </summary>
    public int MaxRetryDelaySeconds { get; set; } = DefaultMaxRetryDelaySeconds;

    /// <summary>Setting <c>SendGrid__TimeoutSeconds</c>: the longest one request may take (1–300). A request that outlasts it is not retried.</summary>
    public int TimeoutSeconds { get; set; } = DefaultTimeoutSeconds;

    /// <summary>Setting <c>SendGrid__BudgetSeconds</c>: the longest one batch may take, tries and waits included (at least <see cref="TimeoutSeconds"/>, at most 240, inside the batch lease).</summary>
    public int BudgetSeconds { get; set; } = DefaultBudgetSeconds;

    /// <summary>
    /// First backoff wait when SendGrid names none; later ones grow exponentially with jitter up to
    /// <see cref="MaxRetryDelay"/>. Not a setting: tests shorten it so a storm of 5xx runs in milliseconds.
    /// </summary>
    internal TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay => TimeSpan.FromSeconds(MaxRetryDelaySeconds);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public TimeSpan Budget => TimeSpan.FromSeconds(BudgetSeconds);

    public sealed class Validator : IValidateOptions<SendGridOptions>
    {
        public ValidateOptionsResult Validate(string? name, SendGridOptions options)
        {
            var errors = new List<string>();

            var apiKey = options.ApiKey?.Trim();
            if (string.IsNullOrEmpty(apiKey))
                errors.Add("SendGrid__ApiKey is not set: Delivery__Sender is 'sendgrid', which needs a SendGrid API key with Mail Send access.");
            // App Service passes an unresolvable Key Vault reference through as its literal text; that must never be sent as a key.
            else if (apiKey.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
                errors.Add("SendGrid__ApiKey is an unresolved Key Vault reference: set the secret SendGrid-ApiKey and check the identity's Key Vault Secrets User role.");
            else if (apiKey.Any(char.IsWhiteSpace))
                errors.Add("SendGrid__ApiKey must not contain spaces or line breaks.");

            if (string.IsNullOrWhiteSpace(options.FromEmail))
                errors.Add("SendGrid__FromEmail is not set: give the sender address, on a domain authenticated in SendGrid.");
            else if (!EmailBatchGuard.IsPlainAddress(options.FromEmail.Trim()))
                errors.Add("SendGrid__FromEmail must be a plain email address such as surveys@district.example.org.");

            if (options.FromName is { Length: > 100 } || options.FromName?.Any(char.IsControl) == true)
                errors.Add("SendGrid__FromName must be at most 100 characters, without line breaks.");

            if (!Uri.TryCreate(options.Host?.Trim(), UriKind.Absolute, out var host) || host.Scheme is not ("https" or "http"))
                errors.Add($"SendGrid__Host must be an absolute https URI such as {DefaultHost}.");
            else if (host.Scheme == "http" && !host.IsLoopback)
                errors.Add("SendGrid__Host must use https; plain http is allowed only to a loopback address (tests).");
            else if (!string.IsNullOrEmpty(host.Query) || !string.IsNullOrEmpty(host.Fragment) || !string.IsNullOrEmpty(host.UserInfo))
                errors.Add("SendGrid__Host must be the API's base URI, without query, fragment or credentials.");

            if (options.MaxRetries is < 0 or > 10)
                errors.Add("SendGrid__MaxRetries must be between 0 and 10.");
            if (options.MaxRetryDelaySeconds is < 1 or > 600)
                errors.Add("SendGrid__MaxRetryDelaySeconds must be between 1 and 600.");
            if (options.TimeoutSeconds is < 1 or > 300)
                errors.Add("SendGrid__TimeoutSeconds must be between 1 and 300.");
            // A send must end inside the batch lease (Delivery.DeliveryOptions.SendLease), or a second sender could claim the batch.
            if (options.BudgetSeconds < options.TimeoutSeconds || options.BudgetSeconds > 240)
                errors.Add("SendGrid__BudgetSeconds must be at least SendGrid__TimeoutSeconds and at most 240 (the batch lease is 5 minutes).");

            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
