namespace PlComms.Delivery;

/// <summary>What a provider event says about one delivery. Wire ids are the kebab-case names ("spam-report").</summary>
public enum DeliveryFlag
{
    Processed,
    Deferred,
    Delivered,

    /// <summary>Hard bounce: the address is refused permanently.</summary>
    Bounced,

    /// <summary>The receiving server refused this message (content, reputation, rate), not the address.</summary>
    Blocked,

    /// <summary>The provider did not send it (e.g. the address is on its own suppression list).</summary>
    Dropped,

    SpamReport,
    Unsubscribed,
    Opened,
    Clicked,
}

/// <summary>Which streams a suppression covers.</summary>
public enum ImpliedScope
{
    /// <summary>Every stream: the address itself is the problem (hard bounce) or the person rejected our mail (spam report).</summary>
    AllStreams,

    /// <summary>Only the stream of the delivery the event is about; the caller knows it from the delivery record.</summary>
    DeliveryStream,
}

public sealed record ImpliedSuppression(SuppressionReason Reason, ImpliedScope Scope)
{
    /// <summary>The streams to suppress, given the stream of the delivery the event belongs to.</summary>
    public IReadOnlyList<MessageStream> StreamsFor(MessageStream deliveryStream) =>
        Scope == ImpliedScope.AllStreams ? Enum.GetValues<MessageStream>() : [deliveryStream];

    /// <summary>The stored suppression scope, given the stream of the delivery the event belongs to.</summary>
    public SuppressionScope ScopeFor(MessageStream deliveryStream) =>
        Scope == ImpliedScope.AllStreams ? SuppressionScope.All : SuppressionScopes.Of(deliveryStream);
}

/// <summary>
/// The effect of one provider event: the delivery flag it sets and the suppression it implies, if any.
/// <see cref="None"/> is an event we ignore (unknown or unused types), which the caller counts.
/// </summary>
public sealed record DeliveryEventEffect(DeliveryFlag? Flag, ImpliedSuppression? Suppression)
{
    public static readonly DeliveryEventEffect None = new(null, null);

    public bool IsIgnored => Flag is null;
}
