using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PlComms.Delivery.Sending.Outbox;

/// <summary>
/// The file name of a delivery's message: the same delivery id always gives the same name, so a retried batch
/// overwrites its files instead of adding copies.
/// </summary>
internal static partial class OutboxFileName
{
    public const string Extension = ".eml";

    /// <summary>
    /// The id itself when it is a safe name; otherwise its safe characters (up to 64) and a hash of the whole id, so
    /// "../x" cannot leave the folder and ids that differ only in unsafe characters still get files of their own.
    /// </summary>
    public static string For(string deliveryId) => Stem(deliveryId) + Extension;

    /// <summary>The name without its extension; also the local part of the Message-Id.</summary>
    public static string Stem(string deliveryId)
    {
        if (SafeId().IsMatch(deliveryId)) return deliveryId;
        var kept = Unsafe().Replace(deliveryId, "_");
        if (kept.Length > 64) kept = kept[..64];
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId)))[..16];
        return $"{kept}-{hash}";
    }

    // Starts with a letter or digit, so never "." or ".." and never a hidden file.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex SafeId();

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex Unsafe();
}
