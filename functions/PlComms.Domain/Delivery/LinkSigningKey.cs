using System.Buffers;

namespace PlComms.Delivery;

/// <summary>One HMAC-SHA256 key for link tokens, named by the key id that tokens carry.</summary>
public sealed record LinkSigningKey
{
    public const int MinSecretBytes = 32;
    public const int MaxKeyIdLength = 16;

    private static readonly SearchValues<char> KeyIdChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    /// <exception cref="ArgumentException">The key id is not 1–16 of <c>[a-z0-9-]</c>, or the secret is shorter than 32 bytes.</exception>
    public LinkSigningKey(string keyId, byte[] secret)
    {
        if (!IsValidKeyId(keyId))
            throw new ArgumentException($"A key id is 1 to {MaxKeyIdLength} of a-z, 0-9 and '-'.", nameof(keyId));
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < MinSecretBytes)
            throw new ArgumentException($"A signing key needs at least {MinSecretBytes} bytes.", nameof(secret));
        KeyId = keyId;
        // A copy, so a caller reusing its buffer cannot change a key in use.
        Secret = secret.ToArray();
    }

    public string KeyId { get; }

    public byte[] Secret { get; }

    public static bool IsValidKeyId(string? keyId) =>
        keyId is { Length: > 0 and <= MaxKeyIdLength } && !keyId.AsSpan().ContainsAnyExcept(KeyIdChars);

    // The generated ToString would be harmless ("System.Byte[]"), but saying so outright keeps secrets out of logs by design.
    public override string ToString() => $"LinkSigningKey {{ KeyId = {KeyId} }}";
}
