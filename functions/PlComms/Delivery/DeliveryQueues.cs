using System.Text.Json;
using PlComms.Platform.Http;

namespace PlComms.Delivery;

/// <summary>The two queues of the delivery pipeline and their messages (JSON, no personal data).</summary>
public static class DeliveryQueues
{
    /// <summary>One message per planning step of a send: snapshot the next recipients into batches.</summary>
    public const string Plan = "delivery-plan";

    /// <summary>One message per batch of up to 1,000 recipients.</summary>
    public const string Send = "delivery-send";

    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Json.Options);

    /// <summary>Null when the text is not the expected message; such a message can never succeed, so it is dropped with a log line.</summary>
    public static T? Deserialize<T>(string text) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record PlanMessage(string SendId);

public sealed record SendMessage(string SendId, int Batch);
