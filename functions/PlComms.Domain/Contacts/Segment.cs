using PlComms.Shared;

namespace PlComms.Contacts;

/// <summary>
/// An audience: one role plus optional filters. Within a filter any value matches (schools A or B);
/// across filters all must match (a school and a grade and a language). Languages match on the primary
/// subtag when the filter gives only one ("es" matches "es-MX"), else exactly.
/// </summary>
public sealed record Segment(
    ContactRole Role,
    IReadOnlyList<string> Schools,
    IReadOnlyList<string> Grades,
    IReadOnlyList<string> Languages)
{
    public bool Matches(ContactRecord contact) =>
        contact.Role == Role
        && (Schools.Count == 0 || contact.Schools.Any(s => Schools.Contains(s.Id, StringComparer.Ordinal)))
        && (Grades.Count == 0 || contact.Grades.Any(g => Grades.Contains(g, StringComparer.Ordinal)))
        && (Languages.Count == 0 || Languages.Any(l => LanguageMatches(l, contact.Language)));

    public static bool LanguageMatches(string filter, string language) =>
        filter.Contains('-')
            ? string.Equals(filter, language, StringComparison.OrdinalIgnoreCase)
            : string.Equals(filter, LanguageTags.Primary(language), StringComparison.OrdinalIgnoreCase);
}

/// <summary>A segment as clients send it; <see cref="SegmentValidator"/> turns it into a <see cref="Segment"/>.</summary>
public sealed record SegmentInput(string? Role, IReadOnlyList<string?>? Schools, IReadOnlyList<string?>? Grades, IReadOnlyList<string?>? Languages);

public static class SegmentValidator
{
    public const int MaxSchools = 50;
    public const int MaxGrades = 20;
    public const int MaxLanguages = 10;

    /// <param name="prefix">Field name prefix for errors, e.g. "segment." inside a campaign.</param>
    public static Segment? Validate(SegmentInput? input, ValidationErrors errors, string prefix = "")
    {
        if (input is null)
        {
            errors.Add(prefix.TrimEnd('.'), "A segment is required: at least a role.");
            return null;
        }
        var role = errors.OneOf<ContactRole>(prefix + "role", input.Role);
        var schools = Texts(errors, prefix + "schools", input.Schools, MaxSchools, 128);
        var grades = Texts(errors, prefix + "grades", input.Grades, MaxGrades, 16);
        var languages = Texts(errors, prefix + "languages", input.Languages, MaxLanguages, 35);
        for (var i = 0; i < languages.Count; i++)
        {
            if (!LanguageTags.TryCanonicalize(languages[i], out var canonical))
                errors.Add($"{prefix}languages[{i}]", $"'{languages[i]}' is not a BCP 47 language tag (e.g. en, es, es-MX).");
            else
                languages[i] = canonical;
        }
        for (var i = 0; i < grades.Count; i++)
        {
            // Contacts hold only grade codes (the import refuses others), so an unknown grade would reach no one.
            if (GradeCodes.TryNormalize(grades[i], out var code)) grades[i] = code;
            else errors.Add($"{prefix}grades[{i}]", $"'{grades[i]}' is not a grade: use IT, PR, PK, TK, KG, 1 to 13, PS, UG or Other.");
        }
        return role is { } r && errors.IsEmpty ? new Segment(r, schools.Distinct().ToList(), grades.Distinct().ToList(), languages.Distinct().ToList()) : null;
    }

    private static List<string> Texts(ValidationErrors errors, string field, IReadOnlyList<string?>? values, int max, int maxLength)
    {
        var result = new List<string>();
        if (values is null || !errors.MaxItems(field, values, max)) return result;
        for (var i = 0; i < values.Count; i++)
        {
            if (errors.RequiredText($"{field}[{i}]", values[i], maxLength) is { } text) result.Add(text);
        }
        return result;
    }
}
