using Microsoft.AspNetCore.Http.HttpResults;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;

namespace PlComms.Campaigns;

/// <summary>The campaign API; its rules live in <see cref="CampaignCommands"/>, which the web app's pages call too.</summary>
public static class CampaignEndpoints
{
    public static void MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(FunctionCatalog.Campaigns.AppPath, CreateAsync);
        app.MapGet(FunctionCatalog.Campaigns.AppPath, ListAsync);
        app.MapGet(FunctionCatalog.Campaign.AppPath, GetAsync);
        app.MapPost(FunctionCatalog.CampaignCancel.AppPath, CancelAsync);
        app.MapPost(FunctionCatalog.CampaignSchedule.AppPath, ScheduleAsync);
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
