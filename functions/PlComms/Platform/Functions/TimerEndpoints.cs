using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PlComms.Platform.Functions;

/// <summary>
/// The custom-handler invocation protocol for timer functions: the host POSTs
/// <c>{"Data":{...},"Metadata":{...}}</c> to <c>/{FunctionName}</c> and reads back
/// <c>{"Outputs":{},"Logs":[...],"ReturnValue":null}</c>; any non-2xx status marks the run failed.
/// </summary>
public static class TimerEndpoints
{
    public sealed record InvocationResponse(JsonObject Outputs, IReadOnlyList<string> Logs, object? ReturnValue);

    internal static readonly JsonSerializerOptions PascalCase = new() { PropertyNamingPolicy = null };

    public static void MapTimerFunctions(this IEndpointRouteBuilder app)
    {
        foreach (var function in FunctionCatalog.All.Where(f => f.Trigger == TriggerKind.Timer))
        {
            app.MapPost(function.AppPath, (HttpContext http, TimerRunner runner, CancellationToken ct) => InvokeAsync(function, http, runner, ct))
                .WithMetadata(new HostInvocationEndpoint())
                .ExcludeFromDescription();
        }
    }

    private static async Task<IResult> InvokeAsync(FunctionDefinition function, HttpContext http, TimerRunner runner, CancellationToken ct)
    {
        var job = runner.Find(function.Name)
            ?? throw new InvalidOperationException($"Timer function {function.Name} has no registered ITimerJob.");

        // Only the Functions host (same machine) or the local operator may fire a timer.
        if (http.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Timer invocations are accepted from the local Functions host only.");

        JsonObject? payload;
        try
        {
            payload = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct) as JsonObject;
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem(statusCode: 400, title: "The invocation payload is not valid JSON.", detail: ex.Message);
        }
        if (payload is null)
            return TypedResults.Problem(statusCode: 400, title: "The invocation payload must be a JSON object with Data and Metadata.");

        // "timer" is the trigger binding's name in function.json.
        var isPastDue = payload["Data"]?["timer"]?["IsPastDue"]?.GetValueKind() == JsonValueKind.True;
        var outcome = await runner.RunAsync(job, "host", isPastDue, ct);
        var body = new InvocationResponse([], outcome.Logs, null);
        return TypedResults.Json(body, PascalCase, statusCode: outcome.Succeeded ? 200 : 500);
    }
}

/// <summary>Marks endpoints that serve the Functions host's timer and queue invocations rather than officer or public HTTP routes.</summary>
public sealed class HostInvocationEndpoint;
