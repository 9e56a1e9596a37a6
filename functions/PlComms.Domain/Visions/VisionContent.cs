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

public sealed record FocusItem(FocusCategory Category, string Text);

/// <summary>An intended outcome. Priority 1–3 marks the seed's "top three".</summary>
public sealed record Impact(string Text, string? Metric, int? Priority);

public sealed record SupportItem(ImplementationPhase Phase, string Text);

/// <summary>One shift: what changes, what stays the same, and which audiences it concerns (none means all).</summary>
public sealed record Shift(string Changes, string StaysTheSame, IReadOnlyList<Audience> Audiences);

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
