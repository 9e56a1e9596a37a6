using Microsoft.AspNetCore.Http.HttpResults;
using PlComms.Delivery;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;
using PlComms.Shared;

namespace PlComms.Campaigns;

public static class CampaignEndpoints
{
    private const int PageSize = 50;

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

    /// <summary>
    /// Checks the message is approved, usable and meant for the segment's role, stores the campaign, and starts it at
    /// once when it is due now (the timer would otherwise pick it up within a minute).
    /// </summary>
    private static async Task<Results<Created<CampaignDocument>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, CampaignStore campaigns, CampaignContents contents, CampaignStarter starter, TimeProvider clock, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<CampaignInput>(request, ct);
        if (problem is not null) return problem;
        var now = clock.GetUtcNow();
        var validated = CampaignValidator.Validate(input!, now);
        if (!validated.IsValid) return Problems.Validation(validated.Errors);
        var plan = validated.Value!;

        if (await MessageProblemAsync(contents, plan.VisionId, plan.MessageId, plan.Segment.Role, ct) is { } refused) return refused;

        var scheduledAt = plan.ScheduledAt is { } at && at > now ? at : now;
        var campaign = new StoredCampaign(Guid.CreateVersion7(now).ToString("n"), plan.Name, plan.VisionId, plan.MessageId, plan.Segment,
            MessageStream.Announcements, scheduledAt, CampaignStatus.Scheduled, null, [], 0, null, 0, 0, null, now, now, null);
        await campaigns.AddAsync(campaign, ct);
        if (scheduledAt <= now && await campaigns.GetAsync(campaign.Id, ct) is { } stored)
        {
            await starter.StartAsync(stored.Campaign, stored.ETag, ct);
            campaign = (await campaigns.GetAsync(campaign.Id, ct))!.Value.Campaign;
        }
        return TypedResults.Created(FunctionCatalog.Campaign.AppPath.Replace("{id}", campaign.Id), CampaignDocument.From(campaign));
    }

    private static async Task<Results<Ok<CampaignList>, ProblemHttpResult>> ListAsync(string? continuationToken, CampaignStore campaigns, CancellationToken ct)
    {
        if (continuationToken is { Length: > 1024 })
            return Problems.Validation(new Dictionary<string, string[]> { ["continuationToken"] = ["The token is not one this API issued."] });
        var (items, next) = await campaigns.ListAsync(continuationToken, PageSize, ct);
        return TypedResults.Ok(new CampaignList(items.Select(c => CampaignDocument.From(c)).ToList(), next));
    }

    private static async Task<Results<Ok<CampaignDocument>, ProblemHttpResult>> GetAsync(string id, CampaignStore campaigns, DeliveryStore deliveries, CancellationToken ct)
    {
        if (!IsId(id) || await campaigns.GetAsync(id, ct) is not { } found) return Problems.NotFound("Campaign", id);
        var batches = await deliveries.BatchesAsync(id, found.Campaign.BatchCount, ct);
        return TypedResults.Ok(CampaignDocument.From(found.Campaign, batches.Select(b => b.Batch).ToList()));
    }

    /// <summary>Why the message cannot go to the role (not found, not approved or stale, meant for another audience), or null.</summary>
    private static async Task<ProblemHttpResult?> MessageProblemAsync(CampaignContents contents, string visionId, string messageId, Contacts.ContactRole role, CancellationToken ct)
    {
        var resolved = await contents.ResolveAsync(visionId, messageId, MessageStream.Announcements, ct);
        if (resolved.Problem is not null)
            return TypedResults.Problem(statusCode: resolved.Status, title: resolved.Status == 404 ? "Not found." : "The message cannot be sent.", detail: resolved.Problem);
        if (CampaignContents.RoleFor(resolved.Audience!.Value) == role) return null;
        return Problems.Validation(new Dictionary<string, string[]>
        {
            ["segment.role"] = [CampaignContents.RoleFor(resolved.Audience.Value) is { } expected
                ? $"A {WireName<Audience>.Of(resolved.Audience.Value)} message goes to role '{WireName<Contacts.ContactRole>.Of(expected)}'."
                : $"{WireName<Audience>.Of(resolved.Audience.Value)} messages are not emailed: students are not contacts."],
        });
    }

    /// <summary>
    /// Finishes a draft (a follow-up the results suggested): the officer names the approved message, and the draft's
    /// audience gets it now or at a time. The draft's reason stays in its status reason.
    /// </summary>
    private static async Task<Results<Ok<CampaignDocument>, ProblemHttpResult>> ScheduleAsync(
        string id, HttpRequest request, CampaignStore campaigns, CampaignContents contents, CampaignStarter starter, TimeProvider clock, CancellationToken ct)
    {
        if (!IsId(id) || await campaigns.GetAsync(id, ct) is not { } found) return Problems.NotFound("Campaign", id);
        var (input, problem) = await JsonBody.ReadAsync<ScheduleInput>(request, ct);
        if (problem is not null) return problem;
        var (campaign, etag) = found;
        if (campaign.Status != CampaignStatus.Draft)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only a draft can be scheduled.",
                detail: $"Campaign '{id}' is {WireName<CampaignStatus>.Of(campaign.Status)}.");
        var errors = new ValidationErrors();
        var visionId = errors.RequiredText("visionId", input!.VisionId ?? (campaign.VisionId.Length > 0 ? campaign.VisionId : null), 64);
        var messageId = errors.RequiredText("messageId", input.MessageId, 64);
        var now = clock.GetUtcNow();
        if (input.ScheduledAt is { } at && at > now + CampaignValidator.MaxLead) errors.Add("scheduledAt", "A campaign can be scheduled at most a year ahead.");
        if (!errors.IsEmpty) return Problems.Validation(errors.ToDictionary());
        if (await MessageProblemAsync(contents, visionId!, messageId!, campaign.Segment.Role, ct) is { } refused) return refused;

        var scheduledAt = input.ScheduledAt is { } when && when > now ? when : now;
        var scheduled = campaign with { VisionId = visionId!, MessageId = messageId!, Status = CampaignStatus.Scheduled, ScheduledAt = scheduledAt, UpdatedAt = now };
        if (await campaigns.ReplaceAsync(scheduled, etag, ct) is not { } next) return Problems.PreconditionFailed();
        if (scheduledAt <= now) await starter.StartAsync(scheduled, next, ct);
        return TypedResults.Ok(CampaignDocument.From((await campaigns.GetAsync(id, ct))!.Value.Campaign));
    }

    /// <summary>Stops batches not yet sent; what has gone out stays counted.</summary>
    private static async Task<Results<Ok<CampaignDocument>, ProblemHttpResult>> CancelAsync(string id, CampaignStore campaigns, TimeProvider clock, CancellationToken ct)
    {
        if (!IsId(id) || await campaigns.GetAsync(id, ct) is not { } found) return Problems.NotFound("Campaign", id);
        var (campaign, etag) = found;
        if (campaign.Status is CampaignStatus.Completed or CampaignStatus.Failed or CampaignStatus.Cancelled)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The campaign is over.",
                detail: $"Campaign '{id}' is {WireName<CampaignStatus>.Of(campaign.Status)}; there is nothing left to cancel.");
        var now = clock.GetUtcNow();
        var cancelled = campaign with { Status = CampaignStatus.Cancelled, StatusReason = "Cancelled by the officer.", UpdatedAt = now, CompletedAt = now };
        if (await campaigns.ReplaceAsync(cancelled, etag, ct) is null) return Problems.PreconditionFailed();
        return TypedResults.Ok(CampaignDocument.From(cancelled));
    }

    private sealed record ScheduleInput(string? VisionId, string? MessageId, DateTimeOffset? ScheduledAt);

    private static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
