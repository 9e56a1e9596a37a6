namespace PlComms.Delivery;

/// <summary>
/// One event from SendGrid's Event Webhook, with the fields the app uses. Names on the wire: <c>sg_event_id</c>,
/// <c>event</c>, <c>email</c>, <c>timestamp</c> (Unix seconds), <c>sg_message_id</c>, <c>type</c> ("bounce" for a hard
/// bounce, "blocked" for a block; bounce events only), <c>bounce_classification</c>, <c>reason</c>, <c>status</c>, and our
/// custom arg <c>delivery_id</c>, which SendGrid puts at the top level of each event.
/// </summary>
/// <param name="Email">The recipient: personal data. Match events by <paramref name="DeliveryId"/>, and keep this out of logs.</param>
/// <param name="DeliveryId">Null when absent or not an opaque id (SendGrid's test events carry none).</param>
public sealed record SendGridEvent(
    string EventId,
    string EventType,
    string? Email,
    DateTimeOffset? Timestamp,
    string? MessageId,
    string? BounceType,
    string? BounceClassification,
    string? Reason,
    string? Status,
    string? DeliveryId)
{
    // The generated ToString would print the address wherever an event is logged.
    public override string ToString() =>
        $"SendGridEvent {{ EventId = {EventId}, EventType = {EventType}, BounceType = {BounceType}, DeliveryId = {DeliveryId} }}";
}

/// <summary>An item of the batch that was skipped, by its position in the array. The text never quotes the item.</summary>
public sealed record SendGridEventProblem(int Index, string Problem);

/// <summary>
/// A parsed webhook body. When <see cref="Error"/> is set the whole body was refused (not a JSON array, invalid JSON,
/// or too many events) and there are no events; otherwise bad items are skipped and listed in <see cref="Problems"/>.
/// </summary>
public sealed record SendGridEventBatch(IReadOnlyList<SendGridEvent> Events, IReadOnlyList<SendGridEventProblem> Problems, string? Error)
{
    public bool IsRejected => Error is not null;
}
