namespace PlComms.Results;

/// <summary>
/// Small-group protection. A cell with fewer than the threshold's responses is never shown, and neither is any cell
/// that would let someone work a hidden one out by subtracting what is shown from a shown total: while the hidden
/// cells of a breakdown are fewer than two, or together hold fewer responses than the threshold, the smallest shown
/// cell is hidden too. The threshold is never below <see cref="Floor"/>.
/// </summary>
public static class SmallGroups
{
    public const int Floor = 5;

    /// <param name="counts">Each cell's count of responses, in one breakdown (every school, or every language).</param>
    /// <param name="totalShown">Whether the breakdown's total (the whole audience) is shown; when it is not, every cell is hidden.</param>
    /// <returns>For each cell, whether it is hidden.</returns>
    public static bool[] Hidden(IReadOnlyList<int> counts, int threshold, bool totalShown)
    {
        threshold = Math.Max(threshold, Floor);
        var hidden = counts.Select(n => !totalShown || n < threshold).ToArray();
        if (!totalShown || !hidden.Any(h => h)) return hidden;
        while (true)
        {
            var hiddenCells = Enumerable.Range(0, counts.Count).Where(i => hidden[i]).ToList();
            if (hiddenCells.Count >= 2 && hiddenCells.Sum(i => counts[i]) >= threshold) return hidden;
            var next = Enumerable.Range(0, counts.Count).Where(i => !hidden[i]).OrderBy(i => counts[i]).ThenBy(i => i).Select(i => (int?)i).FirstOrDefault();
            if (next is not { } smallest) return hidden;
            hidden[smallest] = true;
        }
    }

    public static bool TooSmall(int count, int threshold) => count < Math.Max(threshold, Floor);
}
