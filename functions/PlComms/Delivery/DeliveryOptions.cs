using Microsoft.Extensions.Options;

namespace PlComms.Delivery;

public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Setting <c>Delivery__BatchSize</c>: recipients per send batch (and per SendGrid request), 1–1,000.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Setting <c>Delivery__PlanStepBatches</c>: batches one planning step writes before it queues the next step.</summary>
    public int PlanStepBatches { get; set; } = 10;

    /// <summary>Setting <c>Delivery__UnsubscribeLinkDays</c>: how long an unsubscribe link works (at least 30, as CAN-SPAM asks).</summary>
    public int UnsubscribeLinkDays { get; set; } = 180;

    /// <summary>
    /// Setting <c>App__PublicBaseUrl</c> (read here through <see cref="PublicBaseUrl"/>): where people's links point.
    /// Defaults to the local URL when unset.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How long a sender holds a batch. Longer than a send with all its retries may take (SendGrid__BudgetSeconds, at most 180).</summary>
    public static readonly TimeSpan SendLease = TimeSpan.FromMinutes(5);

    /// <summary>How long a planner holds a campaign between checkpoints.</summary>
    public static readonly TimeSpan PlanLease = TimeSpan.FromMinutes(2);

    public sealed class Validator : IValidateOptions<DeliveryOptions>
    {
        public ValidateOptionsResult Validate(string? name, DeliveryOptions o)
        {
            var failures = new List<string>();
            if (o.BatchSize is < 1 or > 1000) failures.Add("Delivery__BatchSize must be between 1 and 1,000.");
            if (o.PlanStepBatches is < 1 or > 100) failures.Add("Delivery__PlanStepBatches must be between 1 and 100.");
            if (o.UnsubscribeLinkDays is < 30 or > 3650) failures.Add("Delivery__UnsubscribeLinkDays must be between 30 and 3,650.");
            if (o.PublicBaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http") || (url.Scheme == "http" && !url.IsLoopback)))
                failures.Add("App__PublicBaseUrl must be an absolute https URL (http only for a loopback address).");
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
