using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PlComms.Delivery;

/// <summary>
/// Issues and checks the opaque tokens in survey and unsubscribe links.
/// <para>
/// Format: <c>1.{kid}.{base64url(payload)}.{base64url(HMAC-SHA256(key, "1.{kid}.{base64url(payload)}"))}</c>, unpadded
/// base64url, so the token needs no escaping in a URL path or query. The MAC covers the version and key id as well
/// as the payload. Payload v1, big-endian: purpose (1 byte: 1 unsubscribe, 2 survey), stream (1 byte: 1 surveys,
/// 2 announcements), expiry in Unix seconds (8 bytes), delivery id length (1 byte) and its ASCII bytes. No personal
/// data: the delivery id is opaque.
/// </para>
/// </summary>
public sealed class LinkTokens(LinkSigningKeys keys)
{
    /// <summary>Longer input is refused before any work; the longest token issued is about 300 characters.</summary>
    public const int MaxTokenLength = 512;

    private const string Version = "1";
    private const int MacBytes = 32;
    private const int FixedPayloadBytes = 1 + 1 + 8 + 1;

    private readonly LinkSigningKeys _keys = keys ?? throw new ArgumentNullException(nameof(keys));

    /// <summary>Signs <paramref name="claims"/> with the active key.</summary>
    /// <exception cref="ArgumentException">The delivery id is not opaque ASCII, or an enum value is undefined.</exception>
    public string Issue(LinkClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (!LinkClaims.IsValidDeliveryId(claims.DeliveryId))
            throw new ArgumentException($"A delivery id is 1 to {LinkClaims.MaxDeliveryIdLength} of A-Z, a-z, 0-9, '.', '_' and '-'.", nameof(claims));

        var payload = new byte[FixedPayloadBytes + claims.DeliveryId.Length];
        payload[0] = PurposeCode(claims.Purpose);
        payload[1] = StreamCode(claims.Stream);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(2), claims.ExpiresAt.ToUnixTimeSeconds());
        payload[10] = (byte)claims.DeliveryId.Length;
        Encoding.ASCII.GetBytes(claims.DeliveryId, payload.AsSpan(FixedPayloadBytes));

        var key = _keys.Active;
        var signed = $"{Version}.{key.KeyId}.{Base64Url.EncodeToString(payload)}";
        return $"{signed}.{Base64Url.EncodeToString(Mac(key, signed))}";
    }

    /// <summary>
    /// Checks a token presented for <paramref name="expectedPurpose"/>. Hostile input gets a status, never an exception.
    /// Order: shape, key id, signature, then (only for tokens we signed) purpose and expiry.
    /// </summary>
    public LinkVerification Verify(string? token, LinkPurpose expectedPurpose, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || !Ascii.IsValid(token))
            return LinkVerification.Failed(LinkVerificationStatus.Malformed);

        var parts = token.Split('.');
        if (parts.Length != 4 || parts[0] != Version || !LinkSigningKey.IsValidKeyId(parts[1]) || parts[2].Length == 0)
            return LinkVerification.Failed(LinkVerificationStatus.Malformed);

        var key = _keys.Find(parts[1]);
        if (key is null)
            return LinkVerification.Failed(LinkVerificationStatus.UnknownKey);

        // Comparing the canonical encodings, not decoded bytes: a MAC whose last character differs only in the unused
        // low bits would decode to the same bytes, and must not pass as the same token.
        var expected = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Mac(key, token[..(token.Length - parts[3].Length - 1)])));
        var presented = Encoding.ASCII.GetBytes(parts[3]);
        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
            return LinkVerification.Failed(LinkVerificationStatus.BadSignature);

        if (!TryReadPayload(parts[2], out var claims))
            return LinkVerification.Failed(LinkVerificationStatus.Malformed);
        if (claims.Purpose != expectedPurpose)
            return LinkVerification.Failed(LinkVerificationStatus.WrongPurpose);
        if (now >= claims.ExpiresAt)
            return LinkVerification.Failed(LinkVerificationStatus.Expired);
        return new LinkVerification(LinkVerificationStatus.Valid, claims);
    }

    private static byte[] Mac(LinkSigningKey key, string signed) => HMACSHA256.HashData(key.Secret, Encoding.ASCII.GetBytes(signed));

    private static bool TryReadPayload(string encoded, out LinkClaims claims)
    {
        claims = null!;
        // Signed by us, so this should not fail; it is still checked, as a key could have signed an older layout.
        Span<byte> payload = stackalloc byte[MaxTokenLength];
        if (!Base64Url.TryDecodeFromChars(encoded, payload, out var length) || length < FixedPayloadBytes)
            return false;
        payload = payload[..length];

        var idLength = payload[10];
        if (length != FixedPayloadBytes + idLength
            || !TryPurpose(payload[0], out var purpose)
            || !TryStream(payload[1], out var stream))
            return false;
        var seconds = BinaryPrimitives.ReadInt64BigEndian(payload[2..]);
        if (seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return false;
        var deliveryId = Encoding.ASCII.GetString(payload[FixedPayloadBytes..]);
        if (!LinkClaims.IsValidDeliveryId(deliveryId))
            return false;

        claims = new LinkClaims(purpose, deliveryId, stream, DateTimeOffset.FromUnixTimeSeconds(seconds));
        return true;
    }

    // Explicit codes, so reordering or adding enum members never changes what tokens already sent mean.
    private static byte PurposeCode(LinkPurpose purpose) => purpose switch
    {
        LinkPurpose.Unsubscribe => 1,
        LinkPurpose.Survey => 2,
        _ => throw new ArgumentException($"Unknown link purpose {purpose}.", nameof(purpose)),
    };

    private static bool TryPurpose(byte code, out LinkPurpose purpose)
    {
        purpose = code == 2 ? LinkPurpose.Survey : LinkPurpose.Unsubscribe;
        return code is 1 or 2;
    }

    private static byte StreamCode(MessageStream stream) => stream switch
    {
        MessageStream.Surveys => 1,
        MessageStream.Announcements => 2,
        _ => throw new ArgumentException($"Unknown message stream {stream}.", nameof(stream)),
    };

    private static bool TryStream(byte code, out MessageStream stream)
    {
        stream = code == 2 ? MessageStream.Announcements : MessageStream.Surveys;
        return code is 1 or 2;
    }
}
