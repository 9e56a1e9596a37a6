using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PlComms.Delivery;

namespace PlComms.UnitTests.Delivery;

public class LinkTokensTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Secret1 = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Secret2 = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();

    private static readonly LinkClaims Survey = new(LinkPurpose.Survey, "d-2026.09_abc-123", MessageStream.Surveys, Now.AddDays(30));

    private static LinkTokens Tokens(string active, params (string Kid, byte[] Secret)[] keys) =>
        new(new LinkSigningKeys(keys.Select(k => new LinkSigningKey(k.Kid, k.Secret)), active));

    private static readonly LinkTokens K1 = Tokens("k1", ("k1", Secret1));

    [Fact]
    public void An_issued_token_verifies_with_the_same_claims()
    {
        var verification = K1.Verify(K1.Issue(Survey), LinkPurpose.Survey, Now);

        Assert.Equal(LinkVerificationStatus.Valid, verification.Status);
        Assert.True(verification.IsValid);
        Assert.Equal(Survey, verification.Claims);
    }

    [Fact]
    public void An_unsubscribe_token_for_announcements_round_trips_too()
    {
        var claims = new LinkClaims(LinkPurpose.Unsubscribe, "x", MessageStream.Announcements, Now.AddYears(1));

        Assert.Equal(claims, K1.Verify(K1.Issue(claims), LinkPurpose.Unsubscribe, Now).Claims);
    }

    [Fact]
    public void The_token_is_url_safe_names_its_key_and_stays_well_under_the_length_bound_with_the_longest_delivery_id()
    {
        var longest = Survey with { DeliveryId = new string('a', LinkClaims.MaxDeliveryIdLength) };
        var token = K1.Issue(longest);

        Assert.Matches("^1\\.k1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$", token);
        Assert.InRange(token.Length, 200, 300);
        Assert.Equal(longest, K1.Verify(token, LinkPurpose.Survey, Now).Claims);
    }

    [Fact]
    public void Expiry_is_carried_in_whole_seconds()
    {
        var claims = Survey with { ExpiresAt = Now.AddDays(1).AddMilliseconds(999) };

        Assert.Equal(Now.AddDays(1), K1.Verify(K1.Issue(claims), LinkPurpose.Survey, Now).Claims!.ExpiresAt);
    }

    [Fact]
    public void Changing_any_single_character_of_any_part_to_any_other_token_character_is_rejected()
    {
        var token = K1.Issue(Survey);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        var tried = 0;
        for (var i = 0; i < token.Length; i++)
        {
            foreach (var c in alphabet.Where(c => c != token[i]))
            {
                var tampered = string.Concat(token.AsSpan(0, i), c.ToString(), token.AsSpan(i + 1));
                var status = K1.Verify(tampered, LinkPurpose.Survey, Now).Status;
                Assert.True(status != LinkVerificationStatus.Valid, $"Changing position {i} to '{c}' was accepted.");
                tried++;
            }
        }
        Assert.Equal(token.Length * (alphabet.Length - 1), tried);
    }

    [Fact]
    public void Changing_the_mac_or_payload_is_a_bad_signature_and_changing_the_version_or_key_id_is_not_accepted_either()
    {
        var token = K1.Issue(Survey);
        var parts = token.Split('.');
        string With(int part, string value) => string.Join('.', parts.Select((p, i) => i == part ? value : p));
        static string Flip(string s) => (s[0] == 'A' ? "B" : "A") + s[1..];

        Assert.Equal(LinkVerificationStatus.BadSignature, K1.Verify(With(3, Flip(parts[3])), LinkPurpose.Survey, Now).Status);
        Assert.Equal(LinkVerificationStatus.BadSignature, K1.Verify(With(2, Flip(parts[2])), LinkPurpose.Survey, Now).Status);
        Assert.Equal(LinkVerificationStatus.Malformed, K1.Verify(With(0, "2"), LinkPurpose.Survey, Now).Status);
        Assert.Equal(LinkVerificationStatus.Malformed, K1.Verify(With(1, "K1"), LinkPurpose.Survey, Now).Status);
    }

    [Fact]
    public void Every_truncation_is_rejected()
    {
        var token = K1.Issue(Survey);
        for (var length = 0; length < token.Length; length++)
            Assert.NotEqual(LinkVerificationStatus.Valid, K1.Verify(token[..length], LinkPurpose.Survey, Now).Status);
    }

    [Fact]
    public void A_token_relabelled_with_another_configured_key_id_is_a_bad_signature()
    {
        var both = Tokens("k1", ("k1", Secret1), ("k2", Secret2));
        var relabelled = "1.k2." + both.Issue(Survey)["1.k1.".Length..];

        Assert.Equal(LinkVerificationStatus.BadSignature, both.Verify(relabelled, LinkPurpose.Survey, Now).Status);
    }

    [Fact]
    public void A_token_naming_a_key_id_that_is_not_configured_is_an_unknown_key()
    {
        var other = Tokens("k9", ("k9", Secret1));

        Assert.Equal(LinkVerificationStatus.UnknownKey, K1.Verify(other.Issue(Survey), LinkPurpose.Survey, Now).Status);
    }

    [Fact]
    public void A_token_signed_with_a_different_secret_under_the_same_key_id_is_a_bad_signature()
    {
        var impostor = Tokens("k1", ("k1", Secret2));

        Assert.Equal(LinkVerificationStatus.BadSignature, K1.Verify(impostor.Issue(Survey), LinkPurpose.Survey, Now).Status);
    }

    [Fact]
    public void A_token_is_valid_until_its_expiry_second_and_expired_from_it()
    {
        var token = K1.Issue(Survey);

        Assert.Equal(LinkVerificationStatus.Valid, K1.Verify(token, LinkPurpose.Survey, Survey.ExpiresAt.AddSeconds(-1)).Status);
        var expired = K1.Verify(token, LinkPurpose.Survey, Survey.ExpiresAt);
        Assert.Equal(LinkVerificationStatus.Expired, expired.Status);
        Assert.Null(expired.Claims);
        Assert.False(expired.IsValid);
    }

    [Fact]
    public void A_survey_token_is_refused_for_unsubscribing_and_the_reverse()
    {
        var unsubscribe = Survey with { Purpose = LinkPurpose.Unsubscribe };

        Assert.Equal(LinkVerificationStatus.WrongPurpose, K1.Verify(K1.Issue(Survey), LinkPurpose.Unsubscribe, Now).Status);
        Assert.Equal(LinkVerificationStatus.WrongPurpose, K1.Verify(K1.Issue(unsubscribe), LinkPurpose.Survey, Now).Status);
    }

    [Fact]
    public void Rotation_old_tokens_verify_while_their_key_is_listed_new_tokens_use_the_active_key_and_removal_ends_the_old_ones()
    {
        var before = Tokens("k1", ("k1", Secret1));
        var oldToken = before.Issue(Survey);

        var during = Tokens("k2", ("k1", Secret1), ("k2", Secret2));
        var newToken = during.Issue(Survey);
        Assert.StartsWith("1.k2.", newToken);
        Assert.Equal(LinkVerificationStatus.Valid, during.Verify(oldToken, LinkPurpose.Survey, Now).Status);
        Assert.Equal(LinkVerificationStatus.Valid, during.Verify(newToken, LinkPurpose.Survey, Now).Status);

        var after = Tokens("k2", ("k2", Secret2));
        Assert.Equal(LinkVerificationStatus.UnknownKey, after.Verify(oldToken, LinkPurpose.Survey, Now).Status);
        Assert.Equal(LinkVerificationStatus.Valid, after.Verify(newToken, LinkPurpose.Survey, Now).Status);
    }

    public static TheoryData<string?> Garbage() => new()
    {
        null,
        "",
        " ",
        ".",
        "...",
        "1.k1..",
        "1.k1.AAAA.",
        "1.k1.AAAA.AAAA.AAAA",
        "1.k1.é.AAAA",
        "1.k1.AAAA.AAAA\u0000",
        "1.k1.\uD83D\uDE00.AAAA",
        "\uFFFF\uFFFE",
        new string('A', LinkTokens.MaxTokenLength + 1),
        "1.k1." + new string('A', 1_000_000) + ".AAAA",
        string.Join('.', Enumerable.Repeat("1", 10_000)),
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_is_refused_without_throwing(string? token)
    {
        var verification = K1.Verify(token, LinkPurpose.Survey, Now);

        Assert.Contains(verification.Status, new[] { LinkVerificationStatus.Malformed, LinkVerificationStatus.BadSignature });
        Assert.Null(verification.Claims);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1.k1.AAAA")]
    [InlineData("1.k1..AAAA")]
    [InlineData("0.k1.AAAA.AAAA")]
    [InlineData("1.k_1.AAAA.AAAA")]
    [InlineData("1.k1.AAAA.AAAA.AAAA")]
    [InlineData("1.k1.é.AAAA")]
    public void Input_not_shaped_like_a_token_is_malformed(string? token)
    {
        Assert.Equal(LinkVerificationStatus.Malformed, K1.Verify(token, LinkPurpose.Survey, Now).Status);
    }

    [Fact]
    public void Input_over_the_length_bound_is_malformed_even_when_it_starts_with_a_valid_token()
    {
        var token = K1.Issue(Survey);

        Assert.Equal(LinkVerificationStatus.Malformed, K1.Verify(token + new string('A', LinkTokens.MaxTokenLength), LinkPurpose.Survey, Now).Status);
    }

    [Fact]
    public void A_valid_token_with_a_non_ascii_character_appended_is_malformed()
    {
        Assert.Equal(LinkVerificationStatus.Malformed, K1.Verify(K1.Issue(Survey) + "é", LinkPurpose.Survey, Now).Status);
    }

    [Theory]
    [InlineData(new byte[] { 9, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, (byte)'a' })]        // unknown purpose code
    [InlineData(new byte[] { 2, 7, 0, 0, 0, 0, 0, 0, 0, 1, 1, (byte)'a' })]        // unknown stream code
    [InlineData(new byte[] { 2, 1, 0, 0, 0, 0, 0, 0, 0, 1, 2, (byte)'a' })]        // id length past the end
    [InlineData(new byte[] { 2, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, (byte)'a', 0 })]     // trailing byte
    [InlineData(new byte[] { 2, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, (byte)' ' })]        // id outside [A-Za-z0-9._-]
    [InlineData(new byte[] { 2, 1, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1, (byte)'a' })] // expiry out of range
    [InlineData(new byte[] { 2, 1, 0 })]                                            // too short
    public void A_correctly_signed_token_whose_payload_cannot_be_read_is_malformed(byte[] payload)
    {
        // Signed with the real key, as only a key holder (or an older payload layout) could produce it.
        var signed = $"1.k1.{Base64Url.EncodeToString(payload)}";
        var mac = Base64Url.EncodeToString(HMACSHA256.HashData(Secret1, Encoding.ASCII.GetBytes(signed)));

        Assert.Equal(LinkVerificationStatus.Malformed, K1.Verify($"{signed}.{mac}", LinkPurpose.Survey, Now).Status);
    }

    [Fact]
    public void The_payload_layout_is_the_documented_one()
    {
        var payload = Base64Url.DecodeFromChars(K1.Issue(Survey).Split('.')[2]);

        Assert.Equal(2, payload[0]);  // survey
        Assert.Equal(1, payload[1]);  // surveys stream
        Assert.Equal(Survey.ExpiresAt.ToUnixTimeSeconds(), BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(2)));
        Assert.Equal(Survey.DeliveryId, Encoding.ASCII.GetString(payload.AsSpan(11, payload[10])));
        Assert.Equal(11 + Survey.DeliveryId.Length, payload.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("person@example.org")]
    [InlineData("niño")]
    [InlineData("a/b")]
    public void Issuing_refuses_a_delivery_id_that_is_not_opaque_ascii(string deliveryId)
    {
        Assert.Throws<ArgumentException>(() => K1.Issue(Survey with { DeliveryId = deliveryId }));
    }

    [Fact]
    public void Issuing_refuses_a_delivery_id_over_160_characters()
    {
        Assert.Throws<ArgumentException>(() => K1.Issue(Survey with { DeliveryId = new string('a', 161) }));
    }
}
