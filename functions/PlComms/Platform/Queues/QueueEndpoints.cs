using System.Text.Json;
using System.Text.Json.Nodes;
using PlComms.Platform.Functions;

namespace PlComms.Platform.Queues;

/// <summary>
/// The custom-handler invocation protocol for queue functions. The host dequeues the message and POSTs
/// <c>{"Data":{"message":...},"Metadata":{"DequeueCount":n,...}}</c> to <c>/{FunctionName}</c>. A 2xx deletes the
/// message; anything else counts as a failed try, and after <c>maxDequeueCount</c> tries the host moves the message to
/// <c>&lt;queue&gt;-poison</c>.
/// </summary>
public static class QueueEndpoints
{
    /// <summary>The trigger binding's name in function.json, and so the key under <c>Data</c>.</summary>
    public const string BindingName = "message";

    public static void MapQueueFunctions(this IEndpointRouteBuilder app)
    {
        foreach (var function in FunctionCatalog.All.Where(f => f.Trigger == TriggerKind.Queue))
        {
            app.MapPost(function.AppPath, (HttpContext http, QueueRunner runner, CancellationToken ct) => InvokeAsync(function, http, runner, ct))
                .WithMetadata(new HostInvocationEndpoint())
                .ExcludeFromDescription();
        }
    }

    private static async Task<IResult> InvokeAsync(FunctionDefinition function, HttpContext http, QueueRunner runner, CancellationToken ct)
    {
        var job = runner.Find(function.Name)
            ?? throw new InvalidOperationException($"Queue function {function.Name} has no registered IQueueJob.");
        var (payload, problem) = await HostInvocation.ReadAsync(http, "Queue", ct);
        if (problem is not null) return problem;
        if (MessageOf(payload) is not { } message)
            return TypedResults.Problem(statusCode: 400, title: $"The invocation payload must be a JSON object with Data.{BindingName}.");

        var outcome = await runner.RunAsync(job, message, DequeueCountOf(payload!), "host", ct);
        return HostInvocation.Respond(outcome.Succeeded, outcome.Logs);
    }

    /// <summary>
    /// The host passes a message that is itself JSON either as a JSON string or, depending on the extension version,
    /// as the parsed object; both are turned back into the text that was enqueued.
    /// </summary>
    public static string? MessageOf(JsonObject? payload) => payload?["Data"]?[BindingName] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonNode node => node.ToJsonString(),
    };

    /// <summary>The host sends metadata values as JSON numbers or strings; a missing count is the first try.</summary>
    public static long DequeueCountOf(JsonObject payload) => payload["Metadata"]?["DequeueCount"] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<long>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String && long.TryParse(v.GetValue<string>(), out var n) => n,
        _ => 1,
    };
}
