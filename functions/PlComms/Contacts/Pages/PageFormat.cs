using System.Globalization;

namespace PlComms.Contacts.Pages;

/// <summary>How the contacts and campaign pages read list fields and show times.</summary>
public static class PageFormat
{
    private static readonly char[] Separators = [';', ',', '\n', '\r'];

    /// <summary>A field that holds several values ("lincoln-elementary; roosevelt-middle"), as the list the API takes.</summary>
    public static string[]? Split(string? text)
    {
        var items = text?.Split(Separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return items is { Length: > 0 } ? items : null;
    }

    /// <summary>The list again as the field shows it.</summary>
    public static string Join(IEnumerable<string>? items) => items is null ? "" : string.Join("; ", items);

    /// <summary>Times are shown, and entered, in UTC: the server cannot know the officer's time zone without script.</summary>
    public static string When(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "";

    /// <summary>A <c>datetime-local</c> value ("2026-05-01T14:30"), read as UTC.</summary>
    public static DateTimeOffset? ParseUtc(string? value) =>
        DateTime.TryParseExact(value?.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc))
            : null;

    /// <summary>The value a <c>datetime-local</c> field shows for a time.</summary>
    public static string LocalValue(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };

    /// <summary>Errors grouped by their field's control: "schools[2]" belongs to the schools field.</summary>
    public static IReadOnlyDictionary<string, string[]> ByControl(IReadOnlyDictionary<string, string[]> errors) =>
        errors.GroupBy(e => e.Key.Split('[')[0]).ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray(), StringComparer.Ordinal);
}
