using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;
using PlComms.Shared;

namespace PlComms.Delivery;

public sealed record SuppressionInput(string? Email, string? Scope, string? Reason, string? Note);

public sealed record SuppressionList(IReadOnlyList<StoredSuppression> Items, string? ContinuationToken);

public static partial class SuppressionEndpoints
{
    private const int PageSize = 100;

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

    private static async Task<Results<Ok<SuppressionList>, ProblemHttpResult>> ListAsync(string? email, string? continuationToken, SuppressionStore store, CancellationToken ct)
    {
        if (continuationToken is { Length: > 2048 } || email is { Length: > 254 })
            return Problems.Validation(new Dictionary<string, string[]> { [email is { Length: > 254 } ? "email" : "continuationToken"] = ["The value is too long."] });
        var (items, next) = await store.ListAsync(string.IsNullOrWhiteSpace(email) ? null : email, continuationToken, PageSize, ct);
        return TypedResults.Ok(new SuppressionList(items, next));
    }

    /// <summary>The officer records an opt-out given another way (phone, letter): reason manual or unsubscribed.</summary>
    private static async Task<Results<Created<StoredSuppression>, Ok<StoredSuppression>, ProblemHttpResult>> AddAsync(HttpRequest request, SuppressionStore store, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<SuppressionInput>(request, ct);
        if (problem is not null) return problem;
        var errors = new ValidationErrors();
        var email = errors.RequiredText("email", input!.Email, 254);
        if (email is not null && !IsAddress(email)) errors.Add("email", "This is not an email address.");
        var scope = input.Scope is null ? SuppressionScope.All : errors.OneOf<SuppressionScope>("scope", input.Scope);
        var reason = input.Reason is null ? SuppressionReason.Manual : errors.OneOf<SuppressionReason>("reason", input.Reason);
        if (reason is SuppressionReason.HardBounce or SuppressionReason.SpamReport)
            errors.Add("reason", "Bounces and spam reports are recorded from SendGrid's events; use manual or unsubscribed.");
        var note = errors.OptionalText("note", input.Note, 500);
        if (!errors.IsEmpty) return Problems.Validation(errors.ToDictionary());

        var added = await store.AddAsync(email!, scope!.Value, reason!.Value, "officer", note, ct);
        var stored = (await store.GetAsync(SuppressionStore.IdOf(SuppressionStore.RowKey(email!, scope.Value)), ct))!;
        return added ? TypedResults.Created($"{FunctionCatalog.Suppressions.AppPath}/{stored.Id}", stored) : TypedResults.Ok(stored);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string id, SuppressionStore store, CancellationToken ct) =>
        IdPattern().IsMatch(id) && await store.RemoveAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound("Suppression", id);

    internal static bool IsAddress(string email) =>
        !email.Any(char.IsWhiteSpace) && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Count(c => c == '@') == 1;

    [GeneratedRegex("^[0-9a-f]{64}\\.(all|surveys|announcements)$")]
    private static partial Regex IdPattern();
}
