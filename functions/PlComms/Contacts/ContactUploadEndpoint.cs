using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using PlComms.Shared;

namespace PlComms.Contacts;

/// <summary>
/// The web app's upload form posts here (a multipart form with the file and the antiforgery token). The file is read
/// by <see cref="ImportUpload"/> with the API's own limit, dry-run by <see cref="ContactImports"/> like
/// <c>POST /api/contacts/import?dryRun=true</c>, kept in <see cref="ImportDrafts"/>, and the officer is sent on to the
/// report page (post, redirect, get: reloading the report never uploads again).
/// </summary>
public static class ContactUploadEndpoint
{
    public const string FormPage = "/app/contacts/import";
    public const string Path = FormPage + "/upload";

    /// <summary>How much of an over-large upload is read (and dropped) so the browser gets the page that says so.</summary>
    private const int DrainFactor = 4;

    public static void MapContactUploadEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, UploadAsync).RequireAuthorization().ExcludeFromDescription();

    public static string ReportPage(string key) => $"{FormPage}/{key}";

    private static async Task UploadAsync(HttpContext http, ContactImports imports, ImportDrafts drafts, IAntiforgery antiforgery, CancellationToken ct)
    {
        var limit = imports.MaxUploadBytes;
        var (upload, failure) = await ImportUpload.ReadAsync(http.Request, null, limit, ct);
        if (failure is UploadFailure.TooLarge)
        {
            await DrainAsync(http, limit * DrainFactor, ct);
            SeeOther(http, $"{FormPage}?problem={WireName<UploadFailure>.Of(UploadFailure.TooLarge)}");
            return;
        }
        if (failure is { } f)
        {
            SeeOther(http, $"{FormPage}?problem={WireName<UploadFailure>.Of(f)}");
            return;
        }
        // The token is a field of the form just read, so it is checked after the file arrived and before anything runs.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            SeeOther(http, $"{FormPage}?problem=expired-form");
            return;
        }
        var outcome = await imports.RunAsync(upload!, dryRun: true, ct);
        SeeOther(http, ReportPage(drafts.Keep(upload!, outcome.Report, outcome.FileProblem)));
    }

    /// <summary>
    /// Reads what the browser is still sending, up to a bound, so it reads the answer instead of a reset connection;
    /// past the bound the connection is closed after the answer.
    /// </summary>
    private static async Task DrainAsync(HttpContext http, long bound, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = bound;
        var chunk = new byte[81920];
        try
        {
            while (await http.Request.Body.ReadAsync(chunk, ct) > 0)
            {
            }
        }
        catch (BadHttpRequestException)
        {
        }
        catch (IOException)
        {
        }
    }

    private static void SeeOther(HttpContext http, string location)
    {
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = location;
    }
}
