using Microsoft.AspNetCore.Diagnostics;

namespace PlComms.WebApp;

/// <summary>
/// A page's own status code: 404 for a record that is not there (the app's not-found page then answers, as for any
/// unknown address), 400 for a form the validator refused, 409 for a conflict. For those two the page itself says what
/// went wrong, beside the form, so the status-code pages (which would put the not-found page in its place) stand aside.
/// </summary>
public static class PageStatus
{
    public static void Set(HttpContext? http, int statusCode)
    {
        if (http is not { Response.HasStarted: false }) return;
        http.Response.StatusCode = statusCode;
        if (statusCode != StatusCodes.Status404NotFound && http.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
    }
}
