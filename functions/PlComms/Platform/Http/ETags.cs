using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace PlComms.Platform.Http;

/// <summary>
/// Resources carry a revision number as a strong ETag (<c>"3"</c>). Writes send it back in If-Match;
/// the storage write itself is still guarded by the table's ETag, so a race loses with 412.
/// </summary>
public static class ETags
{
    public static string Of(int revision) => $"\"{revision}\"";

    public static void Set(HttpResponse response, int revision) => response.Headers.ETag = Of(revision);

    /// <summary>Reads If-Match as a revision. "*" is refused: it would defeat the lost-update check.</summary>
    public static (int? Revision, ProblemHttpResult? Problem) IfMatch(HttpRequest request, bool required)
    {
        var header = request.Headers[HeaderNames.IfMatch].ToString();
        if (string.IsNullOrWhiteSpace(header)) return (null, required ? Problems.PreconditionRequired() : null);
        var value = header.Trim();
        if (value.Length > 2 && value[0] == '"' && value[^1] == '"' && int.TryParse(value[1..^1], out var revision) && revision > 0)
            return (revision, null);
        // An unrecognisable tag cannot match the current one.
        return (null, Problems.PreconditionFailed());
    }

    /// <summary>
    /// The OpenAPI description of an endpoint that reads If-Match with <see cref="IfMatch"/>: the header (required or
    /// not), 412 for a stale tag and, when required, 428 for a missing one.
    /// </summary>
    public static RouteHandlerBuilder ReadsIfMatch(this RouteHandlerBuilder endpoint, bool required)
    {
        endpoint.ProducesProblem(StatusCodes.Status412PreconditionFailed);
        if (required) endpoint.ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = HeaderNames.IfMatch,
                In = ParameterLocation.Header,
                Required = required,
                Description = required
                    ? "The ETag of your last GET (e.g. \"3\"), so a change made meanwhile is not overwritten."
                    : "Optional: the ETag of your last GET; a stale one refuses the request with 412.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            return Task.CompletedTask;
        });
    }

    /// <summary>The OpenAPI description of a response that carries the resource's revision in an ETag header.</summary>
    public static RouteHandlerBuilder SendsETag(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var (status, response) in operation.Responses ?? [])
            {
                if (!status.StartsWith('2') || response is not OpenApiResponse concrete) continue;
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers[HeaderNames.ETag] = new OpenApiHeader
                {
                    Description = "The resource's revision; send it back in If-Match to change it.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
            return Task.CompletedTask;
        });
}
