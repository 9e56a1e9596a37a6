using System.Text;

namespace PlComms.Visions;

public enum Agreement
{
    /// <summary>Every compared draft includes the item.</summary>
    Consensus,
    /// <summary>More than half of the drafts include it.</summary>
    Majority,
    /// <summary>More than one draft, but not more than half.</summary>
    Minority,
    /// <summary>Only one draft includes it.</summary>
    Unique,
}

public sealed record ComparedItem(string Text, string? Detail, int Count, IReadOnlyList<string> DraftIds, Agreement Agreement);

public sealed record VisionComparisonResult(
    int Drafts,
    IReadOnlyList<ComparedItem> Focus,
    IReadOnlyList<ComparedItem> ShortTermImpacts,
    IReadOnlyList<ComparedItem> LongTermImpacts,
    IReadOnlyList<ComparedItem> Supports);

/// <summary>
/// Compares drafts that team members completed individually (the seed's suggested use): which items
/// they share. Items match after case, whitespace and punctuation normalisation.
/// </summary>
public static class VisionComparison
{
    public static VisionComparisonResult Compare(IReadOnlyList<(string Id, VisionContent Vision)> drafts)
    {
        if (drafts.Count == 0) throw new ArgumentException("At least one draft is needed.", nameof(drafts));
        return new VisionComparisonResult(
            drafts.Count,
            Tally(drafts, v => v.Focus.Select(f => (f.Text, (string?)Shared.WireName<FocusCategory>.Of(f.Category)))),
            Tally(drafts, v => v.ShortTermImpacts.Select(i => (i.Text, (string?)null))),
            Tally(drafts, v => v.LongTermImpacts.Select(i => (i.Text, (string?)null))),
            Tally(drafts, v => v.Supports.Select(s => (s.Text, (string?)Shared.WireName<ImplementationPhase>.Of(s.Phase)))));
    }

    private static List<ComparedItem> Tally(
        IReadOnlyList<(string Id, VisionContent Vision)> drafts,
        Func<VisionContent, IEnumerable<(string Text, string? Detail)>> items)
    {
        // Insertion order is kept so the result reads in the order the team wrote things.
        var seen = new Dictionary<string, (string Text, string? Detail, List<string> Ids)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (id, vision) in drafts)
        {
            foreach (var (text, detail) in items(vision))
            {
                var key = Normalize(text);
                if (key.Length == 0) continue;
                if (!seen.TryGetValue(key, out var entry))
                {
                    seen[key] = entry = (text, detail, []);
                    order.Add(key);
                }
                if (!entry.Ids.Contains(id)) entry.Ids.Add(id);
            }
        }

        return order
            .Select(k => seen[k])
            .Select(e => new ComparedItem(e.Text, e.Detail, e.Ids.Count, e.Ids, Classify(e.Ids.Count, drafts.Count)))
            .OrderByDescending(i => i.Count)
            .ToList();
    }

    public static Agreement Classify(int count, int drafts) =>
        count == drafts ? Agreement.Consensus
        : count * 2 > drafts ? Agreement.Majority
        : count == 1 ? Agreement.Unique
        : Agreement.Minority;

    /// <summary>Lower-cases, drops punctuation and collapses whitespace: "Improved  attendance." matches "improved attendance".</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && sb.Length > 0) sb.Append(' ');
                pendingSpace = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsWhiteSpace(c) || c is '-' or '/' )
            {
                pendingSpace = true;
            }
            // Other punctuation is dropped without separating words ("students'" matches "students").
        }
        return sb.ToString();
    }
}
