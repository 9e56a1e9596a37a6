namespace PlComms.Contacts;

/// <summary>The id a simple CSV's school gets from its name: "Lincoln Elementary" → "lincoln-elementary".</summary>
internal static class SchoolSlugs
{
    public const int MaxLength = 64;

    /// <summary>Lower case; each run of characters other than ASCII letters and digits becomes one '-', none at the ends.</summary>
    public static string Of(string name)
    {
        var chars = new List<char>(name.Length);
        foreach (var c in name.Trim())
        {
            if (char.IsAsciiLetterOrDigit(c)) chars.Add(char.ToLowerInvariant(c));
            else if (chars.Count > 0 && chars[^1] != '-') chars.Add('-');
        }
        while (chars.Count > 0 && chars[^1] == '-') chars.RemoveAt(chars.Count - 1);
        var slug = new string([.. chars]);
        return slug.Length > MaxLength ? slug[..MaxLength].TrimEnd('-') : slug;
    }
}
