namespace PlComms.Shared;

public static class NaturalList
{
    /// <summary>Joins items as English prose: "a", "a and b", "a, b, and c" (serial comma, as the seed's example uses).</summary>
    public static string Join(IReadOnlyList<string> items, string conjunction = "and") => items.Count switch
    {
        0 => "",
        1 => items[0],
        2 => $"{items[0]} {conjunction} {items[1]}",
        _ => $"{string.Join(", ", items.Take(items.Count - 1))}, {conjunction} {items[^1]}",
    };
}
