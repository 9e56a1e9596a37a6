using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PlComms.Delivery;

namespace PlComms.IntegrationTests.Hostile;

/// <summary>A token made from a real one, the way it was made, and the routes it is presented to.</summary>
/// <param name="OnSurveyRoutes">Presented to the survey page's routes.</param>
/// <param name="OnUnsubscribeRoutes">Presented to the unsubscribe routes.</param>
public sealed record MutatedToken(string Kind, string Token, bool OnSurveyRoutes = true, bool OnUnsubscribeRoutes = true);

/// <summary>
/// Forged link tokens, made deterministically (a seeded <see cref="Random"/>) from real tokens the app issued: bit flips,
/// truncation, extension, another key id, re-encodings, parts swapped between tokens, payloads edited under the old MAC
/// (another delivery, purpose, stream or expiry), tokens signed with a key that is not the app's, tokens the app's own
/// key signed but that expired, real tokens on the other purpose's routes, and base64 garbage. None may be accepted.
/// </summary>
public sealed class TokenMutations(IReadOnlyList<string> surveyTokens, IReadOnlyList<string> unsubscribeTokens, LinkTokens appTokens, DateTimeOffset now, int seed)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private readonly Random _random = new(seed);
    private readonly IReadOnlyList<string> _all = [.. surveyTokens, .. unsubscribeTokens];
    private readonly LinkTokens _foreign = new(LinkSigningKeys.Parse("test1:" + Convert.ToBase64String(SHA256.HashData(BitConverter.GetBytes(seed))), "test1"));

    /// <summary>The kinds, each a way a forger (or a damaged link) changes a token.</summary>
    public static readonly string[] Kinds =
    [
        "bit-flip-mac", "bit-flip-payload", "bit-flip-text", "truncated", "extended", "wrong-key-id", "re-encoded",
        "swapped-parts", "other-delivery", "payload-purpose", "payload-stream", "payload-expiry", "foreign-key",
        "expired", "wrong-purpose", "base64-garbage", "not-a-token",
    ];

    /// <summary><paramref name="count"/> tokens, spread evenly over <see cref="Kinds"/>; the same seed gives the same tokens.</summary>
    public IReadOnlyList<MutatedToken> Make(int count)
    {
        var made = new List<MutatedToken>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = Kinds[i % Kinds.Length];
            var token = Make(kind);
            // A mutation that gave back a real token (a flip undone by chance) is made again; "wrong-purpose" tokens are
            // real by design, and go only to the routes of the other purpose.
            while (kind != "wrong-purpose" && _all.Contains(token.Token)) token = Make(kind);
            made.Add(token);
        }
        return made;
    }

    private MutatedToken Make(string kind)
    {
        var real = Pick(_all);
        var parts = real.Split('.');
        var survey = surveyTokens.Contains(real);
        return kind switch
        {
            "bit-flip-mac" => new(kind, Join(parts[0], parts[1], parts[2], FlipBit(parts[3]))),
            "bit-flip-payload" => new(kind, Join(parts[0], parts[1], FlipBit(parts[2]), parts[3])),
            "bit-flip-text" => new(kind, FlipTextBit(real)),
            "truncated" => new(kind, real[.._random.Next(1, real.Length)]),
            "extended" => _random.Next(3) switch
            {
                0 => new(kind, real + RandomText(_random.Next(1, 24))),
                1 => new(kind, Join(parts[0], parts[1], parts[2] + RandomText(_random.Next(1, 8)), parts[3])),
                _ => new(kind, real + "." + RandomText(_random.Next(1, 40))),
            },
            "wrong-key-id" => new(kind, Join(parts[0], Pick(["test2", "test", "TEST1", "test10", "k1", "test1-old", "a", RandomKeyId()]), parts[2], parts[3])),
            "re-encoded" => new(kind, _random.Next(4) switch
            {
                // Standard base64 with padding: the same bytes, not the canonical text the MAC is compared as.
                0 => Join(parts[0], parts[1], parts[2], Convert.ToBase64String(Base64Url.DecodeFromChars(parts[3]))),
                1 => Join(parts[0], parts[1], parts[2], parts[3] + "="),
                2 => Join(parts[0], parts[1], parts[2], FlipCase(parts[3])),
                _ => Join(Pick(["2", "01", "0", "v1"]), parts[1], parts[2], parts[3]),
            }),
            "swapped-parts" => SwappedParts(parts),
            "other-delivery" => new(kind, Join(parts[0], parts[1], EditPayload(parts[2], p => EditDeliveryId(p)), parts[3])),
            "payload-purpose" => new(kind, Join(parts[0], parts[1], EditPayload(parts[2], p => p[0] = (byte)(p[0] == 1 ? 2 : 1)), parts[3])),
            "payload-stream" => new(kind, Join(parts[0], parts[1], EditPayload(parts[2], p => p[1] = (byte)(p[1] == 1 ? 2 : 1)), parts[3])),
            "payload-expiry" => new(kind, Join(parts[0], parts[1], EditPayload(parts[2], p =>
                BinaryPrimitives.WriteInt64BigEndian(p.AsSpan(2), BinaryPrimitives.ReadInt64BigEndian(p.AsSpan(2)) + _random.Next(1, 400) * 86_400L)), parts[3])),
            "foreign-key" => new(kind, _foreign.Issue(Claims(real) with { ExpiresAt = now.AddDays(_random.Next(1, 365)) })),
            // Signed by the app's own key, for the right purpose, and no longer valid.
            "expired" => new(kind, appTokens.Issue(Claims(real) with { ExpiresAt = now.AddSeconds(-_random.Next(1, 400 * 86_400)) })),
            // A real token the app issued, presented where its purpose does not apply.
            "wrong-purpose" => new(kind, real, OnSurveyRoutes: !survey, OnUnsubscribeRoutes: survey),
            "base64-garbage" => new(kind, Join("1", parts[1], RandomText(_random.Next(0, 120)), RandomText(_random.Next(0, 60)))),
            "not-a-token" => new(kind, Pick(NotTokens())),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private MutatedToken SwappedParts(string[] parts)
    {
        var other = Pick(_all.Where(t => t.Split('.')[2] != parts[2]).ToList()).Split('.');
        return _random.Next(2) == 0
            ? new("swapped-parts", Join(parts[0], parts[1], other[2], parts[3]))
            : new("swapped-parts", Join(parts[0], parts[1], parts[2], other[3]));
    }

    private string[] NotTokens() =>
    [
        "", ".", "...", "1...", "1.test1..", "1.test1.AA.AA", "null", "undefined", "%00", "../../../etc/passwd", "<script>alert(1)</script>",
        "' OR '1'='1", "1.test1.\u00e9\u00e9.\u00e9", "１.test1.AA.AA", new string('A', 513), new string('.', 600), "1.test1." + new string('A', 510),
        "\t1.test1.AA.AA", "1 .test1.AA.AA", RandomText(_random.Next(1, 300)), Convert.ToBase64String(RandomBytes(_random.Next(1, 200))),
    ];

    private LinkClaims Claims(string token)
    {
        var purpose = surveyTokens.Contains(token) ? LinkPurpose.Survey : LinkPurpose.Unsubscribe;
        var verified = appTokens.Verify(token, purpose, now);
        return verified.Claims ?? throw new InvalidOperationException($"A real token did not verify ({verified.Status}).");
    }

    private string EditPayload(string encoded, Action<byte[]> edit)
    {
        var payload = Base64Url.DecodeFromChars(encoded);
        edit(payload);
        return Base64Url.EncodeToString(payload);
    }

    /// <summary>Another delivery: one character of the delivery id changed, as someone guessing at a neighbour's link would.</summary>
    private void EditDeliveryId(byte[] payload)
    {
        var index = 11 + _random.Next(payload.Length - 11);
        var was = payload[index];
        do payload[index] = (byte)Alphabet[_random.Next(62)]; while (payload[index] == was);
    }

    private string FlipBit(string encoded)
    {
        var bytes = Base64Url.DecodeFromChars(encoded);
        bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>One bit of one character of the token's text, whatever it becomes (often not base64url, or not ASCII).</summary>
    private string FlipTextBit(string token)
    {
        var chars = token.ToCharArray();
        var index = _random.Next(chars.Length);
        chars[index] = (char)(chars[index] ^ (1 << _random.Next(7)));
        return new string(chars);
    }

    private string FlipCase(string text)
    {
        var letters = Enumerable.Range(0, text.Length).Where(i => char.IsAsciiLetter(text[i])).ToList();
        var chars = text.ToCharArray();
        var index = letters[_random.Next(letters.Count)];
        chars[index] = char.IsAsciiLetterUpper(chars[index]) ? char.ToLowerInvariant(chars[index]) : char.ToUpperInvariant(chars[index]);
        return new string(chars);
    }

    private string RandomText(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++) text.Append(Alphabet[_random.Next(Alphabet.Length)]);
        return text.ToString();
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string RandomKeyId() => new([.. Enumerable.Range(0, _random.Next(1, 10)).Select(_ => "abcdefghijklmnopqrstuvwxyz0123456789-"[_random.Next(37)])]);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static string Join(params string[] parts) => string.Join('.', parts);
}
