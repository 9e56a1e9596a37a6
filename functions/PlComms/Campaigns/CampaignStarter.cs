using Azure;
using PlComms.Delivery;
using PlComms.Platform.Queues;

namespace PlComms.Campaigns;

/// <summary>
/// Starts a due campaign: claims it with its ETag (so a double timer fire or a concurrent request starts it once),
/// freezes the approved content it sends, and queues the first planning step.
/// </summary>
public sealed class CampaignStarter(CampaignStore campaigns, CampaignContents contents, AppQueues queues, TimeProvider clock, ILogger<CampaignStarter> logger)
{
    /// <summary>True when this call started it (or failed it for a reason it records); false when another caller got there first.</summary>
    public async Task<bool> StartAsync(StoredCampaign campaign, ETag etag, CancellationToken ct)
    {
        if (campaign.Status != CampaignStatus.Scheduled) return false;
        var now = clock.GetUtcNow();
        var resolved = await contents.ResolveAsync(campaign.VisionId, campaign.MessageId, campaign.Stream, ct);
        var next = resolved.Contents is { } found
            ? campaign with { Status = CampaignStatus.Planning, Contents = found, PlanPass = 0, PlanAfter = null, BatchCount = 0, Planned = 0, UpdatedAt = now }
            : campaign with { Status = CampaignStatus.Failed, StatusReason = resolved.Problem, UpdatedAt = now, CompletedAt = now };
        if (await campaigns.ReplaceAsync(next, etag, ct) is null) return false;

        if (next.Status == CampaignStatus.Failed)
        {
            logger.LogWarning("Campaign {Id} could not start: {Reason}", campaign.Id, resolved.Problem);
            return true;
        }
        // If this enqueue fails the timer notices the idle planning campaign and queues it again.
        await queues.EnqueueAsync(DeliveryQueues.Plan, DeliveryQueues.Serialize(new PlanMessage(campaign.Id)), ct);
        logger.LogInformation("Campaign {Id} started with {Languages} language(s).", campaign.Id, next.Contents.Count);
        return true;
    }
}
