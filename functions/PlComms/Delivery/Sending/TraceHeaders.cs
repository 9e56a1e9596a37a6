namespace PlComms.Delivery.Sending;

/// <summary>
/// Headers that tie a written message back to its delivery record. Ids only: delivery and batch ids carry no personal data.
/// SendGrid gets the delivery id as <c>custom_args.delivery_id</c> instead, which its event webhook sends back.
/// </summary>
public static class TraceHeaders
{
    public const string DeliveryId = "X-PlComms-Delivery-Id";
    public const string BatchId = "X-PlComms-Batch-Id";
    public const string Stream = "X-PlComms-Stream";
}
