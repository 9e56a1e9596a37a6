using Azure;
using Microsoft.AspNetCore.Diagnostics;
using PlComms.Platform.Storage;

namespace PlComms.Platform.Http;

/// <summary>
/// Storage that cannot be reached (or is already busy with as many writes as the instance allows) is a 503 the client can retry, with <c>Retry-After</c>, not a 500. Every write path is
/// a single entity write or one transaction, so a failure here has written nothing.
/// </summary>
public sealed class StorageExceptionHandler(ILogger<StorageExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>What the 503 asks a client to wait: storage that restarts or fails over is usually back within seconds.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Storage unreachable, failing, or already busy with as many writes as this instance allows.</summary>
    public static bool IsStorageFailure(Exception exception) =>
        exception is RequestFailedException or HttpRequestException or StorageBusyException
            or AggregateException { InnerException: RequestFailedException or HttpRequestException };

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsStorageFailure(exception)) return false;
        if (exception is StorageBusyException)
            logger.LogWarning("Storage write not attempted for {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, exception.Message);
        else
            logger.LogError(exception, "Storage call failed for {Method} {Path}.", context.Request.Method, context.Request.Path);
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Problems.StorageUnavailable().ExecuteAsync(context);
        return true;
    }
}
