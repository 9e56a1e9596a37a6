using System.Net.Mail;

namespace PlComms.Contacts;

/// <summary>The address check an import applies: one plain address, no display name, a dotted domain.</summary>
internal static class EmailAddresses
{
    public const int MaxLength = 254;

    /// <summary>
    /// True when the trimmed value is a single address such as <c>name@example.org</c>; <paramref name="email"/> is
    /// then trimmed and lower-cased. Refused: display names ("Ana &lt;ana@example.org&gt;"), lists ("a@x.org, b@x.org"),
    /// quoted local parts, IP-literal or dotless domains, and anything <see cref="MailAddress"/> does not parse.
    /// </summary>
    public static bool TryNormalize(string? value, out string email)
    {
        email = "";
        var text = value?.Trim() ?? "";
        if (text.Length is 0 or > MaxLength) return false;
        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"' or '(' or ')' or '[' or ']'))
            return false;
        if (!MailAddress.TryCreate(text, out var address)) return false;
        if (address.DisplayName.Length > 0 || !string.Equals(address.Address, text, StringComparison.Ordinal)) return false;
        var host = address.Host;
        if (host.StartsWith('.') || host.EndsWith('.') || host.Contains("..") || !host.Contains('.')) return false;
        if (address.User.Length == 0 || address.User.StartsWith('.') || address.User.EndsWith('.') || address.User.Contains("..")) return false;
        email = text.ToLowerInvariant();
        return true;
    }
}
