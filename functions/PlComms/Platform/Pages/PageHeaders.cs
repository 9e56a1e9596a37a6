namespace PlComms.Platform.Pages;

/// <summary>The headers every page reached from an email link sends: its CSP, and no caching or referrer, since the link's token is in the URL.</summary>
public static class PageHeaders
{
    public static void Apply(HttpResponse response, string contentSecurityPolicy)
    {
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        // The token is in the URL: never send it onward, never keep the page.
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }

    public static IResult Html(string page, int status) => TypedResults.Content(page, "text/html; charset=utf-8", statusCode: status);
}
