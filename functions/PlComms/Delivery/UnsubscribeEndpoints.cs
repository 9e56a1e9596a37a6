using PlComms.Contacts;
using PlComms.Platform.Auth;
using PlComms.Platform.Functions;
using PlComms.Platform.Pages;

namespace PlComms.Delivery;

/// <summary>
/// The unsubscribe link (RFC 8058). GET and HEAD only show a confirmation page, because mail scanners fetch every
/// link; a POST records the suppression for the link's stream: the page's button, or a mail client's one-click POST
/// (<c>List-Unsubscribe=One-Click</c>, no cookies, no auth), answered 200 and never a redirect.
/// </summary>
public static class UnsubscribeEndpoints
{
    public static void MapUnsubscribeEndpoints(this IEndpointRouteBuilder app)
    {
        // Public: people's mail clients call it from an email's link and List-Unsubscribe header; no key, the token decides.
        var links = app.MapGroup("").WithTags("Email links and events");
        links.MapMethods(FunctionCatalog.Unsubscribe.AppPath, ["GET", "HEAD"], Show).WithMetadata(new PublicEndpoint())
            .WithSummary("Show the unsubscribe confirmation page (records nothing)")
            .Produces<string>(StatusCodes.Status200OK, "text/html").Produces<string>(StatusCodes.Status400BadRequest, "text/html");
        links.MapPost(FunctionCatalog.Unsubscribe.AppPath, UnsubscribeAsync).WithMetadata(new PublicEndpoint()).DisableAntiforgery()
            .WithSummary("Unsubscribe (RFC 8058 one-click)")
            .WithDescription("The page's button, or a mail client's one-click POST (body List-Unsubscribe=One-Click, which the app does not need), records the suppression for the link's stream; answered 200, never a redirect.")
            .Produces<string>(StatusCodes.Status200OK, "text/html").Produces<string>(StatusCodes.Status400BadRequest, "text/html");
    }

    private static IResult Show(string? token, LinkTokens tokens, TimeProvider clock, HttpResponse response)
    {
        SetHeaders(response);
        return tokens.Verify(token, LinkPurpose.Unsubscribe, clock.GetUtcNow()) is { IsValid: true, Claims: { } claims }
            ? Html(UnsubscribePage.Confirm(claims.Stream, token!), StatusCodes.Status200OK)
            : Html(UnsubscribePage.Invalid(), StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> UnsubscribeAsync(
        string? token, LinkTokens tokens, ContactStore contacts, SuppressionStore suppressions, DeliveryEvents events, TimeProvider clock,
        HttpResponse response, ILoggerFactory loggers, CancellationToken ct)
    {
        SetHeaders(response);
        var now = clock.GetUtcNow();
        if (tokens.Verify(token, LinkPurpose.Unsubscribe, now) is not { IsValid: true, Claims: { } claims }
            || !DeliveryIds.TryParse(claims.DeliveryId, out _, out _, out var contactId))
            return Html(UnsubscribePage.Invalid(), StatusCodes.Status400BadRequest);

        if (await contacts.GetAsync(contactId, ct) is not { } found) return Html(UnsubscribePage.Gone(), StatusCodes.Status200OK);
        await suppressions.AddAsync(found.Contact.Record.Email, SuppressionScopes.Of(claims.Stream), SuppressionReason.Unsubscribed, "unsubscribe-link", null, ct);
        // Counted on the campaign like a provider's unsubscribe event, once per delivery however often the link is posted.
        await events.ApplyAsync([new DeliveryEvent($"unsubscribe.{claims.DeliveryId}", claims.DeliveryId, DeliveryFlag.Unsubscribed, "unsubscribe-link", now)], ct);
        loggers.CreateLogger("PlComms.Unsubscribe").LogInformation("Delivery {DeliveryId} unsubscribed from {Stream}.", claims.DeliveryId, claims.Stream);
        return Html(UnsubscribePage.Done(claims.Stream), StatusCodes.Status200OK);
    }

    private static void SetHeaders(HttpResponse response) => PageHeaders.Apply(response, UnsubscribePage.ContentSecurityPolicy);

    private static IResult Html(string page, int status) => PageHeaders.Html(page, status);
}
