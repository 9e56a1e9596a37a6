using Microsoft.AspNetCore.Http.HttpResults;

namespace PlComms.Platform.Http;

/// <summary>RFC 7807 responses the features share, so the same failure reads the same everywhere.</summary>
public static class Problems
{
    public static ProblemHttpResult Validation(IReadOnlyDictionary<string, string[]> errors)
    {
        var fields = string.Join(", ", errors.Keys.Select(k => k.Length == 0 ? "(body)" : k));
        return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields.",
            Detail = $"Fix these fields: {fields}.",
            Extensions = { ["errors"] = errors },
        });
    }

    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found.", detail: $"There is no {what.ToLowerInvariant()} with id '{id}'.");

    public static ProblemHttpResult PreconditionRequired() =>
        TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required.",
            detail: "Send the ETag from your last GET in an If-Match header, so a change made meanwhile is not overwritten.");

    public static ProblemHttpResult PreconditionFailed() =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The resource has changed.",
            detail: "Someone saved a newer version since your copy. GET it again, reapply your change, and send the new ETag.");

    public static ProblemHttpResult StorageUnavailable() =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage is unavailable.",
            detail: "Nothing was written. Try again shortly.");
}
