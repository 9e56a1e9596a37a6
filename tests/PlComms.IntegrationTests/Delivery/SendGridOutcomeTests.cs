using System.Diagnostics;
using PlComms.Delivery;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>
/// How SendGrid's answers become outcomes, through the real resilience pipeline: what is retried (429, 5xx, a
/// connection that never opened), how long it waits, and what is not retried (refusals, a try that timed out).
/// </summary>
public sealed class SendGridOutcomeTests : IAsyncLifetime
{
    /// <summary>Clock granularity between the fake's wall clock and the pipeline's timer.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(50);

    private SendGridHarness _harness = null!;

    private FakeSendGrid Fake => _harness.Fake;

    public async Task InitializeAsync() => _harness = await SendGridHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private Task<SendResult> SendAsync(SendGridHarness? harness = null) =>
        (harness ?? _harness).Sender.SendAsync(EmailBatches.Spanish(recipients: 3), CancellationToken.None);

    [Fact]
    public async Task A_429_is_retried_after_the_seconds_Retry_After_asks_for()
    {
        Fake.Enqueue(SendGridReply.TooManyRequests(retryAfterSeconds: 1));
        var clock = Stopwatch.StartNew();

        var result = await SendAsync();

        Assert.Equal(new SendResult(SendOutcome.Accepted, 202), result);
        var requests = Fake.Requests;
        Assert.Equal([429, 202], requests.Select(r => r.AnsweredStatus));
        Assert.InRange(requests[1].ReceivedAt - requests[0].ReceivedAt, TimeSpan.FromSeconds(1) - Slack, TimeSpan.FromSeconds(5));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_429_is_retried_when_SendGrids_rate_limit_window_resets()
    {
        // X-RateLimit-Reset has whole seconds: the window opens one to two seconds from now.
        var reset = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2);
        Fake.Enqueue(SendGridReply.TooManyRequests(rateLimitReset: reset));
        var clock = Stopwatch.StartNew();

        var result = await SendAsync();

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        var requests = Fake.Requests;
        Assert.Equal(2, requests.Count);
        // Backoff alone would have retried after about 20 ms.
        Assert.True(requests[1].ReceivedAt >= reset - Slack, $"retried at {requests[1].ReceivedAt:O}, window reset at {reset:O}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_429_asking_for_a_longer_wait_than_allowed_ends_at_once_as_Failed_for_the_queue_to_retry()
    {
        Fake.Enqueue(SendGridReply.TooManyRequests(retryAfterSeconds: 600));
        var clock = Stopwatch.StartNew();

        var result = await SendAsync();

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Equal(429, result.StatusCode);
        Assert.Contains("SendGrid__MaxRetryDelaySeconds", result.Error, StringComparison.Ordinal);
        Assert.Single(Fake.Requests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_5xx_then_acceptance_is_Accepted()
    {
        Fake.Enqueue(SendGridReply.ServerError(503), SendGridReply.ServerError(500));

        var result = await SendAsync();

        Assert.Equal(new SendResult(SendOutcome.Accepted, 202), result);
        Assert.Equal([503, 500, 202], Fake.Requests.Select(r => r.AnsweredStatus));
    }

    [Theory]
    [InlineData(null, 4)]
    [InlineData("2", 2)]
    [InlineData("0", 0)]
    public async Task A_storm_of_500s_exhausts_the_retries_and_is_Failed_with_the_last_status(string? maxRetries, int expectedRetries)
    {
        await using var harness = await SendGridHarness.StartAsync(
            maxRetries is null ? null : new Dictionary<string, string?> { ["SendGrid:MaxRetries"] = maxRetries });
        harness.Fake.DefaultReply = SendGridReply.ServerError(500);

        var result = await SendAsync(harness);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Equal(500, result.StatusCode);
        Assert.Contains("internal server error", result.Error, StringComparison.Ordinal);
        Assert.Equal(1 + expectedRetries, harness.Fake.Requests.Count);
        Assert.Equal(expectedRetries, harness.Retries);
    }

    [Theory]
    [InlineData(400, "The from address does not match a verified Sender Identity.", "from")]
    [InlineData(401, "The provided authorization grant is invalid, expired, or revoked", null)]
    [InlineData(403, "You are not authorized to access this resource.", null)]
    [InlineData(413, "Payload too large.", null)]
    [InlineData(404, "resource not found", null)]
    public async Task A_refusal_is_Rejected_with_SendGrids_message_and_never_retried(int status, string message, string? field)
    {
        Fake.Enqueue(SendGridReply.Refused(status, message, field));

        var result = await SendAsync();

        Assert.Equal(SendOutcome.Rejected, result.Outcome);
        Assert.Equal(status, result.StatusCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        if (field is not null) Assert.Contains($"{field}: {message}", result.Error, StringComparison.Ordinal);
        Assert.Single(Fake.Requests);
    }

    [Fact]
    public async Task A_refusal_summary_keeps_the_first_error_and_stays_short()
    {
        var longMessage = "The content value must be a string at least one character in length. " + new string('x', 2000);
        Fake.Enqueue(new SendGridReply(400, SendGridReply.Errors((longMessage, "content.0.value"), ("The subject is required.", "subject"))));

        var result = await SendAsync();

        Assert.Equal(SendOutcome.Rejected, result.Outcome);
        Assert.StartsWith("SendGrid answered 400: content.0.value: The content value must be", result.Error, StringComparison.Ordinal);
        Assert.InRange(result.Error!.Length, 100, 300);
        Assert.DoesNotContain("subject", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_try_that_times_out_is_not_retried_because_SendGrid_may_have_taken_it()
    {
        await using var harness = await SendGridHarness.StartAsync(new Dictionary<string, string?> { ["SendGrid:TimeoutSeconds"] = "1" });
        harness.Fake.Enqueue(SendGridReply.Accepted().After(TimeSpan.FromSeconds(10)));
        var clock = Stopwatch.StartNew();

        var result = await SendAsync(harness);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Null(result.StatusCode);
        Assert.Contains("may or may not have been accepted", result.Error, StringComparison.Ordinal);
        Assert.Single(harness.Fake.Requests);
        Assert.Equal(0, harness.Retries);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task The_budget_bounds_the_whole_send_across_retries()
    {
        await using var harness = await SendGridHarness.StartAsync(new Dictionary<string, string?>
        {
            ["SendGrid:TimeoutSeconds"] = "2",
            ["SendGrid:BudgetSeconds"] = "3",
            ["SendGrid:MaxRetries"] = "10",
        });
        // Warm up first, so a cold start cannot make the first try outlast its own 2 s timeout.
        Assert.Equal(SendOutcome.Accepted, (await SendAsync(harness)).Outcome);
        harness.Fake.Reset();
        // Each try takes 500 ms: all eleven would need well over 5 s.
        harness.Fake.DefaultReply = SendGridReply.ServerError(503).After(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        var result = await SendAsync(harness);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Contains("SendGrid__BudgetSeconds (3 s)", result.Error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.InRange(harness.Fake.Requests.Count, 2, 10);
    }

    [Fact]
    public async Task An_unreachable_SendGrid_is_Failed_after_the_retries()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        await using var harness = await SendGridHarness.StartAsync(new Dictionary<string, string?> { ["SendGrid:MaxRetries"] = "2" }, host: closed);

        var result = await SendAsync(harness);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Null(result.StatusCode);
        Assert.Contains("could not be reached (ConnectionError)", result.Error, StringComparison.Ordinal);
        // Nothing was sent, so each failed connection was tried again.
        Assert.Equal(2, harness.Retries);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_an_outcome_but_an_exception()
    {
        Fake.Enqueue(SendGridReply.Accepted().After(TimeSpan.FromSeconds(10)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _harness.Sender.SendAsync(EmailBatches.Spanish(recipients: 1), cancel.Token));
    }
}
