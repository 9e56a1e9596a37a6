namespace PlComms.Visions;

public enum VisionItemKind
{
    Focus,
    ShortTermImpact,
    LongTermImpact,
    Metric,
    Support,
    ShiftChanges,
    ShiftStaysTheSame,
}

/// <summary>
/// One piece of the district's wording that a message may quote: an item's text, an impact's metric, or one
/// side of a shift, with where its translations live, so a guardrail can say exactly what to add.
/// </summary>
/// <param name="Label">How the officer finds it: "focus item 2", "the metric of long-term impact 1", "shift 3 (what changes)".</param>
/// <param name="TranslationsField">The JSON field its translations go in: "focus[1].translations".</param>
/// <param name="Text">The wording as the officer wrote it (the vision's base language, English unless translated otherwise).</param>
/// <param name="Catalog">The seed 000 suggestion it was taken from, matched by normalised text; null for the district's own words.</param>
/// <param name="Translations">Its wording in other languages, by canonical BCP 47 tag.</param>
public sealed record VisionItem(
    VisionItemKind Kind,
    int Index,
    string Label,
    string TranslationsField,
    string Text,
    CatalogSuggestion? Catalog,
    IReadOnlyDictionary<string, string> Translations)
{
    private static readonly IReadOnlyDictionary<string, string> NoTranslations = new Dictionary<string, string>();

    public static IEnumerable<VisionItem> All(VisionContent vision)
    {
        for (var i = 0; i < vision.Focus.Count; i++)
            yield return Focus(vision, i);
        foreach (var (impacts, kind, name, field) in new[]
        {
            (vision.ShortTermImpacts, VisionItemKind.ShortTermImpact, "short-term impact", "impacts.shortTerm"),
            (vision.LongTermImpacts, VisionItemKind.LongTermImpact, "long-term impact", "impacts.longTerm"),
        })
        {
            for (var i = 0; i < impacts.Count; i++)
            {
                yield return Impact(impacts[i], kind, i, name, field);
                if (Metric(impacts[i], i, name, field) is { } metric) yield return metric;
            }
        }
        for (var i = 0; i < vision.Supports.Count; i++)
            yield return Support(vision, i);
        for (var i = 0; i < vision.Shifts.Count; i++)
        {
            yield return ShiftChanges(vision, i);
            yield return ShiftStaysTheSame(vision, i);
        }
    }

    public static VisionItem Focus(VisionContent vision, int i) =>
        new(VisionItemKind.Focus, i, $"focus item {i + 1}", $"focus[{i}].translations", vision.Focus[i].Text,
            VisionCatalog.Match(CatalogList.Focus, vision.Focus[i].Text), vision.Focus[i].Translations ?? NoTranslations);

    public static VisionItem Impact(Impact impact, VisionItemKind kind, int i, string name, string field) =>
        new(kind, i, $"{name} {i + 1}", $"{field}[{i}].translations", impact.Text,
            VisionCatalog.Match(CatalogList.Impact, impact.Text), impact.Translations ?? NoTranslations);

    public static VisionItem? Metric(Impact impact, int i, string name, string field) =>
        string.IsNullOrWhiteSpace(impact.Metric)
            ? null
            : new(VisionItemKind.Metric, i, $"the metric of {name} {i + 1}", $"{field}[{i}].metricTranslations", impact.Metric, null,
                impact.MetricTranslations ?? NoTranslations);

    public static VisionItem Support(VisionContent vision, int i) =>
        new(VisionItemKind.Support, i, $"support {i + 1}", $"supports[{i}].translations", vision.Supports[i].Text,
            VisionCatalog.Match(CatalogList.Support, vision.Supports[i].Text), vision.Supports[i].Translations ?? NoTranslations);

    public static VisionItem ShiftChanges(VisionContent vision, int i) =>
        new(VisionItemKind.ShiftChanges, i, $"shift {i + 1} (what changes)", $"shifts[{i}].translations", vision.Shifts[i].Changes, null,
            vision.Shifts[i].Translations?.ToDictionary(kv => kv.Key, kv => kv.Value.Changes) ?? NoTranslations);

    public static VisionItem ShiftStaysTheSame(VisionContent vision, int i) =>
        new(VisionItemKind.ShiftStaysTheSame, i, $"shift {i + 1} (what stays the same)", $"shifts[{i}].translations", vision.Shifts[i].StaysTheSame, null,
            vision.Shifts[i].Translations?.ToDictionary(kv => kv.Key, kv => kv.Value.StaysTheSame) ?? NoTranslations);

    /// <summary>The translation for a language tag: exact, else one that shares the primary subtag ("es-MX" for "es" and back).</summary>
    public string? TranslationFor(string tag)
    {
        if (Translations.TryGetValue(tag, out var exact)) return exact;
        var primary = Contacts.LanguageTags.Primary(tag);
        foreach (var (key, value) in Translations)
            if (Contacts.LanguageTags.Primary(key) == primary) return value;
        return null;
    }
}
