using System.Net;
using Microsoft.Extensions.Time.Testing;
using PlComms.Delivery.Sending.SendGrid;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>Reading the wait SendGrid asks for, and summarising its refusals.</summary>
public sealed class SendGridRetryDelayTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 14, 15, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    private static HttpResponseMessage Answer(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("0", 0)]
    [InlineData("Mon, 14 Sep 2026 15:30:42 GMT", 42)]
    [InlineData("Mon, 14 Sep 2026 15:29:00 GMT", 0)] // A date already past: no wait.
    public void Retry_After_in_seconds_or_as_an_HTTP_date(string value, int seconds)
    {
        using var response = Answer(("Retry-After", value));

        Assert.Equal(TimeSpan.FromSeconds(seconds), SendGridRetryDelay.Asked(response, _time));
    }

    [Fact]
    public void X_RateLimit_Reset_is_the_unix_time_the_window_opens()
    {
        using var response = Answer(("X-RateLimit-Reset", (Now.ToUnixTimeSeconds() + 13).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(TimeSpan.FromSeconds(13), SendGridRetryDelay.Asked(response, _time));
    }

    [Fact]
    public void Retry_After_wins_over_X_RateLimit_Reset()
    {
        using var response = Answer(("Retry-After", "3"), ("X-RateLimit-Reset", (Now.ToUnixTimeSeconds() + 30).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(TimeSpan.FromSeconds(3), SendGridRetryDelay.Asked(response, _time));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("soon", null)]
    [InlineData(null, "tomorrow")]
    [InlineData(null, "-5")]
    public void No_readable_wait_means_backoff_decides(string? retryAfter, string? reset)
    {
        using var response = Answer([.. new[] { ("Retry-After", retryAfter), ("X-RateLimit-Reset", reset) }
            .Where(h => h.Item2 is not null).Select(h => (h.Item1, h.Item2!))]);

        Assert.Null(SendGridRetryDelay.Asked(response, _time));
    }

    [Theory]
    [InlineData(502, "<html><body>\n<h1>502 Bad Gateway</h1>\n</body></html>", "SendGrid answered 502: <html><body> <h1>502 Bad Gateway</h1> </body></html>")]
    [InlineData(500, "", "SendGrid answered 500.")]
    [InlineData(400, """{"errors":[]}""", "SendGrid answered 400: {\"errors\":[]}")]
    [InlineData(400, """{"errors":[{"message":"Invalid type. Expected: string"}]}""", "SendGrid answered 400: Invalid type. Expected: string")]
    public void A_refusal_without_SendGrids_error_shape_is_summarised_as_one_short_line(int status, string body, string expected)
    {
        Assert.Equal(expected, SendGridErrorSummary.Summarise(status, body));
    }
}
