using Microsoft.AspNetCore.Http.HttpResults;
using PlComms.WebApp;

namespace PlComms.Messages.Pages;

/// <summary>
/// The email rendering on its own, for the review page's sandboxed frame: the email's HTML keeps its inline styles,
/// so it gets its own policy (no script at all, a sandbox, framed only by the app) instead of the pages' policy.
/// The sandbox keeps the frame's origin (allow-same-origin) so the browser paints it with the page (a print or a
/// full-page capture shows it); with scripts and forms off that gives the email nothing it could use.
/// </summary>
public static class MessageEmailFrame
{
    public const string Path = WebAppFeature.Prefix + "/visions/{id}/messages/{messageId}/email";

    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; sandbox allow-same-origin; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    public static void MapMessageEmailFrame(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, async Task<Results<ContentHttpResult, NotFound>> (string id, string messageId, HttpResponse response, MessageWorkflow workflow, CancellationToken ct) =>
        {
            var result = await workflow.RenderAsync(id, messageId, Channel.Email, ct);
            if (result.Renderings is not [{ Html: { } html }]) return TypedResults.NotFound();
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers.CacheControl = "no-store";
            return TypedResults.Content(html, "text/html; charset=utf-8");
        }).RequireAuthorization().ExcludeFromDescription();
}
