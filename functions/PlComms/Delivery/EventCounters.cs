namespace PlComms.Delivery;

/// <summary>Batch counters the provider's events move: each counts recipients, once each.</summary>
public static class EventCounters
{
    public const string Processed = "Processed";
    public const string Delivered = "Delivered";
    public const string Deferred = "Deferred";
    public const string Bounced = "Bounced";
    public const string Blocked = "Blocked";
    public const string Dropped = "Dropped";
    public const string SpamReport = "SpamReport";
    public const string Unsubscribed = "Unsubscribed";
    public const string Opened = "Opened";
    public const string Clicked = "Clicked";
}
