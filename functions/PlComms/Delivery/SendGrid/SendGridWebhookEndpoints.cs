using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Platform.Auth;
using PlComms.Platform.Functions;

namespace PlComms.Delivery.SendGrid;

/// <summary>What one webhook call did. SendGrid ignores the body; it is for the operator's logs and the tests.</summary>
public sealed record WebhookReceipt(int Events, int Applied, int Duplicates, int Unmatched, int Ignored, int Suppressed, int Skipped);

/// <summary>
/// SendGrid's Event Webhook (anonymous route <c>sendgrid/events</c>). The signature is checked over the raw body before
/// anything is parsed; a forged, unsigned or stale call is refused and changes nothing. Events are applied once each
/// (<c>sg_event_id</c>), matched to deliveries by the <c>delivery_id</c> custom arg. A hard bounce or spam report
/// suppresses the address for all streams, an unsubscribe for the delivery's stream. A 5xx makes SendGrid retry the
/// whole batch, which is safe because applied events are skipped.
/// </summary>
public static class SendGridWebhookEndpoints
{
    /// <summary>SendGrid posts batches of at most a few hundred KB; this leaves room and bounds what a caller can make us read.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public static void MapSendGridWebhook(this IEndpointRouteBuilder app) =>
        // Public: SendGrid calls it; its ECDSA signature, not a key, lets a call through.
        app.MapPost(FunctionCatalog.SendGridEvents.AppPath, ReceiveAsync).WithMetadata(new PublicEndpoint()).DisableAntiforgery()
            .WithTags("Email links and events")
            .WithSummary("SendGrid's signed Event Webhook")
            .WithDescription("A JSON array of SendGrid events, signed with SendGrid's ECDSA key (X-Twilio-Email-Event-Webhook-Signature and -Timestamp). Each event is applied once; bounces, spam reports and unsubscribes suppress the address.")
            .Accepts<System.Text.Json.Nodes.JsonArray>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveAsync(
        HttpContext http, WebhookSignature signature, DeliveryEvents events, SuppressionStore suppressions, CampaignStore campaigns,
        ContactStore contacts, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("PlComms.SendGridWebhook");
        if (!signature.IsConfigured)
        {
            logger.LogError("SendGrid webhook call refused: {Problem}", signature.KeyProblem ?? "SendGrid__WebhookPublicKey is not set.");
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The event webhook is not configured.",
                detail: "Set SendGrid__WebhookPublicKey to the verification key shown in SendGrid's Mail Settings.");
        }
        if (http.Request.ContentLength > MaxBodyBytes)
            return TooLarge();
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxBodyBytes;

        byte[] body;
        try
        {
            body = await ReadAsync(http.Request.Body, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        if (body.Length > MaxBodyBytes) return TooLarge();

        var status = signature.Verify(http.Request.Headers, body);
        if (status != WebhookSignatureStatus.Valid)
        {
            logger.LogWarning("SendGrid webhook call refused: {Status}.", status);
            return status == WebhookSignatureStatus.MissingHeaders
                ? TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The request is not signed.",
                    detail: $"Send the {WebhookSignature.SignatureHeader} and {WebhookSignature.TimestampHeader} headers.")
                : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The request signature is not valid.",
                    detail: status == WebhookSignatureStatus.Stale ? "The timestamp is too far from now." : "The signature does not match the body and timestamp.");
        }

        var batch = SendGridEvents.Parse(body);
        if (batch.IsRejected)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The event batch cannot be read.", detail: batch.Error);

        var now = clock.GetUtcNow();
        var mapped = new List<(DeliveryEvent Event, SendGridEvent Source, DeliveryEventEffect Effect)>();
        var ignored = 0;
        var unmatched = 0;
        foreach (var e in batch.Events)
        {
            var effect = SendGridEvents.EffectOf(e);
            if (effect.IsIgnored) { ignored++; continue; }
            if (e.DeliveryId is null) { unmatched++; continue; }
            mapped.Add((new DeliveryEvent(e.EventId, e.DeliveryId, effect.Flag!.Value, e.EventType, e.Timestamp ?? now), e, effect));
        }

        // Suppress before the event is recorded: a crash in between is retried by SendGrid and suppresses again
        // (idempotent), while an event already recorded is a replay and must not re-add a suppression an officer removed.
        var suppressed = 0;
        var streams = new Dictionary<string, MessageStream?>(StringComparer.Ordinal);
        foreach (var (e, source, effect) in mapped.Where(m => m.Effect.Suppression is not null))
        {
            if (!await events.IsFreshForKnownDeliveryAsync(e, ct)) continue;
            DeliveryIds.TryParse(e.DeliveryId, out var sendId, out _, out var contactId);
            if (!streams.TryGetValue(sendId, out var stream))
                streams[sendId] = stream = (await campaigns.GetAsync(sendId, ct))?.Campaign.Stream;
            var email = source.Email ?? (await contacts.GetAsync(contactId, ct))?.Contact.Record.Email;
            if (stream is null || email is null) continue;
            var implied = effect.Suppression!;
            if (await suppressions.AddAsync(email, implied.ScopeFor(stream.Value), implied.Reason, "sendgrid-webhook", $"{source.EventType} event", ct))
                suppressed++;
        }

        var result = await events.ApplyAsync(mapped.Select(m => m.Event).ToList(), ct);
        foreach (var engaged in mapped.Where(m => m.Event.Flag is DeliveryFlag.Opened or DeliveryFlag.Clicked).Select(m => m.Event.DeliveryId).Distinct())
        {
            if (DeliveryIds.TryParse(engaged, out _, out _, out var contactId)) await contacts.TouchEngagedAsync(contactId, now, ct);
        }
        var receipt = new WebhookReceipt(batch.Events.Count, result.Applied, result.Duplicates, result.Unmatched + unmatched, ignored, suppressed, batch.Problems.Count);
        logger.LogInformation("SendGrid webhook: {Receipt}.", receipt);
        return TypedResults.Ok(receipt);
    }

    private static async Task<byte[]> ReadAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            // Without a Content-Length (chunked), stop reading once past the bound.
            if (buffer.Length > MaxBodyBytes) break;
        }
        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The event batch is too large.",
            detail: $"A webhook call may carry at most {MaxBodyBytes / (1024 * 1024)} MB.");
}
