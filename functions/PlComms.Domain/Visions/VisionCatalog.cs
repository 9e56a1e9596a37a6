namespace PlComms.Visions;

public sealed record FocusCategoryEntry(FocusCategory Category, string Title);

public sealed record PhaseEntry(ImplementationPhase Phase, string Numeral, string Title, IReadOnlyList<string> Consider);

/// <summary>
/// The structure of the Personalized Learning Visioning Tool (seed 000), held as data.
/// The text is the seed's own; do not paraphrase it here.
/// </summary>
public static class VisionCatalog
{
    public static IReadOnlyList<FocusCategoryEntry> FocusCategories { get; } =
    [
        new(FocusCategory.AdditionalSupports, "Students needing additional instructional supports"),
        new(FocusCategory.AchievementGaps, "Students with achievement gaps"),
        new(FocusCategory.GradesOrSubjects, "Students in specific grades or subjects"),
        new(FocusCategory.Other, "Other"),
    ];

    /// <summary>Table 1's "Consider" list. The seed gives one list for all four boxes.</summary>
    public static IReadOnlyList<string> FocusSuggestions { get; } = [.. CatalogSuggestions.Focus.Select(s => s.Text)];

    /// <summary>Table 2's "Consider" list, for short- and long-term impacts alike.</summary>
    public static IReadOnlyList<string> ImpactSuggestions { get; } = [.. CatalogSuggestions.Impacts.Select(s => s.Text)];

    /// <summary>Every suggestion of the three lists with its Spanish and family wordings, focus first, then impacts, then supports by phase.</summary>
    public static IReadOnlyList<CatalogSuggestion> Suggestions { get; } =
        [.. CatalogSuggestions.Focus, .. CatalogSuggestions.Impacts, .. CatalogSuggestions.Supports.SelectMany(p => p.Value)];

    private static readonly IReadOnlyDictionary<(CatalogList, string), CatalogSuggestion> ByNormalizedText =
        Suggestions.ToDictionary(s => (s.List, VisionComparison.Normalize(s.Text)));

    /// <summary>The catalog suggestion a vision item was taken from, matched by normalised text; null for the district's own words.</summary>
    public static CatalogSuggestion? Match(CatalogList list, string text) =>
        ByNormalizedText.TryGetValue((list, VisionComparison.Normalize(text)), out var s) ? s : null;

    public static IReadOnlyList<PhaseEntry> Phases { get; } =
    [
        new(ImplementationPhase.PlanningAndDesign, "I", "Planning and Design", Consider(ImplementationPhase.PlanningAndDesign)),
        new(ImplementationPhase.EarlyImplementation, "II", "Early Implementation", Consider(ImplementationPhase.EarlyImplementation)),
        new(ImplementationPhase.ExpandedImplementation, "III", "Expanded Implementation", Consider(ImplementationPhase.ExpandedImplementation)),
        new(ImplementationPhase.RefiningAndScaling, "IV", "Refining and Scaling", Consider(ImplementationPhase.RefiningAndScaling)),
    ];

    private static IReadOnlyList<string> Consider(ImplementationPhase phase) => [.. CatalogSuggestions.Supports[phase].Select(s => s.Text)];

    /// <summary>Table 4's fixed opening sentence.</summary>
    public const string Commitment = "We are committed to ensuring that all students have the learning supports they need to succeed.";
}
