using Microsoft.Extensions.Options;

namespace PlComms.Delivery.Sending.Outbox;

/// <summary>Where the outbox sender writes its .eml files (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";
    public const string DefaultDirectory = ".local/outbox";
    public const string DefaultFromEmail = "communications@district.example";
    public const string DefaultFromName = "PlComms";

    /// <summary>
    /// Setting <c>Outbox__Directory</c>: the folder, created when missing. A relative path is taken from the current
    /// directory, so <c>scripts/run-local</c> writes beside the Azurite data in the git-ignored <c>.local/</c>.
    /// </summary>
    public string Directory { get; set; } = DefaultDirectory;

    /// <summary>Setting <c>Outbox__FromEmail</c>: the From address of written messages.</summary>
    public string FromEmail { get; set; } = DefaultFromEmail;

    /// <summary>Setting <c>Outbox__FromName</c>: the From display name of written messages.</summary>
    public string? FromName { get; set; } = DefaultFromName;

    public string FullDirectory => Path.GetFullPath(Directory.Trim());

    public sealed class Validator : IValidateOptions<OutboxOptions>
    {
        public ValidateOptionsResult Validate(string? name, OutboxOptions options)
        {
            var errors = new List<string>();
            if (string.IsNullOrWhiteSpace(options.Directory) || options.Directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
                errors.Add("Outbox__Directory must be a folder path, e.g. .local/outbox.");
            if (!EmailBatchGuard.IsPlainAddress(options.FromEmail?.Trim()))
                errors.Add("Outbox__FromEmail must be a plain email address such as communications@district.example.");
            if (options.FromName is { Length: > 100 } || options.FromName?.Any(char.IsControl) == true)
                errors.Add("Outbox__FromName must be at most 100 characters, without line breaks.");
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
