namespace PlComms.Visions.Pages;

/// <summary>What two versions of a vision say differently, part by part; items match as the team comparison matches them.</summary>
public static class VersionDiff
{
    public sealed record Part(string Key, IReadOnlyList<string> OnlyA, IReadOnlyList<string> OnlyB, IReadOnlyList<string> Both);

    public static List<Part> Of(VisionContent a, VisionContent b) =>
    [
        Compare("focus", a.Focus.Select(f => f.Text), b.Focus.Select(f => f.Text)),
        Compare("shortTerm", a.ShortTermImpacts.Select(Describe), b.ShortTermImpacts.Select(Describe)),
        Compare("longTerm", a.LongTermImpacts.Select(Describe), b.LongTermImpacts.Select(Describe)),
        Compare("supports", a.Supports.Select(s => s.Text), b.Supports.Select(s => s.Text)),
        Compare("shifts", a.Shifts.Select(s => $"{s.Changes} / {s.StaysTheSame}"), b.Shifts.Select(s => $"{s.Changes} / {s.StaysTheSame}")),
    ];

    private static string Describe(Impact i) =>
        i.Text + (i.Metric is { Length: > 0 } m ? $" ({m})" : "") + (i.Priority is { } p ? $" #{p}" : "");

    private static Part Compare(string key, IEnumerable<string> a, IEnumerable<string> b)
    {
        var left = a.ToList();
        var right = b.ToList();
        var rightKeys = right.Select(VisionComparison.Normalize).ToHashSet();
        var leftKeys = left.Select(VisionComparison.Normalize).ToHashSet();
        return new Part(key,
            [.. left.Where(x => !rightKeys.Contains(VisionComparison.Normalize(x)))],
            [.. right.Where(x => !leftKeys.Contains(VisionComparison.Normalize(x)))],
            [.. left.Where(x => rightKeys.Contains(VisionComparison.Normalize(x)))]);
    }
}
