using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.Shared;

namespace PlComms.Campaigns;

/// <summary>Why a campaign command was refused; the API answers each with its problem, the web app with a sentence.</summary>
public enum CampaignRefusal
{
    /// <summary>Fields are wrong: see <see cref="CampaignResult.Errors"/>.</summary>
    Invalid,
    CampaignNotFound,

    /// <summary>The vision or the message does not exist.</summary>
    MessageNotFound,

    /// <summary>The message is not approved, is stale, or has no email rendering.</summary>
    MessageUnusable,
    NotADraft,

    /// <summary>Completed, failed or already cancelled: nothing to cancel.</summary>
    Over,

    /// <summary>The campaign changed while the command ran (its ETag moved).</summary>
    Changed,
}

/// <summary>A command's campaign, or why it was refused (<see cref="Detail"/> says so for a person).</summary>
public sealed record CampaignResult(StoredCampaign? Campaign, CampaignRefusal? Refusal, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public static CampaignResult Done(StoredCampaign campaign) => new(campaign, null, null, NoErrors);

    public static CampaignResult Refused(CampaignRefusal refusal, string? detail = null) => new(null, refusal, detail, NoErrors);

    public static CampaignResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(null, CampaignRefusal.Invalid, null, errors);
}

/// <summary>The draft's message, chosen by the officer, and when it goes out (now when null or past).</summary>
public sealed record ScheduleInput(string? VisionId, string? MessageId, DateTimeOffset? ScheduledAt);

/// <summary>
/// The officer's campaign commands, one implementation for the API (<c>POST /api/campaigns</c>, <c>/schedule</c>,
/// <c>/cancel</c>) and the web app's campaign pages: the same validation, the same message checks, the same start.
/// </summary>
public sealed class CampaignCommands(CampaignStore campaigns, CampaignContents contents, CampaignStarter starter, Delivery.DeliveryStore deliveries, TimeProvider clock)
{
    public const int PageSize = 50;

    public static bool IsId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>
    /// Checks the message is approved, usable and meant for the segment's role, stores the campaign, and starts it at
    /// once when it is due now (the timer would otherwise pick it up within a minute).
    /// </summary>
    public async Task<CampaignResult> CreateAsync(CampaignInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var validated = CampaignValidator.Validate(input, now);
        if (!validated.IsValid) return CampaignResult.Invalid(validated.Errors);
        var plan = validated.Value!;

        if (await MessageRefusalAsync(plan.VisionId, plan.MessageId, plan.Segment.Role, ct) is { } refused) return refused;

        var scheduledAt = plan.ScheduledAt is { } at && at > now ? at : now;
        var campaign = new StoredCampaign(Guid.CreateVersion7(now).ToString("n"), plan.Name, plan.VisionId, plan.MessageId, plan.Segment,
            MessageStream.Announcements, scheduledAt, CampaignStatus.Scheduled, null, [], 0, null, 0, 0, null, now, now, null);
        await campaigns.AddAsync(campaign, ct);
        if (scheduledAt <= now && await campaigns.GetAsync(campaign.Id, ct) is { } stored)
        {
            await starter.StartAsync(stored.Campaign, stored.ETag, ct);
            campaign = (await campaigns.GetAsync(campaign.Id, ct))!.Value.Campaign;
        }
        return CampaignResult.Done(campaign);
    }

    /// <summary>
    /// Finishes a draft (a follow-up the results suggested): the officer names the approved message, and the draft's
    /// audience gets it now or at a time. The draft's reason stays in its status reason.
    /// </summary>
    public async Task<CampaignResult> ScheduleAsync(string id, ScheduleInput input, CancellationToken ct)
    {
        if (!IsId(id) || await campaigns.GetAsync(id, ct) is not { } found) return CampaignResult.Refused(CampaignRefusal.CampaignNotFound);
        var (campaign, etag) = found;
        if (campaign.Status != CampaignStatus.Draft)
            return CampaignResult.Refused(CampaignRefusal.NotADraft, $"Campaign '{id}' is {WireName<CampaignStatus>.Of(campaign.Status)}.");
        var errors = new ValidationErrors();
        var visionId = errors.RequiredText("visionId", input.VisionId ?? (campaign.VisionId.Length > 0 ? campaign.VisionId : null), 64);
        var messageId = errors.RequiredText("messageId", input.MessageId, 64);
        var now = clock.GetUtcNow();
        if (input.ScheduledAt is { } at && at > now + CampaignValidator.MaxLead) errors.Add("scheduledAt", "A campaign can be scheduled at most a year ahead.");
        if (!errors.IsEmpty) return CampaignResult.Invalid(errors.ToDictionary());
        if (await MessageRefusalAsync(visionId!, messageId!, campaign.Segment.Role, ct) is { } refused) return refused;

        var scheduledAt = input.ScheduledAt is { } when && when > now ? when : now;
        var scheduled = campaign with { VisionId = visionId!, MessageId = messageId!, Status = CampaignStatus.Scheduled, ScheduledAt = scheduledAt, UpdatedAt = now };
        if (await campaigns.ReplaceAsync(scheduled, etag, ct) is not { } next) return CampaignResult.Refused(CampaignRefusal.Changed);
        if (scheduledAt <= now) await starter.StartAsync(scheduled, next, ct);
        return CampaignResult.Done((await campaigns.GetAsync(id, ct))!.Value.Campaign);
    }

    /// <summary>Stops batches not yet sent; what has gone out stays counted.</summary>
    public async Task<CampaignResult> CancelAsync(string id, CancellationToken ct)
    {
        if (!IsId(id) || await campaigns.GetAsync(id, ct) is not { } found) return CampaignResult.Refused(CampaignRefusal.CampaignNotFound);
        var (campaign, etag) = found;
        if (IsOver(campaign.Status))
            return CampaignResult.Refused(CampaignRefusal.Over, $"Campaign '{id}' is {WireName<CampaignStatus>.Of(campaign.Status)}; there is nothing left to cancel.");
        var now = clock.GetUtcNow();
        var cancelled = campaign with { Status = CampaignStatus.Cancelled, StatusReason = "Cancelled by the officer.", UpdatedAt = now, CompletedAt = now };
        if (await campaigns.ReplaceAsync(cancelled, etag, ct) is null) return CampaignResult.Refused(CampaignRefusal.Changed);
        return CampaignResult.Done(cancelled);
    }

    /// <summary>A campaign (or survey send) with its progress and batches, or null.</summary>
    public async Task<CampaignDocument?> DetailAsync(string id, CancellationToken ct)
    {
        if (!IsId(id) || await campaigns.GetAsync(id, ct) is not { } found) return null;
        var batches = await deliveries.BatchesAsync(id, found.Campaign.BatchCount, ct);
        return CampaignDocument.From(found.Campaign, batches.Select(b => b.Batch).ToList());
    }

    /// <summary>Campaigns and survey sends, oldest first; null when the token is not one the list issued.</summary>
    public async Task<CampaignList?> ListAsync(string? continuationToken, CancellationToken ct)
    {
        if (continuationToken is { Length: > 1024 }) return null;
        var (items, next) = await campaigns.ListAsync(continuationToken, PageSize, ct);
        return new CampaignList(items.Select(c => CampaignDocument.From(c)).ToList(), next);
    }

    /// <summary>Completed, failed or cancelled: a cancel has nothing left to stop.</summary>
    public static bool IsOver(CampaignStatus status) => status is CampaignStatus.Completed or CampaignStatus.Failed or CampaignStatus.Cancelled;

    /// <summary>Why the message cannot go to the role (not found, not approved or stale, meant for another audience), or null.</summary>
    private async Task<CampaignResult?> MessageRefusalAsync(string visionId, string messageId, ContactRole role, CancellationToken ct)
    {
        var resolved = await contents.ResolveAsync(visionId, messageId, MessageStream.Announcements, ct);
        if (resolved.Problem is not null)
            return CampaignResult.Refused(resolved.Status == 404 ? CampaignRefusal.MessageNotFound : CampaignRefusal.MessageUnusable, resolved.Problem);
        if (CampaignContents.RoleFor(resolved.Audience!.Value) == role) return null;
        return CampaignResult.Invalid(new Dictionary<string, string[]>
        {
            ["segment.role"] = [CampaignContents.RoleFor(resolved.Audience.Value) is { } expected
                ? $"A {WireName<Audience>.Of(resolved.Audience.Value)} message goes to role '{WireName<ContactRole>.Of(expected)}'."
                : $"{WireName<Audience>.Of(resolved.Audience.Value)} messages are not emailed: students are not contacts."],
        });
    }
}
