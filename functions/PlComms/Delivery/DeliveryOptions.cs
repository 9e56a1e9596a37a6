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

    /// <summary>
    /// Setting <c>Delivery__SendLeaseSeconds</c> (default 300): how long a sender holds a batch it claimed. Longer than
    /// the longest provider call (SendGrid__BudgetSeconds); a sender starts the call only while its lease still covers it.
    /// </summary>
    public int SendLeaseSeconds { get; set; } = 300;

    /// <summary>Setting <c>Delivery__PlanLeaseSeconds</c> (default 120): how long a planner holds a campaign between checkpoints.</summary>
    public int PlanLeaseSeconds { get; set; } = 120;

    /// <summary>
    /// Setting <c>Delivery__InDoubtWaitSeconds</c> (default 900): after an attempt whose outcome nobody recorded (its
    /// sender died, or SendGrid's answer never came), how long the batch waits for SendGrid's event webhook to report
    /// what it accepted before it goes to those who have no event. Used only when the event webhook is configured
    /// (<c>SendGrid__WebhookPublicKey</c>); without it such a batch is sent again once its lease is over.
    /// </summary>
    public int InDoubtWaitSeconds { get; set; } = 900;

    public TimeSpan SendLease => TimeSpan.FromSeconds(SendLeaseSeconds);

    public TimeSpan PlanLease => TimeSpan.FromSeconds(PlanLeaseSeconds);

    public TimeSpan InDoubtWait => TimeSpan.FromSeconds(InDoubtWaitSeconds);

    /// <summary>How long a queued batch may sit untouched before the dispatch timer queues it again (its message was lost).</summary>
    public TimeSpan BatchStall => 2 * SendLease;

    /// <summary>How long a planning campaign nobody holds may sit still before the dispatch timer queues its next step again.</summary>
    public TimeSpan PlanningStall => PlanLease;

    public sealed class Validator : IValidateOptions<DeliveryOptions>
    {
        public ValidateOptionsResult Validate(string? name, DeliveryOptions o)
        {
            var failures = new List<string>();
            if (o.BatchSize is < 1 or > 1000) failures.Add("Delivery__BatchSize must be between 1 and 1,000.");
            if (o.PlanStepBatches is < 1 or > 100) failures.Add("Delivery__PlanStepBatches must be between 1 and 100.");
            if (o.SendLeaseSeconds is < 5 or > 900) failures.Add("Delivery__SendLeaseSeconds must be between 5 and 900.");
            if (o.PlanLeaseSeconds is < 5 or > 900) failures.Add("Delivery__PlanLeaseSeconds must be between 5 and 900.");
            if (o.InDoubtWaitSeconds is < 0 or > 86_400) failures.Add("Delivery__InDoubtWaitSeconds must be between 0 and 86,400.");
            if (o.UnsubscribeLinkDays is < 30 or > 3650) failures.Add("Delivery__UnsubscribeLinkDays must be between 30 and 3,650.");
            if (o.PublicBaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http") || (url.Scheme == "http" && !url.IsLoopback)))
                failures.Add("App__PublicBaseUrl must be an absolute https URL (http only for a loopback address).");
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}

/// <summary>
/// The delivery timings against the settings they must fit: the queue poller hides a taken message for longer than
/// any lease (or a running job's message would go to a second worker), and one SendGrid call, tries and waits
/// included, fits well inside the batch lease (a sender starts the call only while its lease still covers it).
/// </summary>
public sealed class DeliveryTimingValidator(
    IOptions<Platform.Queues.QueuePollerOptions> queues,
    IOptions<Sending.EmailSenderOptions> senders,
    IOptions<Sending.SendGrid.SendGridOptions> sendGrid) : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions o)
    {
        var failures = new List<string>();
        var visibility = queues.Value.VisibilityTimeout;
        if (visibility < o.SendLease || visibility < o.PlanLease)
            failures.Add($"Queues__VisibilityTimeout ({visibility}) must be at least Delivery__SendLeaseSeconds and Delivery__PlanLeaseSeconds.");
        if (string.Equals(senders.Value.Sender?.Trim(), Sending.SendGrid.SendGridEmailSender.SenderName, StringComparison.OrdinalIgnoreCase)
            && sendGrid.Value.BudgetSeconds * 5 > o.SendLeaseSeconds * 4)
            failures.Add($"SendGrid__BudgetSeconds ({sendGrid.Value.BudgetSeconds}) must be at most four fifths of Delivery__SendLeaseSeconds ({o.SendLeaseSeconds}): a send must end inside the batch lease.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
