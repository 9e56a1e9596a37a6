using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.Contacts;

public static class ContactEndpoints
{
    public static void MapContactEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Contacts");
        api.MapPost(FunctionCatalog.ContactImport.AppPath, ImportAsync)
            .WithSummary("Import contacts from a CSV file or a OneRoster zip")
            .WithDescription("The body is the file: text/csv (the simple contact CSV), application/zip (a OneRoster 1.1/1.2 bundle) or multipart/form-data with the file. ?dryRun=true reports what would change and stores nothing; one import runs at a time (409).")
            .Accepts<Stream>("text/csv", "application/zip", "multipart/form-data")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // A form carries the file as its first file field, not as the whole body.
                if (operation.RequestBody?.Content?.TryGetValue("multipart/form-data", out var form) == true)
                {
                    form.Schema = new Microsoft.OpenApi.OpenApiSchema
                    {
                        Type = Microsoft.OpenApi.JsonSchemaType.Object,
                        Properties = new Dictionary<string, Microsoft.OpenApi.IOpenApiSchema>
                        {
                            ["file"] = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = "binary" },
                        },
                        Required = new HashSet<string> { "file" },
                    };
                }
                return Task.CompletedTask;
            })
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet(FunctionCatalog.Contacts.AppPath, ListAsync)
            .WithSummary("List contacts, filtered by role, school, grade, language or email")
            .ProducesValidationProblem();
        api.MapGet(FunctionCatalog.Contact.AppPath, GetAsync)
            .WithSummary("Read a contact")
            .SendsETag().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete(FunctionCatalog.Contact.AppPath, DeleteAsync)
            .WithSummary("Erase a contact")
            .WithDescription("The contact's row goes; deliveries keep their counts under the opaque id, with no address.")
            .ReadsIfMatch(required: false).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(FunctionCatalog.SegmentPreview.AppPath, PreviewAsync)
            .WithSummary("Preview a segment: how many it reaches, and a page of them")
            .ReadsJson<SegmentInput>();
    }

    private static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportAsync(
        HttpContext http, bool? dryRun, string? format, ContactImports imports, CancellationToken ct)
    {
        var limit = imports.MaxUploadBytes;
        var (upload, failure) = await ImportUpload.ReadAsync(http.Request, format, limit, ct);
        if (failure is { } f) return ImportUpload.Problem(f, format, limit);

        var outcome = await imports.RunAsync(upload!, dryRun == true, ct);
        if (outcome.FileProblem is { } ex)
        {
            return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = $"The file {ex.File} cannot be imported.",
                Detail = ex.Message,
                Extensions = { ["file"] = ex.File },
            });
        }
        if (outcome.Busy)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Another import is running.",
                detail: "Contacts are imported one file at a time. Try again when the running import has finished.");
        return TypedResults.Ok(outcome.Report!);
    }

    private static async Task<Results<Ok<ContactList>, ProblemHttpResult>> ListAsync(
        // Explicit: the compile-time request delegate generator would otherwise also declare a JSON body for the arrays.
        string? role, [FromQuery] string[]? school, [FromQuery] string[]? grade, [FromQuery] string[]? language, string? email, string? continuationToken, int? pageSize,
        ContactQueries queries, CancellationToken ct)
    {
        var result = await queries.ListAsync(new ContactListQuery(role, school, grade, language, email, continuationToken, pageSize), ct);
        return result.IsValid ? TypedResults.Ok(result.Value!) : Problems.Validation(result.Errors);
    }

    private static async Task<Results<Ok<ContactDocument>, ProblemHttpResult>> GetAsync(string id, HttpResponse response, ContactStore store, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } found) return Problems.NotFound("Contact", id);
        response.Headers.ETag = found.ETag.ToString("H");
        return TypedResults.Ok(ContactDocument.From(found.Contact));
    }

    /// <summary>Erasure: the contact's row goes; deliveries keep their counts under the opaque id, with no address.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, HttpRequest request, ContactStore store, CancellationToken ct)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        Azure.ETag? etag = string.IsNullOrWhiteSpace(ifMatch) ? null : new Azure.ETag(ifMatch.Trim());
        return await store.DeleteAsync(id, etag, ct) switch
        {
            WriteStatus.NotFound => Problems.NotFound("Contact", id),
            WriteStatus.Stale => Problems.PreconditionFailed(),
            _ => TypedResults.NoContent(),
        };
    }

    private static async Task<Results<Ok<SegmentPreview>, ProblemHttpResult>> PreviewAsync(HttpRequest request, string? continuationToken, ContactQueries queries, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<SegmentInput>(request, ct);
        if (problem is not null) return problem;
        var result = await queries.PreviewAsync(input, continuationToken, ct);
        return result.IsValid ? TypedResults.Ok(result.Value!) : Problems.Validation(result.Errors);
    }
}
