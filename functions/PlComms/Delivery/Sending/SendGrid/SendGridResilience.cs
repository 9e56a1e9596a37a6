using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace PlComms.Delivery.Sending.SendGrid;

/// <summary>
/// The resilience pipeline of the SendGrid HttpClient: a budget for the whole batch, retries, and a timeout per try.
/// <para>
/// Mail send is a POST that SendGrid does not deduplicate, so a retry is only safe when SendGrid certainly did not
/// take the request: a 429 or a 5xx (SendGrid answered and did not queue the mail), a 408 (the server gave up waiting
/// for the request, so it has none), or a connection that never opened (nothing was sent). A try that times out, or a
/// connection that drops after the request went out, may have been accepted: retrying could mail every recipient
/// twice. Those end the send as Failed and the queue, which knows how often this batch was tried, decides.
/// </para>
/// </summary>
internal static class SendGridResilience
{
    public const string PipelineName = "sendgrid-mail-send";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, SendGridOptions options, TimeProvider time)
    {
        // Outermost, so the waits between tries count against it too.
        pipeline.AddTimeout(options.Budget);
        // Polly requires at least one retry attempt; MaxRetries = 0 means no retry strategy at all.
        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.FirstRetryDelay,
                MaxDelay = options.MaxRetryDelay,
                // Its Retry-After reader knows nothing of X-RateLimit-Reset; ours reads both. Set before DelayGenerator, which this clears.
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options.MaxRetryDelay, time)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? SendGridRetryDelay.Asked(response, time) : null),
            });
        }
        pipeline.AddTimeout(options.Timeout);
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan longestWait, TimeProvider time) => outcome switch
    {
        // A wait longer than we may sleep cannot end in an answer from this consumer: stop and let the queue come back later.
        { Result: { } response } => IsRetryable(response.StatusCode) && !(SendGridRetryDelay.Asked(response, time) > longestWait),
        { Exception: HttpRequestException e } => NeverSent(e),
        // Timeouts (TimeoutRejectedException) and cancellation are never retried.
        _ => false,
    };

    /// <summary>SendGrid answered but did not take the request; anything else below 500 is a refusal.</summary>
    public static bool IsRetryable(HttpStatusCode status) => (int)status is 429 or 408 or >= 500;

    /// <summary>The request never left this machine: no name, no connection, no TLS session.</summary>
    internal static bool NeverSent(HttpRequestException e) => e.HttpRequestError is
        HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
        or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
}
