using System.Globalization;
using System.Net.Http.Headers;

namespace PlComms.Delivery.Sending.SendGrid;

/// <summary>How long an answer from SendGrid asks the sender to wait before it tries again.</summary>
internal static class SendGridRetryDelay
{
    public const string RateLimitResetHeader = "X-RateLimit-Reset";

    /// <summary>
    /// <c>Retry-After</c> when present (seconds or an HTTP date, RFC 9110), else SendGrid's own
    /// <c>X-RateLimit-Reset</c> (the unix time, in seconds, when the rate-limit window refreshes);
    /// null when the answer names no wait. A time already past means no wait.
    /// </summary>
    public static TimeSpan? Asked(HttpResponseMessage response, TimeProvider time) => Asked(response.Headers, time);

    public static TimeSpan? Asked(HttpResponseHeaders headers, TimeProvider time)
    {
        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta) return NotNegative(delta);
            if (retryAfter.Date is { } date) return NotNegative(date - time.GetUtcNow());
        }
        if (headers.TryGetValues(RateLimitResetHeader, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds)
            && unixSeconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return NotNegative(DateTimeOffset.FromUnixTimeSeconds(unixSeconds) - time.GetUtcNow());
        return null;
    }

    private static TimeSpan NotNegative(TimeSpan wait) => wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
}
