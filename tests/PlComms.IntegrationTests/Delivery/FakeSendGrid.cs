using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PlComms.Delivery.SendGrid;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>
/// A loopback HTTP server that speaks SendGrid's v3 mail send (<c>POST /v3/mail/send</c>) for the real
/// <c>SendGridClient</c>. It records every request and answers from a script: queued replies first, in order, then
/// <see cref="DefaultReply"/> (202). Before the script it refuses, as SendGrid does, a request without a bearer key
/// (401) or one that breaks mail send's documented limits (400): 1 to 1,000 personalizations, each address once.
/// Safe to use from many senders at once. With <see cref="ReportEvents"/> it also plays SendGrid's signed Event Webhook:
/// a <c>processed</c> event for every message it accepted, posted to the app until an instance takes it.
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    public const string MailSendPath = "/v3/mail/send";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Queue<SendGridReply> _script = new();
    private readonly List<SendGridRequest> _requests = [];
    private SendGridReply _defaultReply = SendGridReply.Accepted();
    private readonly ConcurrentQueue<(JsonObject Event, DateTime QueuedAt)> _events = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _poster;
    private int _eventsDelivered;
    private int _eventsInFlight;
    private TimeSpan _longestEventLag;

    private FakeSendGrid(WebApplication app) => _app = app;

    /// <summary>The value for <c>SendGrid__Host</c>, e.g. http://127.0.0.1:41234.</summary>
    public Uri Host => new(_app.Urls.First());

    /// <summary>When false, every request gets its scripted reply, even one SendGrid would refuse.</summary>
    public bool ValidatesLikeSendGrid { get; set; } = true;

    /// <summary>The answer once the queued replies are used up.</summary>
    public SendGridReply DefaultReply
    {
        get { lock (_gate) return _defaultReply; }
        set { lock (_gate) _defaultReply = value; }
    }

    public IReadOnlyList<SendGridRequest> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    /// <summary>Every <c>to</c> address of every mail-send request, in arrival order (a retried request counts twice).</summary>
    public IReadOnlyList<string> Recipients => [.. Requests.SelectMany(r => r.ToEmails)];

    /// <summary>The addresses of requests answered 2xx: what SendGrid would have queued for delivery.</summary>
    public IReadOnlyList<string> AcceptedRecipients => [.. Requests.Where(r => r.WasAccepted).SelectMany(r => r.ToEmails)];

    public static async Task<FakeSendGrid> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // A full request of 1,000 personalizations is a few MB; SendGrid itself takes up to 30 MB.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 30 * 1024 * 1024);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSendGrid(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>
    /// Runs as a request has been accepted (2xx) and recorded, before its reply goes out: a crash trial kills the app
    /// here, in the one window no claim can close (SendGrid took the batch; the app never hears so).
    /// </summary>
    public Func<SendGridRequest, Task>? OnAccepted { get; set; }

    /// <summary>Events accepted by an app so far.</summary>
    public int EventsDelivered
    {
        get { lock (_gate) return _eventsDelivered; }
    }

    /// <summary>The longest time an event waited between SendGrid accepting its message and an app taking it.</summary>
    public TimeSpan LongestEventLag
    {
        get { lock (_gate) return _longestEventLag; }
    }

    /// <summary>Starts measuring <see cref="LongestEventLag"/> afresh.</summary>
    public void ResetEventLag()
    {
        lock (_gate) _longestEventLag = TimeSpan.Zero;
    }

    /// <summary>Events not yet taken by an app (waiting, or in a post under way).</summary>
    public int EventsPending
    {
        // Under the poster's lock, so an event between the queue and a post is never missed.
        get { lock (_gate) return _events.Count + _eventsInFlight; }
    }

    /// <summary>
    /// From now on, reports what it accepts as SendGrid's signed Event Webhook does: one <c>processed</c> event per
    /// personalization of every request answered 2xx, carrying the personalization's <c>delivery_id</c> custom arg at the
    /// top level, signed with <paramref name="key"/> (ECDSA P-256 over timestamp and body). Events go out in posts of up to
    /// <paramref name="perPost"/> to <c>/api/sendgrid/events</c> of the first of <paramref name="targets"/> that answers
    /// 2xx; a post no target takes (the app is down) is tried again every 100 ms, as SendGrid retries its endpoint.
    /// Up to <paramref name="concurrentPosts"/> posts are under way at once.
    /// </summary>
    public void ReportEvents(ECDsa key, Func<IReadOnlyList<Uri>> targets, int perPost = 250, int concurrentPosts = 3)
    {
        if (_poster is not null) throw new InvalidOperationException("Events are already reported.");
        _poster = Task.WhenAll(Enumerable.Range(0, concurrentPosts).Select(worker => Task.Run(() => PostEventsAsync(key, targets, perPost, worker, _stopping.Token))));
    }

    /// <summary>Waits until every event so far has been taken by an app, failing loudly when they are not within <paramref name="timeout"/>.</summary>
    public async Task WaitForEventsAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (EventsPending > 0)
        {
            if (_poster is { IsCompleted: true }) await _poster;
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"{EventsPending} SendGrid events were not taken by the app within {timeout.TotalSeconds:0} s ({EventsDelivered} were).");
            await Task.Delay(20);
        }
    }

    private async Task PostEventsAsync(ECDsa key, Func<IReadOnlyList<Uri>> targets, int perPost, int worker, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        var next = worker;
        while (!ct.IsCancellationRequested)
        {
            var post = new JsonArray();
            var oldest = DateTime.MaxValue;
            lock (_gate)
            {
                while (post.Count < perPost && _events.TryDequeue(out var e))
                {
                    post.Add(e.Event);
                    if (e.QueuedAt < oldest) oldest = e.QueuedAt;
                }
                _eventsInFlight += post.Count;
            }
            if (post.Count == 0)
            {
                try { await Task.Delay(20, ct); } catch (OperationCanceledException) { return; }
                continue;
            }
            var body = Encoding.UTF8.GetBytes(post.ToJsonString() + "\r\n");
            while (!ct.IsCancellationRequested)
            {
                var candidates = targets();
                var taken = false;
                for (var i = 0; i < candidates.Count && !taken; i++)
                {
                    var target = candidates[(next + i) % candidates.Count];
                    var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "/api/sendgrid/events")) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, EventsFixture.Sign(key, timestamp, body));
                    request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp);
                    try
                    {
                        using var response = await http.SendAsync(request, ct);
                        taken = response.IsSuccessStatusCode;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                    {
                        // That instance is down or restarting; try the next, then again later.
                    }
                }
                next++;
                if (taken)
                {
                    lock (_gate)
                    {
                        _eventsDelivered += post.Count;
                        _eventsInFlight -= post.Count;
                        var lag = DateTime.UtcNow - oldest;
                        if (lag > _longestEventLag) _longestEventLag = lag;
                    }
                    break;
                }
                try { await Task.Delay(100, ct); } catch (OperationCanceledException) { return; }
            }
        }
    }

    private void QueueEvents(JsonNode? body)
    {
        if (_poster is null || body?["personalizations"] is not JsonArray personalizations) return;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var messageId = Guid.NewGuid().ToString("N")[..22];
        var index = 0;
        foreach (var personalization in personalizations)
        {
            var e = new JsonObject
            {
                ["email"] = personalization?["to"]?[0]?["email"]?.GetValue<string>(),
                ["timestamp"] = now,
                ["event"] = "processed",
                ["sg_event_id"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('='),
                ["sg_message_id"] = $"{messageId}.filter0001.{index++}.0",
                ["category"] = body["categories"]?.DeepClone(),
            };
            foreach (var (name, value) in personalization?["custom_args"]?.AsObject() ?? []) e[name] = value?.DeepClone();
            _events.Enqueue((e, DateTime.UtcNow));
        }
    }

    /// <summary>Queues replies for the next requests, in order.</summary>
    public void Enqueue(params SendGridReply[] replies)
    {
        lock (_gate)
        {
            foreach (var reply in replies) _script.Enqueue(reply);
        }
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> requests have arrived (for senders driven by a queue, not by the
    /// test), and fails loudly with what did arrive when they do not within <paramref name="timeout"/>.
    /// </summary>
    public async Task<IReadOnlyList<SendGridRequest>> WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var requests = Requests;
            if (requests.Count >= count) return requests;
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"FakeSendGrid received {requests.Count} of {count} requests within {timeout.TotalSeconds:0.#} s; "
                    + $"answered: [{string.Join(", ", requests.Select(r => r.AnsweredStatus))}].");
            await Task.Delay(20);
        }
    }

    /// <summary>Forgets the requests and the queued replies; the default reply becomes 202 again.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _script.Clear();
            _defaultReply = SendGridReply.Accepted();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var request = context.Request;
        JsonNode? body = null;
        string? unreadable = null;
        try
        {
            body = request.ContentLength is 0 ? null : await JsonNode.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException e)
        {
            unreadable = e.Message;
        }
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        SendGridReply reply;
        SendGridRequest recorded;
        lock (_gate)
        {
            reply = !(request.Method == HttpMethods.Post && request.Path == MailSendPath)
                ? SendGridReply.Refused(404, "resource not found")
                : (ValidatesLikeSendGrid ? Refusal(headers, body, unreadable) : null)
                  ?? (_script.TryDequeue(out var scripted) ? scripted : _defaultReply);
            if (reply.RateLimitResetIn is { } resetIn)
            {
                var withReset = new Dictionary<string, string>(reply.Headers ?? new Dictionary<string, string>())
                {
                    ["X-RateLimit-Reset"] = (DateTimeOffset.UtcNow + resetIn).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                };
                reply = reply with { Headers = withReset };
            }
            _requests.Add(recorded = new SendGridRequest(request.Method, request.Path, headers, body, receivedAt, reply.Status) { Reply = reply });
        }
        // What it accepts, SendGrid processes, whether or not the caller is still there to read the 202.
        if (recorded.WasAccepted)
        {
            QueueEvents(body);
            if (OnAccepted is { } accepted) await accepted(recorded);
        }

        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // The client gave up, which is what a delayed reply is for.
            }
        }
        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        if (reply.Body.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body);
        }
    }

    /// <summary>SendGrid's own refusals that a test script should not have to repeat.</summary>
    private static SendGridReply? Refusal(IReadOnlyDictionary<string, string> headers, JsonNode? body, string? unreadable)
    {
        if (headers.GetValueOrDefault("Authorization") is not { } auth || !auth.StartsWith("Bearer ", StringComparison.Ordinal) || auth.Length <= "Bearer ".Length)
            return SendGridReply.Refused(401, "The provided authorization grant is invalid, expired, or revoked");
        if (unreadable is not null || body is not JsonObject)
            return SendGridReply.BadRequest("Bad Request", null);
        if (body["personalizations"] is not JsonArray personalizations || personalizations.Count == 0)
            return SendGridReply.BadRequest("The personalizations field is required and must have at least one personalization.", "personalizations");
        if (personalizations.Count > 1000)
            return SendGridReply.BadRequest($"The personalization block is limited to 1000 personalizations per API request. You have provided {personalizations.Count} personalizations. Please consider splitting this into multiple requests and resending your request.", "personalizations");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var email in personalizations.SelectMany(p => p?["to"]?.AsArray() ?? []).Select(to => to?["email"]?.GetValue<string>()))
        {
            if (string.IsNullOrEmpty(email))
                return SendGridReply.BadRequest("The to array must have at least one object with an email address.", "personalizations.0.to");
            if (!seen.Add(email))
                return SendGridReply.BadRequest($"Each unique email address in the personalizations array should only be included once. You have included {email} more than once.", "personalizations.0.to");
        }
        if (body["from"]?["email"] is null)
            return SendGridReply.BadRequest("The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.", "from");
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_poster is not null) await _poster;
        _stopping.Dispose();
        // Requests still held open by a delayed reply are cut off rather than waited for.
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
