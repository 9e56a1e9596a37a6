using PlComms.Contacts;
using PlComms.Delivery;

namespace PlComms.Campaigns;

/// <summary>
/// Where a campaign's recipients stand. Queued counts recipients whose batch has not gone out yet; the provider's
/// events (delivered, bounced, …) count distinct recipients.
/// </summary>
public sealed record CampaignProgress(
    int Recipients,
    int Queued,
    int Sent,
    int Failed,
    int SkippedSuppressed,
    int SkippedGone,
    int SkippedThrottled,
    int SkippedResponded,
    int Delivered,
    int Deferred,
    int Bounced,
    int Blocked,
    int Dropped,
    int SpamReports,
    int Unsubscribed,
    int Opened,
    int Clicked)
{
    public static CampaignProgress Of(IReadOnlyList<BatchRecord> batches)
    {
        int Sum(string counter) => batches.Sum(b => b.Count(counter));
        int Events(DeliveryFlag flag) => Sum(flag.ToString());
        var skippedSuppressed = Sum(BatchCounters.SkippedSuppressed);
        var skippedGone = Sum(BatchCounters.SkippedGone);
        var sent = Sum(BatchCounters.Sent);
        var failed = Sum(BatchCounters.Failed);
        var recipients = batches.Sum(b => b.Recipients);
        // Skips recorded at send time belong to settled batches, so what is left of open batches is still queued.
        var queued = batches.Where(b => !BatchStates.IsTerminal(b.State)).Sum(b => b.ContactIds.Count);
        return new(recipients, queued, sent, failed, skippedSuppressed, skippedGone, Sum(BatchCounters.SkippedThrottled), Sum(BatchCounters.SkippedResponded),
            Events(DeliveryFlag.Delivered), Events(DeliveryFlag.Deferred), Events(DeliveryFlag.Bounced), Events(DeliveryFlag.Blocked),
            Events(DeliveryFlag.Dropped), Events(DeliveryFlag.SpamReport), Events(DeliveryFlag.Unsubscribed), Events(DeliveryFlag.Opened), Events(DeliveryFlag.Clicked));
    }
}

public sealed record BatchSummary(int Batch, string Language, BatchState State, int Recipients, int Sent, int Attempts, int? StatusCode, string? Error, DateTimeOffset? SentAt)
{
    public static BatchSummary Of(BatchRecord b) =>
        new(b.Batch, b.Language, b.State, b.Recipients, b.Count(BatchCounters.Sent), b.Attempts, b.StatusCode, b.Error, b.SentAt);
}

public sealed record CampaignLanguage(string Language, string MessageId);

public sealed record CampaignDocument(
    string Id,
    SendKind Kind,
    string Name,
    string VisionId,
    string MessageId,
    Segment Segment,
    MessageStream Stream,
    DateTimeOffset ScheduledAt,
    CampaignStatus Status,
    string? StatusReason,
    IReadOnlyList<CampaignLanguage> Languages,
    string? FallbackLanguage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    CampaignProgress? Progress,
    IReadOnlyList<BatchSummary>? Batches,
    SurveySend? Survey = null)
{
    public static CampaignDocument From(StoredCampaign c, IReadOnlyList<BatchRecord>? batches = null) => new(
        c.Id, c.Kind, c.Name, c.VisionId, c.MessageId, c.Segment, c.Stream, c.ScheduledAt, c.Status, c.StatusReason,
        c.Contents.Select(x => new CampaignLanguage(x.Language, x.MessageId)).ToList(),
        c.Contents.Count > 0 ? c.FallbackLanguage : null,
        c.CreatedAt, c.UpdatedAt, c.CompletedAt,
        batches is null ? null : CampaignProgress.Of(batches),
        batches?.Select(BatchSummary.Of).ToList(),
        c.Survey);
}

public sealed record CampaignList(IReadOnlyList<CampaignDocument> Items, string? ContinuationToken);
