namespace PlComms.Contacts;

/// <summary>
/// BCP 47 (RFC 5646) language tags: syntax check and canonical case. The check is the RFC's well-formedness
/// grammar, not a registry lookup, so a tag need not name a culture .NET knows ("haw-US" and "x-klingon" pass).
/// Two deliberate narrowings: a primary language subtag must be 2–3 letters (4 letters is reserved and no 5–8
/// letter subtag is registered, so "english" is refused), and '_' is not accepted for '-' ("es_MX" is refused,
/// with <see cref="Explain"/> saying why).
/// </summary>
public static class LanguageTags
{
    /// <summary>Longest tag accepted; RFC 5646 §4.4.1 asks implementations to hold at least 35 characters.</summary>
    public const int MaxLength = 35;

    /// <summary>The grandfathered tags (RFC 5646 §2.2.8) in their registry case; they match no grammar rule.</summary>
    private static readonly string[] Grandfathered =
    [
        "en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo", "i-navajo",
        "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE",
        "art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang",
    ];

    /// <summary>
    /// True when <paramref name="value"/> (trimmed) is a well-formed tag; <paramref name="canonical"/> is then the
    /// tag in canonical case: language, extlang, variants, extensions and private use lower case, script title case,
    /// region upper case ("ES-mx" → "es-MX", "zh-hant-tw" → "zh-Hant-TW"). Otherwise <paramref name="canonical"/> is "".
    /// </summary>
    public static bool TryCanonicalize(string? value, out string canonical)
    {
        canonical = "";
        var tag = value?.Trim();
        if (string.IsNullOrEmpty(tag) || tag.Length > MaxLength) return false;
        foreach (var g in Grandfathered)
        {
            if (string.Equals(g, tag, StringComparison.OrdinalIgnoreCase))
            {
                canonical = g;
                return true;
            }
        }
        var parts = tag.Split('-');
        if (parts.Any(p => p.Length is 0 or > 8 || !p.All(char.IsAsciiLetterOrDigit))) return false;
        var result = Parse(parts);
        if (result is null) return false;
        canonical = result;
        return true;
    }

    /// <summary>The primary language subtag, lower case: "es-MX" → "es". Expects a tag; gives "" for blank input.</summary>
    public static string Primary(string tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return "";
        var trimmed = tag.Trim();
        var dash = trimmed.IndexOf('-');
        return (dash < 0 ? trimmed : trimmed[..dash]).ToLowerInvariant();
    }

    /// <summary>Why a value is not a tag, phrased for an import report; "" when it is one.</summary>
    public static string Explain(string? value)
    {
        if (TryCanonicalize(value, out _)) return "";
        var tag = value?.Trim() ?? "";
        if (tag.Length == 0) return "The language is empty.";
        if (tag.Length > MaxLength) return $"The language is longer than {MaxLength} characters.";
        if (tag.Contains('_') && TryCanonicalize(tag.Replace('_', '-'), out var dashed))
            return $"'{tag}' is not a BCP 47 language tag: subtags are separated by '-', not '_' (write {dashed}).";
        return $"'{tag}' is not a BCP 47 language tag (e.g. en, es, es-MX, zh-Hant-TW).";
    }

    private static string? Parse(string[] parts)
    {
        var output = new List<string>(parts.Length);
        var i = 0;
        if (IsSingleton(parts[0], 'x')) return PrivateUse(parts, 0, output);

        // language: 2–3 letters, then up to three 3-letter extlangs.
        if (!IsAlpha(parts[0], 2, 3)) return null;
        output.Add(parts[0].ToLowerInvariant());
        i++;
        for (var n = 0; n < 3 && i < parts.Length && IsAlpha(parts[i], 3, 3); n++, i++) output.Add(parts[i].ToLowerInvariant());

        if (i < parts.Length && IsAlpha(parts[i], 4, 4))
        {
            output.Add(char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant());
            i++;
        }
        if (i < parts.Length && (IsAlpha(parts[i], 2, 2) || (parts[i].Length == 3 && parts[i].All(char.IsAsciiDigit))))
        {
            output.Add(parts[i].ToUpperInvariant());
            i++;
        }
        var variants = new HashSet<string>(StringComparer.Ordinal);
        for (; i < parts.Length && IsVariant(parts[i]); i++)
        {
            var variant = parts[i].ToLowerInvariant();
            if (!variants.Add(variant)) return null; // a repeated variant is not a valid tag
            output.Add(variant);
        }
        var singletons = new HashSet<char>();
        while (i < parts.Length && parts[i].Length == 1 && !IsSingleton(parts[i], 'x'))
        {
            var singleton = char.ToLowerInvariant(parts[i][0]);
            if (!singletons.Add(singleton)) return null; // each extension singleton at most once
            output.Add(singleton.ToString());
            i++;
            var start = i;
            for (; i < parts.Length && parts[i].Length is >= 2 and <= 8; i++) output.Add(parts[i].ToLowerInvariant());
            if (i == start) return null; // an extension needs at least one subtag
        }
        if (i < parts.Length && IsSingleton(parts[i], 'x')) return PrivateUse(parts, i, output);
        return i == parts.Length ? string.Join('-', output) : null;
    }

    private static string? PrivateUse(string[] parts, int x, List<string> output)
    {
        if (x == parts.Length - 1) return null; // "x" needs at least one subtag
        output.Add("x");
        for (var i = x + 1; i < parts.Length; i++) output.Add(parts[i].ToLowerInvariant());
        return string.Join('-', output);
    }

    private static bool IsAlpha(string part, int min, int max) => part.Length >= min && part.Length <= max && part.All(char.IsAsciiLetter);

    private static bool IsVariant(string part) =>
        part.Length is >= 5 and <= 8 || (part.Length == 4 && char.IsAsciiDigit(part[0]));

    private static bool IsSingleton(string part, char letter) => part.Length == 1 && char.ToLowerInvariant(part[0]) == letter;
}
