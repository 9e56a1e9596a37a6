using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlComms.Platform.Functions;

/// <summary>
/// What timer and queue invocations share in the custom-handler protocol: the host POSTs
/// <c>{"Data":{...},"Metadata":{...}}</c> over loopback and reads back <c>{"Outputs":{},"Logs":[...],"ReturnValue":null}</c>;
/// any non-2xx status marks the run failed.
/// </summary>
public static class HostInvocation
{
    public sealed record Response(JsonObject Outputs, IReadOnlyList<string> Logs, object? ReturnValue);

    private static readonly JsonSerializerOptions PascalCase = new() { PropertyNamingPolicy = null };

    /// <summary>The invocation payload, or the problem to answer: a caller other than the local host, or a body that is not a JSON object.</summary>
    public static async Task<(JsonObject? Payload, IResult? Problem)> ReadAsync(HttpContext http, string kind, CancellationToken ct)
    {
        // Only the Functions host (same machine) or the local operator may invoke a function.
        if (http.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: $"{kind} invocations are accepted from the local Functions host only."));
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct) is JsonObject payload
                ? (payload, null)
                : (null, TypedResults.Problem(statusCode: 400, title: "The invocation payload must be a JSON object with Data and Metadata."));
        }
        catch (JsonException ex)
        {
            return (null, TypedResults.Problem(statusCode: 400, title: "The invocation payload is not valid JSON.", detail: ex.Message));
        }
    }

    public static IResult Respond(bool succeeded, IReadOnlyList<string> logs) =>
        TypedResults.Json(new Response([], logs, null), PascalCase, statusCode: succeeded ? 200 : 500);
}

/// <summary>Marks endpoints that serve the Functions host's timer and queue invocations rather than officer or public HTTP routes.</summary>
public sealed class HostInvocationEndpoint;
