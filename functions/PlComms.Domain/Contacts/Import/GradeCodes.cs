using System.Globalization;

namespace PlComms.Contacts;

/// <summary>
/// Grade levels as the CEDS / OneRoster code list names them: IT (infant/toddler), PR (preschool), PK (pre-K),
/// TK (transitional K), KG, 01–13, PS (postsecondary), UG (ungraded) and Other. Cells are matched case-insensitively
/// and a few spellings districts use are accepted: "1" → "01", "K" → "KG", "Pre-K" → "PK".
/// </summary>
public static class GradeCodes
{
    /// <summary>Every code, in school order.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["IT", "PR", "PK", "TK", "KG", .. Enumerable.Range(1, 13).Select(Number), "PS", "UG", "Other"];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["K"] = "KG",
        ["Kindergarten"] = "KG",
        ["Pre-K"] = "PK",
        ["PreK"] = "PK",
        ["Pre-Kindergarten"] = "PK",
        ["T-K"] = "TK",
        ["Ungraded"] = "UG",
    };

    /// <summary>Best effort for filters: the code when the value is one, else the value trimmed and upper-cased.</summary>
    public static string Normalize(string grade) =>
        TryNormalize(grade, out var code) ? code : (grade ?? "").Trim().ToUpperInvariant();

    /// <summary>True when the cell names a grade; <paramref name="code"/> is then its code, else "".</summary>
    public static bool TryNormalize(string? grade, out string code)
    {
        code = "";
        var text = grade?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 20) return false;
        if (text.All(char.IsAsciiDigit))
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 13)
            {
                code = Number(n);
                return true;
            }
            return false;
        }
        if (Aliases.TryGetValue(text, out var alias))
        {
            code = alias;
            return true;
        }
        foreach (var known in All)
        {
            if (string.Equals(known, text, StringComparison.OrdinalIgnoreCase))
            {
                code = known;
                return true;
            }
        }
        return false;
    }

    private static string Number(int n) => n.ToString("00", CultureInfo.InvariantCulture);
}
