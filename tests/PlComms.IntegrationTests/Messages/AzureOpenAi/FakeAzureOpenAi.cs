using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PlComms.Messages.AzureOpenAi;

namespace PlComms.IntegrationTests.Messages.AzureOpenAi;

/// <summary>One scripted answer of the fake service.</summary>
public sealed record FakeReply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    /// <summary>A chat completion whose assistant content is <paramref name="content"/>, as Azure OpenAI sends it.</summary>
    public static FakeReply Chat(string? content, string finishReason = "stop", string? refusal = null) => new(200, new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion",
        ["created"] = 1_767_225_600,
        ["model"] = "gpt-4o-mini-2024-07-18",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = refusal },
            ["finish_reason"] = finishReason,
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 900, ["completion_tokens"] = 300, ["total_tokens"] = 1200 },
    }.ToJsonString());

    internal static FakeReply Message(ModelMessage message) => Chat(message.ToJson());

    public static FakeReply RateLimited(int retryAfterSeconds) => new(429,
        """{"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation have exceeded the rate limit of your current tier."}}""",
        new Dictionary<string, string> { ["retry-after"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Azure's answer when the content filter blocks the prompt.</summary>
    public static FakeReply ContentFilterError() => new(400, """
        {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.","type":null,"param":"prompt","code":"content_filter","status":400,
        "innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":true,"severity":"high"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}}}
        """);

    public FakeReply After(TimeSpan delay) => this with { Delay = delay };
}

/// <summary>A request the fake received, with when it arrived (Stopwatch timestamp).</summary>
public sealed record RecordedRequest(string Path, string Query, string? ApiKey, JsonNode Body, long ReceivedAt)
{
    public IReadOnlyList<(string Role, string Text)> Messages =>
        [.. Body["messages"]!.AsArray().Select(m => (m!["role"]!.GetValue<string>(), TextOf(m["content"])))];

    // The SDK may send content as a string or as an array of text parts.
    private static string TextOf(JsonNode? content) => content switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };

    public string AllText => string.Join("\n", Messages.Select(m => m.Text));
}

/// <summary>
/// A loopback HTTP server that speaks Azure OpenAI's chat-completions protocol
/// (<c>POST /openai/deployments/{deployment}/chat/completions?api-version=…</c>), answers from a
/// script (the last reply repeats), and records every request.
/// </summary>
public sealed class FakeAzureOpenAi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyList<FakeReply> _script;
    private readonly List<RecordedRequest> _requests = [];

    private FakeAzureOpenAi(WebApplication app, IReadOnlyList<FakeReply> script)
    {
        _app = app;
        _script = script;
    }

    public Uri Endpoint => new(_app.Urls.First() + "/");

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public static async Task<FakeAzureOpenAi> StartAsync(params FakeReply[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeAzureOpenAi(app, script);
        app.MapPost("/openai/deployments/{deployment}/chat/completions", fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var received = Stopwatch.GetTimestamp();
        var body = await JsonNode.ParseAsync(context.Request.Body) ?? new JsonObject();
        int index;
        lock (_requests)
        {
            index = _requests.Count;
            _requests.Add(new RecordedRequest(context.Request.Path, context.Request.QueryString.Value ?? "",
                context.Request.Headers["api-key"].FirstOrDefault(), body, received));
        }

        var reply = _script[Math.Min(index, _script.Count - 1)];
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
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync()
    {
        // Requests still held open by a delayed reply are cut off rather than waited for.
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
