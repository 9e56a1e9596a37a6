using Azure;
using Microsoft.AspNetCore.Diagnostics;

namespace PlComms.Platform.Http;

/// <summary>
/// Storage that cannot be reached is a 503 the client can retry, not a 500. Every write path is a single
/// entity write or one transaction, so a failure here has written nothing.
/// </summary>
public sealed class StorageExceptionHandler(ILogger<StorageExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (RequestFailedException or HttpRequestException or AggregateException { InnerException: RequestFailedException or HttpRequestException }))
            return false;
        logger.LogError(exception, "Storage call failed for {Method} {Path}.", context.Request.Method, context.Request.Path);
        await Problems.StorageUnavailable().ExecuteAsync(context);
        return true;
    }
}
