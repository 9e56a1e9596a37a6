using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using PlComms.Heartbeat;
using PlComms.Platform.Auth;
using PlComms.Platform.Functions;
using PlComms.Platform.Storage;

namespace PlComms.Health;

public sealed record StorageHealth(bool Reachable, double? LatencyMs, string? Error);

public sealed record HealthReport(string Status, StorageHealth Storage, DateTimeOffset? LastHeartbeatAt, DateTimeOffset CheckedAt);

public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(FunctionCatalog.Health.AppPath, CheckAsync).WithMetadata(new PublicEndpoint())
            .WithTags("Health")
            .WithSummary("Storage reachability and the last heartbeat; no key needed")
            .Produces<HealthReport>(StatusCodes.Status200OK)
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);

    /// <summary>200 when storage answers, 503 otherwise, so a probe can act on the status code alone.</summary>
    private static async Task<JsonHttpResult<HealthReport>> CheckAsync(AppTables tables, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        StorageHealth storage;
        DateTimeOffset? lastHeartbeat = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            // Reading the heartbeat row proves storage answers and tells whether the schedule fires.
            lastHeartbeat = await HeartbeatJob.LastRunAsync(tables, timeout.Token);
            storage = new StorageHealth(true, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            loggers.CreateLogger("PlComms.Health").LogWarning(ex, "Storage health check failed.");
            // The error kind helps an operator; the message could carry account details, so it stays in the log.
            storage = new StorageHealth(false, null, ex.GetType().Name);
        }
        var report = new HealthReport(storage.Reachable ? "healthy" : "unhealthy", storage, lastHeartbeat, clock.GetUtcNow());
        return TypedResults.Json(report, statusCode: storage.Reachable ? 200 : 503);
    }
}
