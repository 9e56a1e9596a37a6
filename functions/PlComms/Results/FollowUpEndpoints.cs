using Microsoft.AspNetCore.Http.HttpResults;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;

namespace PlComms.Results;

public sealed record RuleDocument(string Id, FollowUpRule Rule, DateTimeOffset CreatedAt);

public sealed record RuleList(IReadOnlyList<RuleDocument> Items);

public sealed record FollowUpList(IReadOnlyList<StoredFollowUp> Items);

/// <summary>Follow-up rules and what they fired.</summary>
public static class FollowUpEndpoints
{
    public static void MapFollowUpEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Follow-ups");
        api.MapPost(FunctionCatalog.FollowUpRules.AppPath, CreateAsync)
            .WithSummary("Create a follow-up rule on a survey's results")
            .WithDescription("Checks the rule against its survey, and a named message against what campaigns may send to that survey's audience.")
            .ReadsJson<FollowUpRuleInput>();
        api.MapGet(FunctionCatalog.FollowUpRules.AppPath, async (string? surveyId, FollowUpStore store, CancellationToken ct) =>
            TypedResults.Ok(new RuleList([.. (await store.RulesAsync(surveyId, ct)).Select(r => new RuleDocument(r.Id, r.Rule, r.CreatedAt))])))
            .WithSummary("List follow-up rules, of one survey or all");
        api.MapGet(FunctionCatalog.FollowUpRule.AppPath, async Task<Results<Ok<RuleDocument>, ProblemHttpResult>> (string id, FollowUpStore store, CancellationToken ct) =>
            IsId(id) && await store.GetRuleAsync(id, ct) is { } r ? TypedResults.Ok(new RuleDocument(r.Id, r.Rule, r.CreatedAt)) : Problems.NotFound("Follow-up rule", id))
            .WithSummary("Read a follow-up rule")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete(FunctionCatalog.FollowUpRule.AppPath, async Task<Results<NoContent, ProblemHttpResult>> (string id, FollowUpStore store, CancellationToken ct) =>
            IsId(id) && await store.DeleteRuleAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound("Follow-up rule", id))
            .WithSummary("Delete a follow-up rule")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FunctionCatalog.FollowUps.AppPath, async (string? surveyId, FollowUpStore store, CancellationToken ct) =>
            TypedResults.Ok(new FollowUpList(await store.FiringsAsync(surveyId, ct))))
            .WithSummary("What the rules fired: one entry per rule, wave and group, with the campaign it made");
    }

    private static async Task<Results<Created<RuleDocument>, ProblemHttpResult>> CreateAsync(HttpRequest request, FollowUpService service, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<FollowUpRuleInput>(request, ct);
        if (problem is not null) return problem;
        var (stored, errors) = await service.CreateRuleAsync(input!, ct);
        if (errors is not null) return Problems.Validation(errors);
        return TypedResults.Created(FunctionCatalog.FollowUpRule.AppPath.Replace("{id}", stored!.Id), new RuleDocument(stored.Id, stored.Rule, stored.CreatedAt));
    }

    private static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
