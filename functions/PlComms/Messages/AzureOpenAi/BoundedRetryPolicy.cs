using System.ClientModel.Primitives;
using System.Globalization;

namespace PlComms.Messages.AzureOpenAi;

/// <summary>
/// The SDK's retry policy (it retries 408, 429, 5xx and transport errors, and waits what a
/// <c>retry-after</c> header asks), with waits bounded. A composition has at most
/// <paramref name="longestWait"/> in all, so a longer wait cannot end in an answer: when the service
/// asks for one, the policy stops at once and the composer falls back as rate-limited instead of
/// sleeping into its timeout.
/// </summary>
internal sealed class BoundedRetryPolicy(int maxRetries, TimeSpan longestWait, TimeProvider time) : ClientRetryPolicy(maxRetries)
{
    protected override bool ShouldRetry(PipelineMessage message, Exception? exception) =>
        base.ShouldRetry(message, exception) && !AsksTooLong(message);

    protected override async ValueTask<bool> ShouldRetryAsync(PipelineMessage message, Exception? exception) =>
        await base.ShouldRetryAsync(message, exception).ConfigureAwait(false) && !AsksTooLong(message);

    // Exponential backoff doubles without limit; at ten retries it would reach minutes.
    protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount)
    {
        var delay = base.GetNextDelay(message, tryCount);
        return delay > longestWait ? longestWait : delay;
    }

    private bool AsksTooLong(PipelineMessage message) =>
        message.Response is { } response && RetryAfter(response, time) is { } asked && asked > longestWait;

    /// <summary>
    /// The wait a response asks for: Azure OpenAI sends <c>retry-after-ms</c> and <c>retry-after</c>
    /// (seconds); RFC 9110 also allows an HTTP date.
    /// </summary>
    public static TimeSpan? RetryAfter(PipelineResponse response, TimeProvider time)
    {
        foreach (var header in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
        {
            if (response.Headers.TryGetValue(header, out var ms)
                && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
                return TimeSpan.FromMilliseconds(millis);
        }
        if (response.Headers.TryGetValue("retry-after", out var value) && value is not null)
        {
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                return TimeSpan.FromSeconds(seconds);
            if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - time.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }
        return null;
    }
}
