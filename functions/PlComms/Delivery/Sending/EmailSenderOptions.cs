using Microsoft.Extensions.Options;
using PlComms.Delivery.Sending.Outbox;
using PlComms.Delivery.Sending.SendGrid;

namespace PlComms.Delivery.Sending;

/// <summary>Which <see cref="IEmailSender"/> the app sends with (section <c>Delivery</c>).</summary>
public sealed class EmailSenderOptions
{
    public const string Section = "Delivery";

    /// <summary>
    /// Setting <c>Delivery__Sender</c>: <c>outbox</c> (the default: .eml files in a folder, no account needed)
    /// or <c>sendgrid</c> (needs <c>SendGrid__ApiKey</c> and <c>SendGrid__FromEmail</c>).
    /// </summary>
    public string Sender { get; set; } = OutboxEmailSender.SenderName;

    /// <summary>The setting as written, trimmed and lower-cased; "" when it names no sender.</summary>
    internal static string Chosen(IConfiguration config)
    {
        var value = config.GetSection(Section)[nameof(Sender)]?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(value) ? OutboxEmailSender.SenderName : value;
    }

    public sealed class Validator : IValidateOptions<EmailSenderOptions>
    {
        public ValidateOptionsResult Validate(string? name, EmailSenderOptions options) =>
            options.Sender?.Trim().ToLowerInvariant() is OutboxEmailSender.SenderName or SendGridEmailSender.SenderName
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Delivery__Sender must be '{OutboxEmailSender.SenderName}' or '{SendGridEmailSender.SenderName}', not '{options.Sender}'.");
    }
}
