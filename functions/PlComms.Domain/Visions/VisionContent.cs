using PlComms.Shared;

namespace PlComms.Visions;

/// <summary>Which students the work focuses on (seed 000, component 1).</summary>
public enum FocusCategory
{
    AdditionalSupports,
    AchievementGaps,
    GradesOrSubjects,
    Other,
}

/// <summary>The four implementation phases of seed 000, component 3, in order.</summary>
public enum ImplementationPhase
{
    PlanningAndDesign,
    EarlyImplementation,
    ExpandedImplementation,
    RefiningAndScaling,
}

/// <param name="Translations">
/// The item's wording in other languages: canonical BCP 47 tag → text. Null or empty means none (visions
/// stored before translations existed have none). An "en" entry overrides the base text in English messages.
/// </param>
public sealed record FocusItem(FocusCategory Category, string Text, IReadOnlyDictionary<string, string>? Translations = null);

/// <summary>An intended outcome. Priority 1–3 marks the seed's "top three".</summary>
/// <param name="MetricTranslations">The metric's wording in other languages, like <paramref name="Translations"/>.</param>
public sealed record Impact(
    string Text,
    string? Metric,
    int? Priority,
    IReadOnlyDictionary<string, string>? Translations = null,
    IReadOnlyDictionary<string, string>? MetricTranslations = null);

public sealed record SupportItem(ImplementationPhase Phase, string Text, IReadOnlyDictionary<string, string>? Translations = null);

/// <summary>A shift's two texts in another language.</summary>
public sealed record ShiftTranslation(string Changes, string StaysTheSame);

/// <summary>One shift: what changes, what stays the same, and which audiences it concerns (none means all).</summary>
public sealed record Shift(
    string Changes,
    string StaysTheSame,
    IReadOnlyList<Audience> Audiences,
    IReadOnlyDictionary<string, ShiftTranslation>? Translations = null);

/// <summary>A validated vision draft: the three components of seed 000 plus the shifts messages are written from.</summary>
public sealed record VisionContent(
    string Title,
    string Author,
    IReadOnlyList<FocusItem> Focus,
    IReadOnlyList<Impact> ShortTermImpacts,
    IReadOnlyList<Impact> LongTermImpacts,
    IReadOnlyList<SupportItem> Supports,
    IReadOnlyList<Shift> Shifts)
{
    /// <summary>Supports in phase order, keeping the author's order within a phase.</summary>
    public IEnumerable<SupportItem> SupportsInPhaseOrder => Supports.Select((s, i) => (s, i)).OrderBy(x => x.s.Phase).ThenBy(x => x.i).Select(x => x.s);
}
