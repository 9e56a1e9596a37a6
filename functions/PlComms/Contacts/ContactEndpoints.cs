using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.Contacts;

public static class ContactEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

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
        HttpContext http, bool? dryRun, string? format, ContactImporter importer, ImportLock importLock, IOptions<ContactOptions> options, CancellationToken ct)
    {
        var limit = options.Value.MaxUploadBytes;
        // The server-wide limit suits JSON bodies; an import file may be larger, up to its own bound.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;

        var (upload, problem) = await ImportUpload.ReadAsync(http.Request, format, limit, ct);
        if (problem is not null) return problem;

        ParsedImport parsed;
        try
        {
            using var content = new MemoryStream(upload!.Content, writable: false);
            parsed = importer.Parse(content, upload.Format);
        }
        catch (ImportFileException ex)
        {
            return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = $"The file {ex.File} cannot be imported.",
                Detail = ex.Message,
                Extensions = { ["file"] = ex.File },
            });
        }

        if (dryRun == true) return TypedResults.Ok(await importer.ApplyAsync(parsed, upload.Format, dryRun: true, ct));
        if (await importLock.TryAcquireAsync(ct) is not { } held)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Another import is running.",
                detail: "Contacts are imported one file at a time. Try again when the running import has finished.");
        try
        {
            return TypedResults.Ok(await importer.ApplyAsync(parsed, upload.Format, dryRun: false, ct));
        }
        finally
        {
            await importLock.ReleaseAsync(held);
        }
    }

    private static async Task<Results<Ok<ContactList>, ProblemHttpResult>> ListAsync(
        string? role, string[]? school, string[]? grade, string[]? language, string? email, string? continuationToken, int? pageSize,
        ContactStore store, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        ContactRole? roleFilter = role is null ? null : errors.OneOf<ContactRole>("role", role);
        var segment = SegmentValidator.Validate(new SegmentInput(role ?? WireName<ContactRole>.Of(ContactRole.Parent), school, grade, language), errors);
        if (pageSize is < 1 or > MaxPageSize) errors.Add("pageSize", $"Use 1 to {MaxPageSize}.");
        if (email is { Length: > 254 }) errors.Add("email", "An email address has at most 254 characters.");
        if (continuationToken is { Length: > 2048 }) errors.Add("continuationToken", "The token is not one this API issued.");
        if (!errors.IsEmpty)
        {
            // Errors name the query parameters the caller sent ("language"), not the segment's fields ("languages[0]").
            return Problems.Validation(errors.ToDictionary()
                .GroupBy(e => QueryParameterOf(e.Key))
                .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray()));
        }

        var emailHash = string.IsNullOrWhiteSpace(email) ? null : ContactIds.Hash(email.Trim().ToLowerInvariant());
        var roles = roleFilter is { } r ? [r] : Enum.GetValues<ContactRole>();
        var filters = roles.Select(r => ContactFilter.Of(segment! with { Role = r }) with { EmailHash = emailHash }).ToList();
        try
        {
            var page = await store.QueryAsync(filters, continuationToken, pageSize ?? DefaultPageSize, ct);
            return TypedResults.Ok(new ContactList(page.Items.Select(ContactDocument.From).ToList(), page.ContinuationToken));
        }
        catch (FormatException ex)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["continuationToken"] = [ex.Message] });
        }
    }

    private static string QueryParameterOf(string field) => field.Split('[')[0] switch
    {
        "schools" => "school",
        "grades" => "grade",
        "languages" => "language",
        var other => other,
    };

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

    private static async Task<Results<Ok<SegmentPreview>, ProblemHttpResult>> PreviewAsync(HttpRequest request, string? continuationToken, ContactStore store, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<SegmentInput>(request, ct);
        if (problem is not null) return problem;
        var errors = new ValidationErrors();
        var segment = SegmentValidator.Validate(input, errors);
        if (segment is null) return Problems.Validation(errors.ToDictionary());

        var filter = ContactFilter.Of(segment);
        try
        {
            var page = await store.QueryAsync([filter], continuationToken, DefaultPageSize, ct);
            var count = await store.CountAsync(filter, ct);
            return TypedResults.Ok(new SegmentPreview(segment, count, page.Items.Select(ContactDocument.From).ToList(), page.ContinuationToken));
        }
        catch (FormatException ex)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["continuationToken"] = [ex.Message] });
        }
    }
}
