using System.Net;
using PlComms.Delivery;
using PlComms.Delivery.Sending.SendGrid;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>
/// The sender builds the mail-send request itself so the body is written in chunks (<see cref="SendGridRequestBody"/>)
/// instead of one large string. What goes out must stay exactly what the SDK's own <c>SendEmailAsync</c> sends: the
/// same URL and headers and, byte for byte, the body of <c>SendGridMessage.Serialize()</c>.
/// </summary>
public sealed class SendGridRequestBodyTests : IAsyncLifetime
{
    private SendGridHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SendGridHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    public static TheoryData<string> Batches => ["spanish survey", "english announcement", "1000 recipients", "names and links that need escaping"];

    [Theory]
    [MemberData(nameof(Batches))]
    public async Task The_request_is_the_one_the_SDK_would_send_byte_for_byte(string kind)
    {
        var batch = Batch(kind);
        var options = new SendGridClientOptions { ApiKey = SendGridHarness.ApiKey, Host = _harness.Fake.Host.ToString() };

        using var ours = SendGridMailRequest.Request(SendGridMailRequest.Build(batch, _harness.Options), options);
        var sdk = new CapturingClient(options);
        await sdk.SendEmailAsync(SendGridMailRequest.Build(batch, _harness.Options));
        var theirs = sdk.Captured!;

        Assert.Equal(theirs.Method, ours.Method);
        Assert.Equal(theirs.RequestUri, ours.RequestUri);
        Assert.Equal(theirs.Headers.ToString(), ours.Headers.ToString());
        Assert.Equal(theirs.Content!.Headers.ContentType, ours.Content!.Headers.ContentType);
        var expected = await theirs.Content.ReadAsByteArrayAsync();
        var body = await ours.Content.ReadAsByteArrayAsync();
        Assert.Equal(expected.Length, body.Length);
        Assert.True(expected.SequenceEqual(body), "The chunked body differs from SendGridMessage.Serialize().");
        Assert.Equal(expected.Length, ours.Content.Headers.ContentLength);
        // A retry sends the same content again: it reads the same every time.
        var again = await ours.Content.ReadAsByteArrayAsync();
        Assert.True(expected.SequenceEqual(again));
    }

    [Fact]
    public async Task A_batch_goes_out_with_its_length_not_chunked_and_SendGrid_reads_every_recipient()
    {
        var batch = Batch("1000 recipients");

        var result = await _harness.Sender.SendAsync(batch, CancellationToken.None);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        var request = Assert.Single(_harness.Fake.Requests);
        var sdkBody = System.Text.Encoding.UTF8.GetByteCount(SendGridMailRequest.Build(batch, _harness.Options).Serialize());
        Assert.Equal(sdkBody.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["Content-Length"]);
        Assert.False(request.Headers.ContainsKey("Transfer-Encoding"));
        Assert.Equal(batch.Recipients.Select(r => r.Email), request.ToEmails);
        Assert.StartsWith("sendgrid/", request.Headers["User-Agent"], StringComparison.Ordinal);
    }

    private static EmailBatch Batch(string kind) => kind switch
    {
        "spanish survey" => EmailBatches.Spanish(recipients: 4, stream: MessageStream.Surveys) is var b
            ? b with { Recipients = [.. b.Recipients.Select(r => r with { SurveyUrl = new Uri($"https://plcomms.district.example/s/{r.DeliveryId}?a=4&lang=es") })] }
            : throw new InvalidOperationException(),
        "english announcement" => EmailBatches.English(),
        "1000 recipients" => EmailBatches.English(recipients: 1000),
        "names and links that need escaping" => EmailBatches.Batch(3, MessageStream.Announcements, "en",
            new EmailContent("<Ünïcode> & \"quotes\" 'here'", "<p>a&amp;b</p><script>x</script> %unsubscribe_url%", "line\none\ttab \u2028 %unsubscribe_url%")) is var e
            ? e with { Recipients = [.. e.Recipients.Select((r, i) => r with { Name = Awkward[i] })] }
            : throw new InvalidOperationException(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static readonly string[] Awkward = ["O'Brien <Jr> & \"Co\"", "Zoë\u00a0Núñez", "名前"];

    /// <summary>The SDK's client with its transport replaced by a recorder: what <c>SendEmailAsync</c> would put on the wire.</summary>
    private sealed class CapturingClient(SendGridClientOptions options) : SendGridClient(new HttpClient(), options)
    {
        public HttpRequestMessage? Captured { get; private set; }

        public override Task<Response> MakeRequest(HttpRequestMessage request, CancellationToken cancellationToken = default)
        {
            Captured = request;
            return Task.FromResult(new Response(HttpStatusCode.Accepted, null, null));
        }
    }
}
