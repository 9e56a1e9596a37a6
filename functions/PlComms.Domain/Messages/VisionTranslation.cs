using System.Text.RegularExpressions;
using PlComms.Visions;

namespace PlComms.Messages;

/// <summary>An item a message needs in a language the vision gives no wording for, with the words to translate.</summary>
/// <param name="Id">A stable id for the round trip: "focus-0", "short-term-impact-1", "metric-long-term-impact-0", "support-2", "shift-changes-0".</param>
/// <param name="Source">What to translate: the audience's English wording (a catalog item's family wording for families).</param>
public sealed record MissingWording(string Id, VisionItem Item, string Source, int MaxLength);

/// <summary>
/// What the Azure OpenAI composer translates: the vision's items that have no wording in the message's language,
/// and the vision with the translations it got added, for this one message (the stored vision is not changed).
/// The template composer never translates.
/// </summary>
public static partial class VisionTranslation
{
    public static string IdOf(VisionItem item) => item.Kind switch
    {
        VisionItemKind.Focus => $"focus-{item.Index}",
        VisionItemKind.ShortTermImpact => $"short-term-impact-{item.Index}",
        VisionItemKind.LongTermImpact => $"long-term-impact-{item.Index}",
        VisionItemKind.Metric => $"metric-{(item.TranslationsField.StartsWith("impacts.shortTerm", StringComparison.Ordinal) ? "short" : "long")}-term-impact-{item.Index}",
        VisionItemKind.Support => $"support-{item.Index}",
        VisionItemKind.ShiftChanges => $"shift-changes-{item.Index}",
        VisionItemKind.ShiftStaysTheSame => $"shift-stays-the-same-{item.Index}",
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };

    /// <summary>The items without wording in <paramref name="language"/>, in the vision's order; none for English.</summary>
    public static IReadOnlyList<MissingWording> Missing(VisionContent vision, MessageLanguage language, AudiencePlaybook playbook) =>
        [.. VisionItem.All(vision)
            .Where(i => !ItemWordings.HasWording(i, language))
            .Select(i => new MissingWording(IdOf(i), i, ItemWordings.For(i, MessageLanguage.En, playbook).Text, MaxLengthOf(i.Kind)))];

    private static int MaxLengthOf(VisionItemKind kind) => kind switch
    {
        VisionItemKind.Metric => VisionLimits.MetricLength,
        VisionItemKind.ShiftChanges or VisionItemKind.ShiftStaysTheSame => VisionLimits.ShiftTextLength,
        _ => VisionLimits.ItemTextLength,
    };

    /// <summary>
    /// Why a translation cannot be used, or null when it can: it must be there, within the item's length, and carry
    /// exactly the numbers of its source (a translation adds and drops no figure).
    /// </summary>
    public static string? Problem(MissingWording wording, string? translation)
    {
        if (string.IsNullOrWhiteSpace(translation)) return $"no translation for {wording.Id}";
        if (translation.Trim().Length > wording.MaxLength) return $"the translation of {wording.Id} is longer than {wording.MaxLength} characters";
        var expected = Numbers(wording.Source);
        var got = Numbers(translation);
        return expected.SequenceEqual(got) ? null : $"the translation of {wording.Id} changes its numbers ({string.Join(", ", expected)} → {string.Join(", ", got)})";
    }

    // Separators are dropped: "1,000" and "1.000", "1.5" and "1,5" are the same figure written in two languages.
    private static List<string> Numbers(string text) => [.. NumberPattern().Matches(text).Select(m => m.Value.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>The vision with <paramref name="translations"/> (by <see cref="MissingWording.Id"/>) added under the language's tag.</summary>
    public static VisionContent With(VisionContent vision, MessageLanguage language, IReadOnlyDictionary<string, string> translations)
    {
        var tag = language.Tag;
        string? T(VisionItem item) => translations.TryGetValue(IdOf(item), out var t) ? t.Trim() : null;
        IReadOnlyDictionary<string, string>? Add(IReadOnlyDictionary<string, string>? existing, string? text)
        {
            if (text is null) return existing;
            var copy = existing is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(existing, StringComparer.Ordinal);
            copy[tag] = text;
            return copy;
        }

        var focus = vision.Focus.Select((f, i) => f with { Translations = Add(f.Translations, T(VisionItem.Focus(vision, i))) }).ToList();
        List<Impact> Impacts(IReadOnlyList<Impact> impacts, VisionItemKind kind, string name, string field) =>
            [.. impacts.Select((impact, i) => impact with
            {
                Translations = Add(impact.Translations, T(VisionItem.Impact(impact, kind, i, name, field))),
                MetricTranslations = VisionItem.Metric(impact, i, name, field) is { } m ? Add(impact.MetricTranslations, T(m)) : impact.MetricTranslations,
            })];
        var supports = vision.Supports.Select((s, i) => s with { Translations = Add(s.Translations, T(VisionItem.Support(vision, i))) }).ToList();
        var shifts = vision.Shifts.Select((s, i) =>
        {
            var changes = T(VisionItem.ShiftChanges(vision, i));
            var same = T(VisionItem.ShiftStaysTheSame(vision, i));
            if (changes is null && same is null) return s;
            var existing = VisionItem.ShiftChanges(vision, i).TranslationFor(tag);
            var existingSame = VisionItem.ShiftStaysTheSame(vision, i).TranslationFor(tag);
            var copy = s.Translations is null ? new Dictionary<string, ShiftTranslation>(StringComparer.Ordinal) : new Dictionary<string, ShiftTranslation>(s.Translations, StringComparer.Ordinal);
            copy[tag] = new ShiftTranslation(changes ?? existing ?? s.Changes, same ?? existingSame ?? s.StaysTheSame);
            return s with { Translations = copy };
        }).ToList();

        return vision with
        {
            Focus = focus,
            ShortTermImpacts = Impacts(vision.ShortTermImpacts, VisionItemKind.ShortTermImpact, "short-term impact", "impacts.shortTerm"),
            LongTermImpacts = Impacts(vision.LongTermImpacts, VisionItemKind.LongTermImpact, "long-term impact", "impacts.longTerm"),
            Supports = supports,
            Shifts = shifts,
        };
    }

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex NumberPattern();
}
