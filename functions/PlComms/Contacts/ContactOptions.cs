using Microsoft.Extensions.Options;

namespace PlComms.Contacts;

public sealed class ContactOptions
{
    public const string Section = "Contacts";

    /// <summary>Setting <c>Contacts__DefaultLanguage</c>: the language of a contact whose file gives none (BCP 47).</summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>Setting <c>Contacts__MaxUploadMegabytes</c>: the largest import file accepted (1–200).</summary>
    public int MaxUploadMegabytes { get; set; } = 50;

    /// <summary>Setting <c>Contacts__MaxRows</c>: the most data rows one file may hold.</summary>
    public int MaxRows { get; set; } = 200_000;

    /// <summary>
    /// Setting <c>Contacts__RetentionDays</c>: contacts neither imported nor engaged for this many days are purged
    /// daily. 0 turns the purge off.
    /// </summary>
    public int RetentionDays { get; set; } = 730;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;

    public sealed class Validator : IValidateOptions<ContactOptions>
    {
        public ValidateOptionsResult Validate(string? name, ContactOptions o)
        {
            var failures = new List<string>();
            if (!LanguageTags.TryCanonicalize(o.DefaultLanguage, out _))
                failures.Add($"Contacts__DefaultLanguage '{o.DefaultLanguage}' is not a BCP 47 language tag (e.g. en).");
            if (o.MaxUploadMegabytes is < 1 or > 200) failures.Add("Contacts__MaxUploadMegabytes must be between 1 and 200.");
            if (o.MaxRows is < 1 or > 1_000_000) failures.Add("Contacts__MaxRows must be between 1 and 1,000,000.");
            if (o.RetentionDays is < 0 or > 36_500) failures.Add("Contacts__RetentionDays must be 0 (off) or a number of days up to 36,500.");
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
