using Microsoft.Extensions.Options;
using PlComms.Platform.Functions;

namespace PlComms.Delivery;

/// <summary>Builds each recipient's signed one-click unsubscribe link (a token with the delivery id, the stream and an expiry).</summary>
public sealed class UnsubscribeLinks(LinkTokens tokens, IOptions<DeliveryOptions> options, TimeProvider clock)
{
    public Uri For(string deliveryId, MessageStream stream)
    {
        var o = options.Value;
        var token = tokens.Issue(new LinkClaims(LinkPurpose.Unsubscribe, deliveryId, stream, clock.GetUtcNow().AddDays(o.UnsubscribeLinkDays)));
        var baseUrl = o.PublicBaseUrl!.ToString().TrimEnd('/');
        return new Uri($"{baseUrl}{FunctionCatalog.Unsubscribe.AppPath}?token={token}");
    }
}
