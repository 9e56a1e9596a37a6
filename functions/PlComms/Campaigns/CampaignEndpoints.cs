using Microsoft.AspNetCore.Http.HttpResults;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;

namespace PlComms.Campaigns;

/// <summary>The campaign API; its rules live in <see cref="CampaignCommands"/>, which the web app's pages call too.</summary>
public static class CampaignEndpoints
{
    public static void MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Campaigns");
        api.MapPost(FunctionCatalog.Campaigns.AppPath, CreateAsync)
            .WithSummary("Create a campaign: an approved message to a segment, now or at a time")
            .WithDescription("Checks the message is approved, usable and meant for the segment's role, stores the campaign, and starts it at once when it is due now.")
            .ReadsJson<CampaignInput>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet(FunctionCatalog.Campaigns.AppPath, ListAsync)
            .WithSummary("List campaigns, 50 per page")
            .ProducesValidationProblem();
        api.MapGet(FunctionCatalog.Campaign.AppPath, GetAsync)
            .WithSummary("Read a campaign with its progress and batches")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(FunctionCatalog.CampaignCancel.AppPath, CancelAsync)
            .WithSummary("Cancel a campaign")
            .WithDescription("Stops batches not yet sent; what has gone out stays counted. 409 when the campaign is over.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapPost(FunctionCatalog.CampaignSchedule.AppPath, ScheduleAsync)
            .WithSummary("Schedule a draft campaign a follow-up rule suggested")
            .WithDescription("Names the approved message; the draft's audience gets it now or at scheduledAt. 409 unless the campaign is a draft.")
            .ReadsJson<ScheduleInput>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    private static async Task<Results<Created<CampaignDocument>, ProblemHttpResult>> CreateAsync(HttpRequest request, CampaignCommands commands, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<CampaignInput>(request, ct);
        if (problem is not null) return problem;
        var result = await commands.CreateAsync(input!, ct);
        if (result.Campaign is not { } campaign) return Problem(result, "");
        return TypedResults.Created(FunctionCatalog.Campaign.AppPath.Replace("{id}", campaign.Id), CampaignDocument.From(campaign));
    }

    private static async Task<Results<Ok<CampaignList>, ProblemHttpResult>> ListAsync(string? continuationToken, CampaignCommands commands, CancellationToken ct) =>
        await commands.ListAsync(continuationToken, ct) is { } list
            ? TypedResults.Ok(list)
            : Problems.Validation(new Dictionary<string, string[]> { ["continuationToken"] = ["The token is not one this API issued."] });

    private static async Task<Results<Ok<CampaignDocument>, ProblemHttpResult>> GetAsync(string id, CampaignCommands commands, CancellationToken ct) =>
        await commands.DetailAsync(id, ct) is { } found ? TypedResults.Ok(found) : Problems.NotFound("Campaign", id);

    private static async Task<Results<Ok<CampaignDocument>, ProblemHttpResult>> ScheduleAsync(
        string id, HttpRequest request, CampaignCommands commands, CampaignStore campaigns, CancellationToken ct)
    {
        // An unknown campaign is a 404 whatever the body holds.
        if (!CampaignCommands.IsId(id) || await campaigns.GetAsync(id, ct) is null) return Problems.NotFound("Campaign", id);
        var (input, problem) = await JsonBody.ReadAsync<ScheduleInput>(request, ct);
        if (problem is not null) return problem;
        var result = await commands.ScheduleAsync(id, input!, ct);
        return result.Campaign is { } campaign ? TypedResults.Ok(CampaignDocument.From(campaign)) : Problem(result, id);
    }

    private static async Task<Results<Ok<CampaignDocument>, ProblemHttpResult>> CancelAsync(string id, CampaignCommands commands, CancellationToken ct)
    {
        var result = await commands.CancelAsync(id, ct);
        return result.Campaign is { } campaign ? TypedResults.Ok(CampaignDocument.From(campaign)) : Problem(result, id);
    }

    private static ProblemHttpResult Problem(CampaignResult result, string id) => result.Refusal switch
    {
        CampaignRefusal.Invalid => Problems.Validation(result.Errors),
        CampaignRefusal.CampaignNotFound => Problems.NotFound("Campaign", id),
        CampaignRefusal.MessageNotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: result.Detail),
        CampaignRefusal.MessageUnusable => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The message cannot be sent.", detail: result.Detail),
        CampaignRefusal.NotADraft => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only a draft can be scheduled.", detail: result.Detail),
        CampaignRefusal.Over => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The campaign is over.", detail: result.Detail),
        _ => Problems.PreconditionFailed(),
    };
}
