using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PlComms.Platform.Auth;

/// <summary>
/// Checks a presented officer key against <c>Officer__ApiKeys</c> in constant time: the API's header and the web app's
/// sign-in form share this one check.
/// </summary>
public sealed class OfficerKeys(IOptions<OfficerAuthOptions> options)
{
    private readonly byte[][] _keyHashes = options.Value.Keys.Select(Hash).ToArray();

    public bool IsValid(string? presented)
    {
        if (string.IsNullOrEmpty(presented)) return false;
        // Hashing first gives equal-length inputs, so the comparison time says nothing about the key.
        var hash = Hash(presented);
        var match = false;
        foreach (var key in _keyHashes) match |= CryptographicOperations.FixedTimeEquals(hash, key);
        return match;
    }

    /// <summary>Which configured key this is (its position), so a session ends when its key is rotated out.</summary>
    public int? IndexOf(string? presented)
    {
        if (string.IsNullOrEmpty(presented)) return null;
        var hash = Hash(presented);
        int? found = null;
        for (var i = 0; i < _keyHashes.Length; i++) if (CryptographicOperations.FixedTimeEquals(hash, _keyHashes[i])) found = i;
        return found;
    }

    /// <summary>A short fingerprint of a configured key, kept in the session (never the key itself).</summary>
    public string Fingerprint(int index) => Convert.ToHexStringLower(_keyHashes[index].AsSpan(0, 8));

    public bool IsCurrentFingerprint(string? fingerprint) =>
        fingerprint is not null && Enumerable.Range(0, _keyHashes.Length).Any(i => Fingerprint(i) == fingerprint);

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
