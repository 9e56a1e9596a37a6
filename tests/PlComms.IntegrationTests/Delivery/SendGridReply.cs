using System.Globalization;
using System.Text.Json.Nodes;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>One scripted answer of <see cref="FakeSendGrid"/>, shaped as SendGrid's v3 API answers.</summary>
public sealed record SendGridReply(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    /// <summary>When set, the reply carries <c>X-RateLimit-Reset</c> this far after the moment it is sent (whole unix seconds, as SendGrid's).</summary>
    public TimeSpan? RateLimitResetIn { get; init; }

    /// <summary>What mail send answers when it queued the mail: 202 and an empty body.</summary>
    public static SendGridReply Accepted() => new(202, "", new Dictionary<string, string> { ["X-Message-Id"] = "fake-" + Guid.NewGuid().ToString("N")[..16] });

    /// <summary>429 as SendGrid sends it, with <c>Retry-After</c> (seconds) and/or <c>X-RateLimit-Reset</c> (unix seconds).</summary>
    public static SendGridReply TooManyRequests(int? retryAfterSeconds = null, DateTimeOffset? rateLimitReset = null, string? retryAfterRaw = null)
    {
        var headers = new Dictionary<string, string> { ["X-RateLimit-Limit"] = "600", ["X-RateLimit-Remaining"] = "0" };
        if (retryAfterSeconds is { } seconds) headers["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture);
        if (retryAfterRaw is not null) headers["Retry-After"] = retryAfterRaw;
        if (rateLimitReset is { } reset) headers["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new(429, Errors(("too many requests", null)), headers);
    }

    public static SendGridReply ServerError(int status = 500) => new(status, Errors(("internal server error", null)));

    /// <summary>A refusal with SendGrid's error body: <c>{"errors":[{"message","field","help"}]}</c>.</summary>
    public static SendGridReply Refused(int status, string message, string? field = null) => new(status, Errors((message, field)));

    public static SendGridReply BadRequest(string message, string? field = null) => Refused(400, message, field);

    public static SendGridReply Unauthorized() =>
        Refused(401, "The provided authorization grant is invalid, expired, or revoked");

    /// <summary>The same answer, sent only after <paramref name="delay"/> (or never, if the client gives up first).</summary>
    public SendGridReply After(TimeSpan delay) => this with { Delay = delay };

    public static string Errors(params (string Message, string? Field)[] errors) => new JsonObject
    {
        ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject
        {
            ["message"] = e.Message,
            ["field"] = e.Field,
            ["help"] = e.Field is null ? null : "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html",
        })]),
    }.ToJsonString();
}
