using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PlComms.Shared;

namespace PlComms.Contacts;

/// <summary>
/// Contact ids are opaque and random (a role letter and a GUID v7): nothing in an id, or in the delivery records that
/// keep it after an erasure, can be traced back to an address. The role letter names the table partition, so a
/// contact is always one point read away.
/// </summary>
public static partial class ContactIds
{
    public static string New(ContactRole role, DateTimeOffset now) => Letter(role) + Guid.CreateVersion7(now).ToString("n");

    public static bool TryParse(string? id, out ContactRole role)
    {
        role = default;
        if (id is null || !Pattern().IsMatch(id)) return false;
        role = id[0] switch { 'p' => ContactRole.Parent, 't' => ContactRole.Teacher, 's' => ContactRole.Staff, _ => ContactRole.Community };
        return true;
    }

    public static string Partition(ContactRole role) => WireName<ContactRole>.Of(role);

    public static char Letter(ContactRole role) => role switch
    {
        ContactRole.Parent => 'p',
        ContactRole.Teacher => 't',
        ContactRole.Staff => 's',
        _ => 'c',
    };

    /// <summary>How far apart two ids of one role are, reading their 32 hex digits as a number.</summary>
    public static UInt128 Distance(string from, string to)
    {
        var (a, b) = (Number(from), Number(to));
        return b > a ? b - a : UInt128.Zero;
    }

    /// <summary>The id-shaped key <paramref name="by"/> past <paramref name="id"/> (not a contact; a range bound), capped at the largest.</summary>
    public static string Advance(string id, UInt128 by)
    {
        var n = Number(id);
        var moved = UInt128.MaxValue - n < by ? UInt128.MaxValue : n + by;
        return id[0] + moved.ToString("x32");
    }

    private static UInt128 Number(string id) => UInt128.Parse(id.AsSpan(1), System.Globalization.NumberStyles.HexNumber);

    /// <summary>SHA-256 of a text as lower-case hex: identity and email lookups, never shown as an id.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("^[ptsc][0-9a-f]{32}$")]
    private static partial Regex Pattern();
}
