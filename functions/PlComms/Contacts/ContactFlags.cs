using System.Text;

namespace PlComms.Contacts;

/// <summary>
/// Schools and grades are stored twice on a contact row: as JSON for reading, and as one boolean property per school
/// and per grade (<c>s_…</c>, <c>g_…</c>). Table Storage cannot filter inside a string, but it can filter on properties,
/// so a segment is a single server-side filtered query in the role's partition (see docs/storage.md).
/// </summary>
public static class ContactFlags
{
    /// <summary>School ids are arbitrary text, so the property name carries a hash of the id (48 bits).</summary>
    public static string School(string schoolId) => "s_" + ContactIds.Hash(schoolId)[..12];

    /// <summary>Grade codes are short; anything but letters and digits is dropped to keep a valid property name.</summary>
    public static string Grade(string grade)
    {
        var name = new StringBuilder("g_", 2 + grade.Length);
        foreach (var c in grade)
        {
            if (char.IsAsciiLetterOrDigit(c)) name.Append(c);
        }
        return name.ToString();
    }

    public static bool IsFlag(string property) => property.StartsWith("s_", StringComparison.Ordinal) || property.StartsWith("g_", StringComparison.Ordinal);
}
