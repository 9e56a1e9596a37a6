namespace PlComms.Contacts;

/// <summary>Cells that hold lists: items trimmed, empty items dropped, repeats kept once, order kept.</summary>
internal static class CellLists
{
    public static List<string> Split(string cell, char separator) =>
        cell.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
}
