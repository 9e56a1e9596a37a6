using System.Globalization;
using PlComms.Messages;
using PlComms.Shared;
using PlComms.WebApp;

namespace PlComms.Surveys.Pages;

/// <summary>
/// How the survey and results pages write dates, figures and the bank's texts in the officer's language. Times are
/// UTC (the district has no time zone setting), and figures are written as the API gives them, with a decimal comma in
/// Spanish. Machine-readable figures (for the charts) always use <see cref="Invariant(double?)"/>.
/// </summary>
public static class PageFormat
{
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The value a <c>datetime-local</c> input shows for a UTC time.</summary>
    public static string LocalInput(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public static string Number(double value, UiText text)
    {
        var s = value.ToString("0.#", CultureInfo.InvariantCulture);
        return text.Language == "es" ? s.Replace('.', ',') : s;
    }

    public static string Percent(double value, UiText text) => Number(value, text) + (text.Language == "es" ? " %" : "%");

    /// <summary>A change in points, with its sign.</summary>
    public static string Change(double value, UiText text) => (value > 0 ? "+" : value < 0 ? "−" : "±") + Number(Math.Abs(value), text);

    public static string? Invariant(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Of(LocalizedText localized, UiText text) => text.Language == "es" ? localized.Es : localized.En;

    /// <summary>A wave as the officer counts them: wave 1 is the baseline (index 0).</summary>
    public static string Wave(int index, UiText text) => text.Format("surveys.wave.number", index + 1);

    /// <summary>The UI text of an enum value, under <paramref name="prefix"/> and its wire name ("surveys.status.active").</summary>
    public static string Enum<T>(string prefix, T value, UiText text) where T : struct, System.Enum => text[prefix + WireName<T>.Of(value)];
}
