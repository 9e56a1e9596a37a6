using Microsoft.AspNetCore.Http.HttpResults;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;

namespace PlComms.Delivery;

public sealed record SuppressionInput(string? Email, string? Scope, string? Reason, string? Note);

public sealed record SuppressionList(IReadOnlyList<StoredSuppression> Items, string? ContinuationToken);

/// <summary>The suppression API; its rules live in <see cref="SuppressionCommands"/>, which the web app's page calls too.</summary>
public static class SuppressionEndpoints
{
    public static void MapSuppressionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Suppressions");
        api.MapGet(FunctionCatalog.Suppressions.AppPath, ListAsync)
            .WithSummary("List suppressed addresses, 100 per page")
            .ProducesValidationProblem();
        api.MapPost(FunctionCatalog.Suppressions.AppPath, AddAsync)
            .WithSummary("Suppress an address")
            .WithDescription("Records an opt-out given another way (phone, letter): scope all, surveys or announcements; reason manual or unsubscribed. 201 when new, 200 when it was already suppressed.")
            .ReadsJson<SuppressionInput>();
        api.MapDelete(FunctionCatalog.Suppression.AppPath, RemoveAsync)
            .WithSummary("Remove a suppression")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<SuppressionList>, ProblemHttpResult>> ListAsync(string? email, string? continuationToken, SuppressionCommands commands, CancellationToken ct)
    {
        var (list, errors) = await commands.ListAsync(email, continuationToken, ct);
        return list is null ? Problems.Validation(errors) : TypedResults.Ok(list);
    }

    private static async Task<Results<Created<StoredSuppression>, Ok<StoredSuppression>, ProblemHttpResult>> AddAsync(HttpRequest request, SuppressionCommands commands, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<SuppressionInput>(request, ct);
        if (problem is not null) return problem;
        var (result, errors) = await commands.AddAsync(input!, ct);
        if (result is null) return Problems.Validation(errors);
        return result.Added
            ? TypedResults.Created($"{FunctionCatalog.Suppressions.AppPath}/{result.Suppression.Id}", result.Suppression)
            : TypedResults.Ok(result.Suppression);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string id, SuppressionCommands commands, CancellationToken ct) =>
        await commands.LiftAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound("Suppression", id);
}
