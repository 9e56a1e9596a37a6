using PlComms.Messages;

namespace PlComms.Surveys;

/// <summary>Dates as people read them, in each language. Written out here because the app runs with invariant globalization.</summary>
public static class SurveyDates
{
    private static readonly string[] English = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] Spanish = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    /// <summary>"15 December 2026" / "15 de diciembre de 2026" (UTC date).</summary>
    public static string Long(DateTimeOffset at, Language language)
    {
        var d = at.UtcDateTime;
        return language == Language.Es ? $"{d.Day} de {Spanish[d.Month - 1]} de {d.Year}" : $"{d.Day} {English[d.Month - 1]} {d.Year}";
    }
}
