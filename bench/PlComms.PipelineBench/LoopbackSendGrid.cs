using System.Text.Json;

namespace PlComms.PipelineBench;

/// <summary>
/// A loopback stand-in for SendGrid's mail-send endpoint: answers 202 at once and counts calls and personalizations.
/// The app reaches it through the real SendGrid client (SendGrid__Host).
/// </summary>
public sealed class LoopbackSendGrid : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;
    private int _recipients;
    private int _largest;
    private long _largestBytes;

    private LoopbackSendGrid(WebApplication app) => _app = app;

    public Uri Host => new(_app.Urls.First());

    public int Calls => Volatile.Read(ref _calls);

    public int Recipients => Volatile.Read(ref _recipients);

    public int LargestCall => Volatile.Read(ref _largest);

    /// <summary>The largest request body, in bytes (its Content-Length).</summary>
    public long LargestBytes => Interlocked.Read(ref _largestBytes);

    public static async Task<LoopbackSendGrid> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 30 * 1024 * 1024);
        var app = builder.Build();
        var fake = new LoopbackSendGrid(app);
        app.MapPost("/v3/mail/send", async (HttpRequest request) =>
        {
            long size, seenSize;
            if ((size = request.ContentLength ?? 0) > 0)
                while (size > (seenSize = Interlocked.Read(ref fake._largestBytes)) && Interlocked.CompareExchange(ref fake._largestBytes, size, seenSize) != seenSize) { }
            using var body = await JsonDocument.ParseAsync(request.Body);
            var count = body.RootElement.GetProperty("personalizations").GetArrayLength();
            Interlocked.Increment(ref fake._calls);
            Interlocked.Add(ref fake._recipients, count);
            int seen;
            while (count > (seen = Volatile.Read(ref fake._largest)) && Interlocked.CompareExchange(ref fake._largest, count, seen) != seen) { }
            request.HttpContext.Response.Headers["X-Message-Id"] = Guid.NewGuid().ToString("N");
            return TypedResults.StatusCode(202);
        });
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
