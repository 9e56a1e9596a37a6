using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>
/// A loopback HTTP server that speaks SendGrid's v3 mail send (<c>POST /v3/mail/send</c>) for the real
/// <c>SendGridClient</c>. It records every request and answers from a script: queued replies first, in order, then
/// <see cref="DefaultReply"/> (202). Before the script it refuses, as SendGrid does, a request without a bearer key
/// (401) or one that breaks mail send's documented limits (400): 1 to 1,000 personalizations, each address once.
/// Safe to use from many senders at once.
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    public const string MailSendPath = "/v3/mail/send";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Queue<SendGridReply> _script = new();
    private readonly List<SendGridRequest> _requests = [];
    private SendGridReply _defaultReply = SendGridReply.Accepted();

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
        lock (_gate)
        {
            reply = !(request.Method == HttpMethods.Post && request.Path == MailSendPath)
                ? SendGridReply.Refused(404, "resource not found")
                : (ValidatesLikeSendGrid ? Refusal(headers, body, unreadable) : null)
                  ?? (_script.TryDequeue(out var scripted) ? scripted : _defaultReply);
            _requests.Add(new SendGridRequest(request.Method, request.Path, headers, body, receivedAt, reply.Status));
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
        // Requests still held open by a delayed reply are cut off rather than waited for.
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
