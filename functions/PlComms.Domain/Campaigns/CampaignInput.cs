using PlComms.Contacts;
using PlComms.Shared;

namespace PlComms.Campaigns;

/// <summary>A campaign as the officer posts it: an approved message of a vision, to a segment, now or at a time.</summary>
public sealed record CampaignInput(string? Name, string? VisionId, string? MessageId, SegmentInput? Segment, DateTimeOffset? ScheduledAt);

public sealed record CampaignPlan(string Name, string VisionId, string MessageId, Segment Segment, DateTimeOffset? ScheduledAt);

public static class CampaignValidator
{
    public const int NameLength = 200;

    /// <summary>How far ahead a campaign may be scheduled.</summary>
    public static readonly TimeSpan MaxLead = TimeSpan.FromDays(366);

    public static ValidationResult<CampaignPlan> Validate(CampaignInput input, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var name = errors.OptionalText("name", input.Name, NameLength);
        var visionId = errors.RequiredText("visionId", input.VisionId, 64);
        var messageId = errors.RequiredText("messageId", input.MessageId, 64);
        var segment = SegmentValidator.Validate(input.Segment, errors, "segment.");
        if (input.ScheduledAt is { } at)
        {
            if (at > now + MaxLead) errors.Add("scheduledAt", "A campaign can be scheduled at most a year ahead.");
            // A time in the past means "now": a clock a little behind the server's should not be refused.
        }
        return errors.ToResult(visionId is null || messageId is null || segment is null
            ? null
            : new CampaignPlan(name ?? $"Campaign of message {messageId}", visionId, messageId, segment, input.ScheduledAt));
    }
}
