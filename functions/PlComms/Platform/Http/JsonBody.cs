using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PlComms.Platform.Http;

/// <summary>
/// Reads a JSON request body and turns every way it can be wrong into a problem response that
/// names the field: wrong media type, too large, malformed, wrong type, unknown field.
/// </summary>
public static class JsonBody
{
    /// <summary>Matches Kestrel's limit set in <see cref="PlCommsApp"/>; bodies are small JSON documents.</summary>
    public const long MaxBytes = 256 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The request body must be JSON.", detail: "Send Content-Type: application/json."));
        if (request.ContentLength > MaxBytes)
            return (null, TooLarge());

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Json.Options, cancellationToken);
            return value is null
                ? (null, Problems.Validation(new Dictionary<string, string[]> { [""] = ["A JSON object is required."] }))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            var message = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "Unknown field."
                : ex.Path is null or "$" ? "The body is not valid JSON." : "The value is not valid for this field (wrong type or malformed JSON).";
            return (null, Problems.Validation(new Dictionary<string, string[]> { [field] = [message] }));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
    }

    /// <summary>
    /// The OpenAPI description of an endpoint that reads its body with <see cref="ReadAsync{T}"/>: the generator cannot
    /// see a body read by hand, so this names its type, and the problems every such read can answer (400 with the
    /// fields, 413, 415).
    /// </summary>
    public static RouteHandlerBuilder ReadsJson<T>(this RouteHandlerBuilder endpoint) where T : class =>
        endpoint.Accepts<T>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large.", detail: $"Bodies are limited to {MaxBytes / 1024} KiB.");

    /// <summary>"$.impacts.shortTerm[0].priority" becomes "impacts.shortTerm[0].priority".</summary>
    private static string FieldOf(string? jsonPath) =>
        jsonPath is null or "$" ? "" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
}
