using Microsoft.Extensions.Options;
using PlComms.Platform.Functions;

namespace PlComms.Delivery;

/// <summary>
/// Builds each recipient's signed links: one-click unsubscribe, and for survey emails the survey page. Both carry a
/// token with the purpose, the delivery id, the stream and an expiry, and nothing personal.
/// </summary>
public sealed class SignedLinks(LinkTokens tokens, IOptions<DeliveryOptions> options, TimeProvider clock)
{
    /// <summary>How long after a wave closes its links still open the "this survey has closed" page, not the invalid-link one.</summary>
    public static readonly TimeSpan SurveyLinkGrace = TimeSpan.FromDays(30);

    public Uri Unsubscribe(string deliveryId, MessageStream stream)
    {
        var token = tokens.Issue(new LinkClaims(LinkPurpose.Unsubscribe, deliveryId, stream, clock.GetUtcNow().AddDays(options.Value.UnsubscribeLinkDays)));
        return new Uri($"{BaseUrl}{FunctionCatalog.Unsubscribe.AppPath}?token={token}");
    }

    /// <param name="waveDeliveryId">The delivery of the wave's invitation: a reminder's link answers the same response.</param>
    public Uri Survey(string waveDeliveryId, DateTimeOffset closesAt)
    {
        var token = tokens.Issue(new LinkClaims(LinkPurpose.Survey, waveDeliveryId, MessageStream.Surveys, closesAt + SurveyLinkGrace));
        return new Uri($"{BaseUrl}{FunctionCatalog.SurveyPage.AppPath.Replace("{token}", token)}");
    }

    private string BaseUrl => options.Value.PublicBaseUrl!.ToString().TrimEnd('/');
}
