using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using PlComms.Delivery.SendGrid;
using SendGridRequestValidator = SendGrid.Helpers.EventWebhook.RequestValidator;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>
/// SendGrid's Signed Event Webhook, signed here as SendGrid signs it (docs: "Getting Started with the Event Webhook
/// Security Features"): ECDSA P-256 over SHA-256 of the timestamp header's text followed by the raw body, the signature
/// DER-encoded and base64, the public key base64 DER SubjectPublicKeyInfo.
/// </summary>
public sealed class WebhookSignatureTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 12, 0, 0, TimeSpan.Zero);

    // SendGrid posts a JSON array and ends the body with CRLF; the signature covers those bytes too.
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """[{"email":"parent@example.org","timestamp":1788264000,"event":"delivered","sg_event_id":"rWVYmVk90MjZJ9iohOBa3w==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0","response":"250 OK","delivery_id":"d-001"}]""" + "\r\n");

    private readonly ECDsa _sendGrid = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose()
    {
        _sendGrid.Dispose();
        _forger.Dispose();
    }

    private string PublicKey => Convert.ToBase64String(_sendGrid.ExportSubjectPublicKeyInfo());

    private WebhookSignature Checker(TimeSpan? maxSkew = null) => new(PublicKey, _time, maxSkew);

    private static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Sign(ECDsa key, string timestamp, byte[] body) =>
        Convert.ToBase64String(key.SignData([.. Encoding.UTF8.GetBytes(timestamp), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    [Fact]
    public void The_sendgrid_packages_own_validator_accepts_a_signature_made_the_way_these_tests_sign()
    {
        // Proves the test signer matches what the package (and so SendGrid) expects; every other test rests on it.
        var timestamp = Timestamp(Now);
        var validator = new SendGridRequestValidator();

        var key = validator.ConvertPublicKeyToECDSA(PublicKey);

        Assert.True(validator.VerifySignature(key, Encoding.UTF8.GetString(Body), Sign(_sendGrid, timestamp, Body), timestamp));
        Assert.False(validator.VerifySignature(key, Encoding.UTF8.GetString(Body), Sign(_forger, timestamp, Body), timestamp));
    }

    [Fact]
    public void A_request_signed_by_sendgrids_key_is_valid()
    {
        var timestamp = Timestamp(Now);

        Assert.Equal(WebhookSignatureStatus.Valid, Checker().Verify(Sign(_sendGrid, timestamp, Body), timestamp, Body));
    }

    [Fact]
    public void The_headers_are_read_from_the_request_by_their_sendgrid_names_in_any_case()
    {
        var timestamp = Timestamp(Now);
        var headers = new HeaderDictionary
        {
            ["x-twilio-email-event-webhook-signature"] = Sign(_sendGrid, timestamp, Body),
            ["X-TWILIO-EMAIL-EVENT-WEBHOOK-TIMESTAMP"] = timestamp,
        };

        Assert.Equal("X-Twilio-Email-Event-Webhook-Signature", WebhookSignature.SignatureHeader);
        Assert.Equal("X-Twilio-Email-Event-Webhook-Timestamp", WebhookSignature.TimestampHeader);
        Assert.Equal(WebhookSignatureStatus.Valid, Checker().Verify(headers, Body));
    }

    [Fact]
    public void A_signature_from_another_key_is_a_bad_signature()
    {
        var timestamp = Timestamp(Now);

        Assert.Equal(WebhookSignatureStatus.BadSignature, Checker().Verify(Sign(_forger, timestamp, Body), timestamp, Body));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(-3)]  // inside the trailing CRLF
    [InlineData(-1)]
    public void Changing_one_byte_of_the_body_is_a_bad_signature(int position)
    {
        var timestamp = Timestamp(Now);
        var signature = Sign(_sendGrid, timestamp, Body);
        var changed = Body.ToArray();
        var index = position >= 0 ? position : changed.Length + position;
        changed[index] = (byte)(changed[index] == (byte)'a' ? 'b' : 'a');

        Assert.Equal(WebhookSignatureStatus.BadSignature, Checker().Verify(signature, timestamp, changed));
    }

    [Fact]
    public void Adding_or_dropping_bytes_at_the_end_of_the_body_is_a_bad_signature()
    {
        var timestamp = Timestamp(Now);
        var signature = Sign(_sendGrid, timestamp, Body);

        Assert.Equal(WebhookSignatureStatus.BadSignature, Checker().Verify(signature, timestamp, [.. Body, (byte)' ']));
        Assert.Equal(WebhookSignatureStatus.BadSignature, Checker().Verify(signature, timestamp, Body[..^2]));
    }

    [Fact]
    public void A_different_timestamp_with_the_same_signature_is_a_bad_signature()
    {
        var signature = Sign(_sendGrid, Timestamp(Now), Body);

        Assert.Equal(WebhookSignatureStatus.BadSignature, Checker().Verify(signature, Timestamp(Now.AddSeconds(1)), Body));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void A_missing_header_is_reported_as_missing(bool withSignature, bool withTimestamp)
    {
        var timestamp = Timestamp(Now);
        var headers = new HeaderDictionary();
        if (withSignature) headers[WebhookSignature.SignatureHeader] = Sign(_sendGrid, timestamp, Body);
        if (withTimestamp) headers[WebhookSignature.TimestampHeader] = timestamp;

        Assert.Equal(WebhookSignatureStatus.MissingHeaders, Checker().Verify(headers, Body));
    }

    [Fact]
    public void Empty_or_repeated_headers_count_as_missing()
    {
        var timestamp = Timestamp(Now);
        var signature = Sign(_sendGrid, timestamp, Body);

        Assert.Equal(WebhookSignatureStatus.MissingHeaders, Checker().Verify("", timestamp, Body));
        Assert.Equal(WebhookSignatureStatus.MissingHeaders, Checker().Verify(signature, "", Body));
        var repeated = new HeaderDictionary
        {
            [WebhookSignature.SignatureHeader] = new(new[] { signature, signature }),
            [WebhookSignature.TimestampHeader] = timestamp,
        };
        Assert.Equal(WebhookSignatureStatus.MissingHeaders, Checker().Verify(repeated, Body));
    }

    [Theory]
    [InlineData(-11 * 60)]
    [InlineData(11 * 60)]
    [InlineData(-10 * 60 - 1)]
    [InlineData(-100 * 24 * 3600)]
    public void A_correctly_signed_timestamp_more_than_ten_minutes_from_now_either_way_is_stale(int offsetSeconds)
    {
        var timestamp = Timestamp(Now.AddSeconds(offsetSeconds));

        Assert.Equal(WebhookSignatureStatus.Stale, Checker().Verify(Sign(_sendGrid, timestamp, Body), timestamp, Body));
    }

    [Theory]
    [InlineData(-10 * 60)]
    [InlineData(-9 * 60)]
    [InlineData(9 * 60)]
    [InlineData(10 * 60)]
    public void A_timestamp_within_ten_minutes_either_way_is_accepted(int offsetSeconds)
    {
        var timestamp = Timestamp(Now.AddSeconds(offsetSeconds));

        Assert.Equal(WebhookSignatureStatus.Valid, Checker().Verify(Sign(_sendGrid, timestamp, Body), timestamp, Body));
    }

    [Fact]
    public void The_allowed_skew_is_configurable_and_follows_the_injected_clock()
    {
        var timestamp = Timestamp(Now);
        var signature = Sign(_sendGrid, timestamp, Body);
        var strict = Checker(TimeSpan.FromMinutes(1));

        Assert.Equal(WebhookSignatureStatus.Valid, strict.Verify(signature, timestamp, Body));
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(WebhookSignatureStatus.Stale, strict.Verify(signature, timestamp, Body));
        Assert.Equal(WebhookSignatureStatus.Valid, Checker().Verify(signature, timestamp, Body));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1788264000")]
    [InlineData("+1788264000")]
    [InlineData(" 1788264000")]
    [InlineData("1788264000.0")]
    [InlineData("1788264000000000")]
    [InlineData("999999999999")]  // past the year 9999
    [InlineData("１７８８２６４０００")]
    public void A_timestamp_that_is_not_unix_seconds_is_bad(string timestamp)
    {
        Assert.Equal(WebhookSignatureStatus.BadTimestamp, Checker().Verify(Sign(_sendGrid, timestamp, Body), timestamp, Body));
    }

    public static TheoryData<string> GarbageSignatures() => new()
    {
        "not base64 at all!",
        "====",
        "MAA=",                                           // an empty DER sequence
        Convert.ToBase64String(new byte[70]),             // zeros, not DER
        Convert.ToBase64String([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00]),  // r = s = 0
        Convert.ToBase64String([0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF]),              // a length far past the end
        Convert.ToBase64String([0x30, 0x03, 0x02, 0x81]),                          // truncated integer
        new string('A', 10_000),
        "ñ",
    };

    [Theory]
    [MemberData(nameof(GarbageSignatures))]
    public void A_garbage_signature_is_a_bad_signature_and_never_throws(string signature)
    {
        Assert.Equal(WebhookSignatureStatus.BadSignature, Checker().Verify(signature, Timestamp(Now), Body));
    }

    [Fact]
    public void A_signature_in_the_raw_r_s_format_instead_of_der_is_a_bad_signature()
    {
        var timestamp = Timestamp(Now);
        var raw = _sendGrid.SignData([.. Encoding.UTF8.GetBytes(timestamp), .. Body], HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        Assert.Equal(WebhookSignatureStatus.BadSignature, Checker().Verify(Convert.ToBase64String(raw), timestamp, Body));
    }

    [Fact]
    public void A_body_that_is_not_utf8_is_a_bad_signature_even_when_the_bytes_were_signed()
    {
        // Decoding leniently would give two different invalid bodies the same text, and so the same signature.
        var timestamp = Timestamp(Now);
        byte[] body = [.. Body[..^2], 0xFF, 0xFE];

        Assert.Equal(WebhookSignatureStatus.BadSignature, Checker().Verify(Sign(_sendGrid, timestamp, body), timestamp, body));
    }

    public static TheoryData<string?> UnusableKeys() => new()
    {
        null,
        "",
        "   ",
        "not a key",
        "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/SendGrid-WebhookPublicKey/)",
        Convert.ToBase64String(new byte[91]),
        RsaPublicKey(),
        new string('A', 100_000),
    };

    private static string RsaPublicKey()
    {
        using var rsa = RSA.Create(2048);
        return Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
    }

    [Theory]
    [MemberData(nameof(UnusableKeys))]
    public void Without_a_usable_key_nothing_is_accepted_and_the_problem_is_named_without_quoting_the_key(string? publicKey)
    {
        var checker = new WebhookSignature(publicKey, _time);
        var timestamp = Timestamp(Now);

        Assert.False(checker.IsConfigured);
        Assert.NotNull(checker.KeyProblem);
        if (publicKey?.Trim() is { Length: >= 12 } quoted) Assert.DoesNotContain(quoted[..12], checker.KeyProblem);
        Assert.Equal(WebhookSignatureStatus.NotConfigured, checker.Verify(Sign(_sendGrid, timestamp, Body), timestamp, Body));
    }

    [Fact]
    public void The_key_may_also_be_given_as_pem()
    {
        var pem = _sendGrid.ExportSubjectPublicKeyInfoPem();
        var checker = new WebhookSignature(pem, _time);
        var timestamp = Timestamp(Now);

        Assert.True(checker.IsConfigured);
        Assert.Null(checker.KeyProblem);
        Assert.Equal(WebhookSignatureStatus.Valid, checker.Verify(Sign(_sendGrid, timestamp, Body), timestamp, Body));
    }

    [Fact]
    public void A_non_positive_skew_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WebhookSignature(PublicKey, _time, TimeSpan.Zero));
    }
}
