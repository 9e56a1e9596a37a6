using Microsoft.AspNetCore.Http.HttpResults;
using PlComms.Campaigns;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;
using PlComms.Shared;
using PlComms.Surveys;

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

    /// <summary>Checks the rule against its survey, and a named message against what campaigns may send to that survey's audience.</summary>
    private static async Task<Results<Created<RuleDocument>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, FollowUpStore store, SurveyStore surveys, CampaignContents contents, TimeProvider clock, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<FollowUpRuleInput>(request, ct);
        if (problem is not null) return problem;
        var survey = input!.SurveyId is { Length: 32 } sid && IsId(sid) ? (await surveys.GetAsync(sid, ct))?.Survey : null;
        var validated = FollowUpRules.Validate(input, id => survey?.Id == id ? survey.Definition : null);
        if (!validated.IsValid) return Problems.Validation(validated.Errors);
        var rule = validated.Value!;
        if (rule.Action is { Kind: FollowUpActionKind.ScheduleMessage, VisionId: { } visionId, MessageId: { } messageId })
        {
            var resolved = await contents.ResolveAsync(visionId, messageId, Delivery.MessageStream.Announcements, ct);
            if (resolved.Problem is not null) return Problems.Validation(new Dictionary<string, string[]> { ["action.messageId"] = [resolved.Problem] });
            if (CampaignContents.RoleFor(resolved.Audience!.Value) != survey!.Definition.Segment.Role)
                return Problems.Validation(new Dictionary<string, string[]>
                {
                    ["action.messageId"] = [$"A {WireName<Audience>.Of(resolved.Audience.Value)} message cannot follow up a survey of {WireName<Audience>.Of(survey.Definition.Audience)}."],
                });
        }
        var now = clock.GetUtcNow();
        var stored = new StoredRule(Guid.CreateVersion7(now).ToString("n"), rule, now);
        await store.AddRuleAsync(stored, ct);
        return TypedResults.Created(FunctionCatalog.FollowUpRule.AppPath.Replace("{id}", stored.Id), new RuleDocument(stored.Id, stored.Rule, stored.CreatedAt));
    }

    private static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
