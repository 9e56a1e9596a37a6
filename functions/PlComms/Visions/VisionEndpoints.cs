using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using PlComms.Messages;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;
using PlComms.Shared;

namespace PlComms.Visions;

public static partial class VisionEndpoints
{
    private const int PageSize = 50;

    public static void MapVisionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Visions");
        api.MapGet(FunctionCatalog.VisionCatalog.AppPath, GetCatalog)
            .WithSummary("The visioning tool's structure")
            .WithDescription("Focus categories and suggestions, impact suggestions, the four implementation phases with their suggestions, audiences and the statement template.");
        api.MapGet(FunctionCatalog.Visions.AppPath, ListAsync)
            .WithSummary("List vision summaries, 50 per page")
            .ProducesValidationProblem();
        api.MapPost(FunctionCatalog.Visions.AppPath, CreateAsync)
            .WithSummary("Create a draft vision")
            .WithDescription("Validates every field (unknown fields too) and stores version 1; the response carries its Location and ETag.")
            .ReadsJson<VisionInput>().SendsETag();
        api.MapPost(FunctionCatalog.VisionCompare.AppPath, CompareAsync)
            .WithSummary("Compare 2 to 20 drafts")
            .WithDescription("Per component, each item, how many drafts include it, and its agreement: consensus, majority, minority or unique.")
            .ReadsJson<CompareRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FunctionCatalog.Vision.AppPath, GetAsync)
            .WithSummary("Read the current version of a vision")
            .SendsETag().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut(FunctionCatalog.Vision.AppPath, UpdateAsync)
            .WithSummary("Replace a draft vision")
            .WithDescription("Creates the next immutable version. Requires If-Match with the ETag you read.")
            .ReadsJson<VisionInput>().ReadsIfMatch(required: true).SendsETag().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete(FunctionCatalog.Vision.AppPath, DeleteAsync)
            .WithSummary("Delete a vision, its versions and its messages")
            .ReadsIfMatch(required: false).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FunctionCatalog.VisionVersions.AppPath, ListVersionsAsync)
            .WithSummary("List every version of a vision")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FunctionCatalog.VisionVersion.AppPath, GetVersionAsync)
            .WithSummary("Read a version of a vision as it was saved")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FunctionCatalog.VisionStatement.AppPath, GetStatementAsync)
            .WithSummary("Render the vision statement")
            .WithDescription("The statement from the visioning tool's template, as text, markdown or html (?format=).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain", "text/markdown", "text/html")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Ok<VisionCatalogDocument> GetCatalog() => TypedResults.Ok(new VisionCatalogDocument(
        VisionCatalog.FocusCategories.Select(c => new CatalogFocusCategory(c.Category, c.Title)).ToList(),
        VisionCatalog.FocusSuggestions,
        VisionCatalog.ImpactSuggestions,
        VisionCatalog.Phases.Select(p => new CatalogPhase(p.Phase, p.Numeral, p.Title, p.Consider)).ToList(),
        Enum.GetValues<Audience>(),
        $"{VisionCatalog.Commitment} {VisionStatement.FocusLead} [focus areas], {VisionStatement.ImpactLead} [impacts]. {VisionStatement.SupportLead} [implementation supports].",
        VisionCatalog.Suggestions.Select(s => new CatalogWording(s.List, s.Text, s.Es, s.Family)).ToList()));

    private static async Task<Results<Ok<VisionList>, ProblemHttpResult>> ListAsync(string? continuationToken, VisionStore store, CancellationToken ct)
    {
        if (continuationToken is { Length: > 1024 })
            return Problems.Validation(new Dictionary<string, string[]> { ["continuationToken"] = ["The token is not one this API issued."] });
        var (items, next) = await store.ListAsync(continuationToken, PageSize, ct);
        return TypedResults.Ok(new VisionList(items, next));
    }

    private static async Task<Results<Created<VisionDocument>, ProblemHttpResult>> CreateAsync(HttpRequest request, HttpResponse response, VisionStore store, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<VisionInput>(request, ct);
        if (problem is not null) return problem;
        var result = VisionValidator.Validate(input);
        if (!result.IsValid) return Problems.Validation(result.Errors);

        var id = VisionStore.NewId();
        var (_, stored) = await store.CreateAsync(id, result.Value!, ct);
        ETags.Set(response, stored!.Version);
        return TypedResults.Created($"/{FunctionDefinition.RoutePrefix}/visions/{id}", VisionDocument.From(stored));
    }

    private static async Task<Results<Ok<VisionDocument>, ProblemHttpResult>> GetAsync(string id, HttpResponse response, VisionStore store, CancellationToken ct)
    {
        if (!IsId(id) || await store.GetAsync(id, ct) is not { } vision) return Problems.NotFound("Vision", id);
        ETags.Set(response, vision.Version);
        return TypedResults.Ok(VisionDocument.From(vision));
    }

    private static async Task<Results<Ok<VisionDocument>, ProblemHttpResult>> UpdateAsync(string id, HttpRequest request, HttpResponse response, VisionStore store, CancellationToken ct)
    {
        if (!IsId(id)) return Problems.NotFound("Vision", id);
        var (expected, preconditionProblem) = ETags.IfMatch(request, required: true);
        if (preconditionProblem is not null) return preconditionProblem;

        var (input, problem) = await JsonBody.ReadAsync<VisionInput>(request, ct);
        if (problem is not null) return problem;
        var result = VisionValidator.Validate(input);
        if (!result.IsValid) return Problems.Validation(result.Errors);

        var (status, stored) = await store.UpdateAsync(id, expected!.Value, result.Value!, ct);
        switch (status)
        {
            case WriteStatus.NotFound: return Problems.NotFound("Vision", id);
            case WriteStatus.Stale: return Problems.PreconditionFailed();
        }
        ETags.Set(response, stored!.Version);
        return TypedResults.Ok(VisionDocument.From(stored));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, HttpRequest request, VisionStore store, MessageStore messages, CancellationToken ct)
    {
        if (!IsId(id)) return Problems.NotFound("Vision", id);
        // If-Match is optional on delete, but honoured: a stale one protects a newer version from removal.
        var (expected, preconditionProblem) = ETags.IfMatch(request, required: false);
        if (preconditionProblem is not null) return preconditionProblem;
        switch (await store.DeleteAsync(id, expected, ct))
        {
            case WriteStatus.NotFound: return Problems.NotFound("Vision", id);
            case WriteStatus.Stale: return Problems.PreconditionFailed();
        }
        // The vision is gone; its messages can no longer be read, approved or sent.
        await messages.DeleteAllAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<VisionVersionList>, ProblemHttpResult>> ListVersionsAsync(string id, VisionStore store, CancellationToken ct)
    {
        if (!IsId(id) || await store.ListVersionsAsync(id, ct) is not { } versions) return Problems.NotFound("Vision", id);
        return TypedResults.Ok(new VisionVersionList(id, versions));
    }

    private static async Task<Results<Ok<VisionDocument>, ProblemHttpResult>> GetVersionAsync(string id, string version, VisionStore store, CancellationToken ct)
    {
        if (!int.TryParse(version, System.Globalization.NumberStyles.None, null, out var n) || n < 1)
            return Problems.Validation(new Dictionary<string, string[]> { ["version"] = ["A version is a whole number from 1."] });
        if (!IsId(id) || await store.GetVersionAsync(id, n, ct) is not { } stored)
            return TypedResults.Problem(statusCode: 404, title: "Version not found.", detail: $"Vision '{id}' has no version {n}.");
        return TypedResults.Ok(VisionDocument.From(stored));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetStatementAsync(string id, string? format, VisionStore store, CancellationToken ct)
    {
        StatementFormat? statementFormat = (format ?? "text").ToLowerInvariant() switch
        {
            "text" => StatementFormat.Text,
            "markdown" => StatementFormat.Markdown,
            "html" => StatementFormat.Html,
            _ => null,
        };
        if (statementFormat is null)
            return Problems.Validation(new Dictionary<string, string[]> { ["format"] = ["Use text, markdown or html."] });
        if (!IsId(id) || await store.GetAsync(id, ct) is not { } vision) return Problems.NotFound("Vision", id);
        var mediaType = statementFormat switch
        {
            StatementFormat.Markdown => "text/markdown; charset=utf-8",
            StatementFormat.Html => "text/html; charset=utf-8",
            _ => "text/plain; charset=utf-8",
        };
        return TypedResults.Content(VisionStatement.Render(vision.Content, statementFormat.Value), mediaType);
    }

    private static async Task<Results<Ok<VisionComparisonResult>, ProblemHttpResult>> CompareAsync(HttpRequest request, VisionStore store, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CompareRequest>(request, ct);
        if (problem is not null) return problem;
        var ids = body!.Ids ?? [];
        if (ids.Count < 2 || ids.Count > VisionLimits.DraftsToCompare)
            return Problems.Validation(new Dictionary<string, string[]> { ["ids"] = [$"Give between 2 and {VisionLimits.DraftsToCompare} draft ids."] });
        if (ids.Any(string.IsNullOrWhiteSpace))
            return Problems.Validation(new Dictionary<string, string[]> { ["ids"] = ["Ids must not be empty."] });
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
            return Problems.Validation(new Dictionary<string, string[]> { ["ids"] = ["Each draft may be listed once."] });

        var drafts = new List<(string, VisionContent)>();
        var missing = new List<string>();
        foreach (var id in ids)
        {
            if (IsId(id!) && await store.GetAsync(id!, ct) is { } vision) drafts.Add((id!, vision.Content));
            else missing.Add(id!);
        }
        if (missing.Count > 0)
            return TypedResults.Problem(statusCode: 404, title: "Vision not found.", detail: $"No vision has these ids: {string.Join(", ", missing)}.");
        return TypedResults.Ok(VisionComparison.Compare(drafts));
    }

    /// <summary>Ids are lower-case hex or kebab-case; anything else cannot name a stored row.</summary>
    public static bool IsId(string id) => IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex IdPattern();
}
