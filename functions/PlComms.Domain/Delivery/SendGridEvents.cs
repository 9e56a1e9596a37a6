using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PlComms.Delivery;

/// <summary>Reads SendGrid Event Webhook bodies and says what each event means for a delivery.</summary>
public static class SendGridEvents
{
    public const int MaxEventsPerRequest = 10_000;

    /// <summary>SendGrid documents event ids as at most 100 URL-safe characters; a little slack costs nothing.</summary>
    public const int MaxEventIdLength = 128;

    private const int MaxIdLength = 320;
    private const int MaxTextLength = 1_000;

    public static SendGridEventBatch Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>Parses the raw body. Never throws on bad input: a refused body comes back with <see cref="SendGridEventBatch.Error"/>.</summary>
    public static SendGridEventBatch Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith("\uFEFF"u8)) utf8Json = utf8Json[3..];
        var events = new List<SendGridEvent>();
        var problems = new List<SendGridEventProblem>();
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                return Rejected("The body is not a JSON array of events.");
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                // Counted before parsing the item, so an oversized batch costs no more than the limit.
                if (index == MaxEventsPerRequest)
                    return Rejected($"The body holds more than {MaxEventsPerRequest} events.");
                var item = JsonElement.ParseValue(ref reader);
                if (TryRead(item, out var parsed, out var problem)) events.Add(parsed);
                else problems.Add(new SendGridEventProblem(index, problem));
                index++;
            }
            // Anything after the closing bracket makes the body invalid JSON; Read throws on it.
            if (reader.Read())
                return Rejected("The body is not valid JSON.");
        }
        catch (JsonException)
        {
            return Rejected("The body is not valid JSON.");
        }
        catch (InvalidOperationException)
        {
            // Strings that are not valid UTF-8 surface here when read.
            return Rejected("The body is not valid UTF-8 JSON.");
        }
        return new SendGridEventBatch(events, problems, null);
    }

    /// <summary>
    /// What an event does to its delivery. Pure: the caller applies it. A suppression scoped to the delivery's stream
    /// needs the stream from the delivery record (<see cref="ImpliedSuppression.StreamsFor"/>). Unknown and unused
    /// event types (group_resubscribe, account events) are <see cref="DeliveryEventEffect.None"/>.
    /// </summary>
    public static DeliveryEventEffect EffectOf(SendGridEvent sendGridEvent)
    {
        ArgumentNullException.ThrowIfNull(sendGridEvent);
        return sendGridEvent.EventType.ToLowerInvariant() switch
        {
            "processed" => new(DeliveryFlag.Processed, null),
            "deferred" => new(DeliveryFlag.Deferred, null),
            "delivered" => new(DeliveryFlag.Delivered, null),
            // A block is about this message (content, reputation, rate), so the address stays usable.
            "bounce" when string.Equals(sendGridEvent.BounceType, "blocked", StringComparison.OrdinalIgnoreCase) =>
                new(DeliveryFlag.Blocked, null),
            // SendGrid marks hard bounces type "bounce"; events from before the type field existed were hard bounces too.
            "bounce" => new(DeliveryFlag.Bounced, new ImpliedSuppression(SuppressionReason.HardBounce, ImpliedScope.AllStreams)),
            "dropped" => new(DeliveryFlag.Dropped, null),
            "spamreport" => new(DeliveryFlag.SpamReport, new ImpliedSuppression(SuppressionReason.SpamReport, ImpliedScope.AllStreams)),
            "unsubscribe" or "group_unsubscribe" =>
                new(DeliveryFlag.Unsubscribed, new ImpliedSuppression(SuppressionReason.Unsubscribed, ImpliedScope.DeliveryStream)),
            "open" => new(DeliveryFlag.Opened, null),
            "click" => new(DeliveryFlag.Clicked, null),
            _ => DeliveryEventEffect.None,
        };
    }

    private static bool TryRead(JsonElement item, out SendGridEvent parsed, out string problem)
    {
        parsed = null!;
        if (item.ValueKind != JsonValueKind.Object)
            return Fail("is not a JSON object", out problem);

        var eventId = StringOf(item, "sg_event_id");
        if (string.IsNullOrWhiteSpace(eventId))
            return Fail("has no sg_event_id", out problem);
        if (eventId.Length > MaxEventIdLength || eventId.Any(char.IsControl))
            return Fail($"has an sg_event_id that is not at most {MaxEventIdLength} printable characters", out problem);

        var eventType = StringOf(item, "event");
        if (string.IsNullOrWhiteSpace(eventType))
            return Fail("has no event type", out problem);
        if (eventType.Length > 64)
            return Fail("has an event type over 64 characters", out problem);

        var deliveryId = StringOf(item, "delivery_id");
        parsed = new SendGridEvent(
            eventId,
            eventType,
            Id(StringOf(item, "email")),
            TimestampOf(item),
            Id(StringOf(item, "sg_message_id")),
            Id(StringOf(item, "type")),
            Text(StringOf(item, "bounce_classification")),
            Text(StringOf(item, "reason")),
            Text(StringOf(item, "status")),
            LinkClaims.IsValidDeliveryId(deliveryId) ? deliveryId : null);
        problem = "";
        return true;
    }

    private static string? StringOf(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Unix seconds, as a number or (in older unique-args examples) a numeric string.</summary>
    private static DateTimeOffset? TimestampOf(JsonElement item)
    {
        if (!item.TryGetProperty("timestamp", out var value)) return null;
        long? seconds = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out var number) ? number : null,
            JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var text) ? text : null,
            _ => null,
        };
        return seconds is >= 0 && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value) : null;
    }

    // Identifiers cut short would be wrong identifiers, so an over-long one is dropped; free text is cut.
    private static string? Id(string? value) => value is { Length: <= MaxIdLength } ? value : null;

    private static string? Text(string? value) => value is { Length: > MaxTextLength } ? value[..MaxTextLength] : value;

    private static bool Fail(string message, out string problem)
    {
        problem = $"Event {message}; it was skipped.";
        return false;
    }

    private static SendGridEventBatch Rejected(string error) => new([], [], error);
}
