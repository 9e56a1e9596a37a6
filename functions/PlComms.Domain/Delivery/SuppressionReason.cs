namespace PlComms.Delivery;

/// <summary>
/// Why mail to an address stops. Wire ids (via <see cref="Shared.WireName{T}"/>): "unsubscribed", "hard-bounce",
/// "spam-report", "manual".
/// </summary>
public enum SuppressionReason
{
    /// <summary>The person opted out of a stream (our link, or SendGrid's unsubscribe and group unsubscribe).</summary>
    Unsubscribed,

    /// <summary>The receiving server refused the address permanently.</summary>
    HardBounce,

    /// <summary>The person marked a message as spam.</summary>
    SpamReport,

    /// <summary>The officer suppressed the address.</summary>
    Manual,
}
