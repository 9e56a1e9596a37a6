using System.Globalization;
using System.Text;
using EllipticCurve;
using Microsoft.Extensions.Primitives;
using SendGridRequestValidator = global::SendGrid.Helpers.EventWebhook.RequestValidator;

namespace PlComms.Delivery.SendGrid;

public enum WebhookSignatureStatus
{
    Valid,

    /// <summary>The signature or timestamp header is absent, empty or repeated.</summary>
    MissingHeaders,

    /// <summary>The timestamp header is not Unix seconds.</summary>
    BadTimestamp,

    /// <summary>The timestamp is further from now than the allowed skew, either way: a replay, or a clock far off.</summary>
    Stale,

    BadSignature,

    /// <summary>No usable verification key is configured, so nothing can be accepted.</summary>
    NotConfigured,
}

/// <summary>
/// Checks SendGrid's Signed Event Webhook: an ECDSA P-256 / SHA-256 signature, DER-encoded and base64, over the
/// timestamp header's text followed by the raw body. Verification itself is the SendGrid package's
/// <see cref="SendGridRequestValidator"/>; this adds the timestamp bound, input bounds, and statuses instead of exceptions.
/// </summary>
public sealed class WebhookSignature
{
    public const string SignatureHeader = SendGridRequestValidator.SIGNATURE_HEADER;
    public const string TimestampHeader = SendGridRequestValidator.TIMESTAMP_HEADER;

    public static readonly TimeSpan DefaultMaxSkew = TimeSpan.FromMinutes(10);

    // A DER P-256 signature is at most 72 bytes, 96 in base64; anything much longer is not worth parsing.
    private const int MaxSignatureLength = 256;
    private const int MaxTimestampLength = 12;
    private const int MaxPublicKeyLength = 4_096;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SendGridRequestValidator _validator = new();
    private readonly PublicKey? _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxSkew;

    /// <param name="publicKey">The verification key as SendGrid shows it: base64 DER SubjectPublicKeyInfo (PEM also works).
    /// Missing or unusable, every request is <see cref="WebhookSignatureStatus.NotConfigured"/>; <see cref="KeyProblem"/> says why.</param>
    /// <param name="maxSkew">How far the timestamp may be from now, either way; <see cref="DefaultMaxSkew"/> when null.</param>
    public WebhookSignature(string? publicKey, TimeProvider time, TimeSpan? maxSkew = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (maxSkew <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(maxSkew), "The allowed skew must be positive.");
        _time = time;
        _maxSkew = maxSkew ?? DefaultMaxSkew;
        (_key, KeyProblem) = ParseKey(publicKey);
    }

    public bool IsConfigured => _key is not null;

    /// <summary>Why the configured key is not usable, for a start-up check or log line; null when it is. Never quotes the key.</summary>
    public string? KeyProblem { get; }

    public WebhookSignatureStatus Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(Single(headers[SignatureHeader]), Single(headers[TimestampHeader]), body);
    }

    /// <summary>Checks one request: <paramref name="body"/> exactly as received, before any parsing.</summary>
    public WebhookSignatureStatus Verify(string? signature, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (_key is null) return WebhookSignatureStatus.NotConfigured;
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp)) return WebhookSignatureStatus.MissingHeaders;

        // The cheap checks come first, so junk costs no elliptic-curve arithmetic.
        if (timestamp.Length > MaxTimestampLength
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return WebhookSignatureStatus.BadTimestamp;
        var skew = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (skew.Duration() > _maxSkew) return WebhookSignatureStatus.Stale;

        if (signature.Length > MaxSignatureLength) return WebhookSignatureStatus.BadSignature;
        // The validator hashes the UTF-8 of a string, which equals the raw bytes only for valid UTF-8. Lenient
        // decoding would map different invalid bodies to the same text, and so to the same signature.
        string payload;
        try
        {
            payload = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return WebhookSignatureStatus.BadSignature;
        }

        try
        {
            return _validator.VerifySignature(_key, payload, signature, timestamp)
                ? WebhookSignatureStatus.Valid
                : WebhookSignatureStatus.BadSignature;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The package decodes base64 and DER from the header with no documented exception types; any failure is a bad signature.
            return WebhookSignatureStatus.BadSignature;
        }
    }

    private static (PublicKey? Key, string? Problem) ParseKey(string? publicKey)
    {
        var text = publicKey?.Trim() ?? "";
        if (text.Length == 0)
            return (null, "No SendGrid webhook verification key is configured.");
        if (text.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
            return (null, "The SendGrid webhook verification key is an unresolved Key Vault reference.");
        if (text.Length > MaxPublicKeyLength)
            return (null, "The SendGrid webhook verification key is too long to be an ECDSA public key.");
        try
        {
            return (new SendGridRequestValidator().ConvertPublicKeyToECDSA(text), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, "The SendGrid webhook verification key is not a base64 ECDSA public key (SubjectPublicKeyInfo).");
        }
    }

    private static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;
}
