using Microsoft.AspNetCore.Antiforgery;
using PlComms.Delivery;
using PlComms.Messages;
using PlComms.Platform.Auth;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;
using PlComms.Platform.Pages;
using PlComms.Shared;

namespace PlComms.Surveys;

/// <summary>
/// The survey page behind every link of a survey email, anonymous and gated by the signed token in its path.
/// <list type="bullet">
/// <item>GET and HEAD show the form (with the answer chosen in the email, <c>?a=N</c>, preselected) and record
/// nothing: mail scanners fetch every link.</item>
/// <item>POST records the answers, one response per wave delivery (a later POST updates it). The form carries an
/// antiforgery token; the page's script posts the chosen answer the same way, asking for JSON.</item>
/// <item>After the wave closes every link shows "this survey has closed"; a token that does not verify gets a page
/// that says nothing about whose it was.</item>
/// </list>
/// </summary>
public static class SurveyPageEndpoints
{
    /// <summary>A form of ten questions and a long comment is a few KiB; anything far larger is not a person's answer.</summary>
    public const long MaxFormBytes = 32 * 1024;

    public static void MapSurveyPageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(FunctionCatalog.SurveyPage.AppPath, ["GET", "HEAD"], ShowAsync).WithMetadata(new PublicEndpoint()).ExcludeFromDescription();
        // Antiforgery is checked by hand below, so a failure gets this page's own answer rather than a bare 400.
        app.MapPost(FunctionCatalog.SurveyPage.AppPath, SubmitAsync).WithMetadata(new PublicEndpoint()).DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task<IResult> ShowAsync(
        string token, int? a, string? lang, HttpContext http, LinkTokens tokens, SurveyDirectory directory, ResponseStore responses,
        IAntiforgery antiforgery, TimeProvider clock, CancellationToken ct)
    {
        SetHeaders(http.Response);
        var now = clock.GetUtcNow();
        if (await TargetAsync(token, tokens, directory, now, ct) is not { } target) return Html(SurveyPage.Invalid(), StatusCodes.Status400BadRequest);
        var language = LanguageOf(lang, target);
        if (target.IsClosed(now)) return Html(SurveyPage.Closed(language), StatusCodes.Status200OK);
        var earlier = await responses.GetAsync(target.DeliveryId, ct);
        var tokensSet = antiforgery.GetAndStoreTokens(http);
        return Html(SurveyPage.Form(new SurveyForm(target, language, a is { } n && LikertScale.IsValid(n) ? n : null, earlier?.Answers,
            tokensSet.FormFieldName, tokensSet.RequestToken!)), StatusCodes.Status200OK);
    }

    private static async Task<IResult> SubmitAsync(
        string token, HttpContext http, LinkTokens tokens, SurveyDirectory directory, ResponseStore responses, IAntiforgery antiforgery,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        SetHeaders(http.Response);
        var request = http.Request;
        var wantsJson = request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        var now = clock.GetUtcNow();
        if (await TargetAsync(token, tokens, directory, now, ct) is not { } target)
            return wantsJson ? Problem(StatusCodes.Status400BadRequest, "This link does not work.") : Html(SurveyPage.Invalid(), StatusCodes.Status400BadRequest);
        if (request.ContentLength > MaxFormBytes)
            return wantsJson ? Problem(StatusCodes.Status413PayloadTooLarge, $"Answers are limited to {MaxFormBytes / 1024} KiB.") : Html(SurveyPage.Expired(LanguageOf(null, target)), StatusCodes.Status413PayloadTooLarge);
        if (!request.HasFormContentType)
            return wantsJson ? Problem(StatusCodes.Status415UnsupportedMediaType, "Send the answers as a form.") : Html(SurveyPage.Expired(LanguageOf(null, target)), StatusCodes.Status415UnsupportedMediaType);

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return wantsJson ? Problem(StatusCodes.Status400BadRequest, "The form could not be read.") : Html(SurveyPage.Expired(LanguageOf(null, target)), StatusCodes.Status400BadRequest);
        }
        // The form says which language the person read it in; a bare POST to an email's link, the link's own lang.
        var language = LanguageOf(form.TryGetValue("lang", out var posted) ? posted.ToString() : request.Query["lang"].ToString(), target);
        if (target.IsClosed(now))
            return wantsJson ? Problem(StatusCodes.Status409Conflict, "This survey has closed.") : Html(SurveyPage.Closed(language), StatusCodes.Status200OK);
        if (!await antiforgery.IsRequestValidAsync(http))
            return wantsJson ? Problem(StatusCodes.Status400BadRequest, "The form's antiforgery token is missing or expired; reload the page.") : Html(SurveyPage.Expired(language), StatusCodes.Status400BadRequest);

        var fields = form.ToDictionary(f => f.Key, f => (string?)f.Value.ToString(), StringComparer.Ordinal);
        var parsed = SurveyAnswerParser.Parse(target.Survey.Definition, fields);
        if (!parsed.IsValid)
        {
            if (wantsJson) return Problem(StatusCodes.Status400BadRequest, "Some answers are not valid.", parsed.Errors);
            var again = antiforgery.GetAndStoreTokens(http);
            return Html(SurveyPage.Form(new SurveyForm(target, language, null, null, again.FormFieldName, again.RequestToken!, parsed.Errors)), StatusCodes.Status400BadRequest);
        }
        var channel = form["channel"] == WireName<ResponseChannel>.Of(ResponseChannel.EmailClick) ? ResponseChannel.EmailClick : ResponseChannel.Form;
        try
        {
            await responses.RecordAsync(new StoredResponse(target.DeliveryId, target.Survey.Id, target.Wave.WaveIndex, parsed.Value!, channel, WireName<Language>.Of(language), now), ct);
        }
        catch (Exception ex) when (!wantsJson && StorageExceptionHandler.IsStorageFailure(ex))
        {
            // A person who pressed the button gets a page in their language, not the problem JSON the script reads.
            loggers.CreateLogger("PlComms.SurveyPage").LogWarning(ex, "Response to wave {WaveId} not recorded: storage failed or was busy.", target.Wave.WaveId);
            http.Response.Headers.RetryAfter = StorageExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Html(SurveyPage.NotSaved(language), StatusCodes.Status503ServiceUnavailable);
        }
        loggers.CreateLogger("PlComms.SurveyPage").LogInformation("Response to wave {WaveId} recorded ({Channel}).", target.Wave.WaveId, channel);
        return wantsJson ? TypedResults.Json(new { saved = true }) : Html(SurveyPage.ThankYou(language), StatusCodes.Status200OK);
    }

    private static async Task<SurveyLinkTarget?> TargetAsync(string? token, LinkTokens tokens, SurveyDirectory directory, DateTimeOffset now, CancellationToken ct) =>
        tokens.Verify(token, LinkPurpose.Survey, now) is { IsValid: true, Claims: { } claims }
            ? await directory.ResolveAsync(claims.DeliveryId, ct)
            : null;

    private static Language LanguageOf(string? requested, SurveyLinkTarget target)
    {
        var offered = target.Survey.Definition.Languages;
        if (WireName<Language>.TryParse(requested?.Trim().ToLowerInvariant(), out var l) && offered.Contains(l)) return l;
        return WireName<Language>.TryParse(target.Language, out var content) && offered.Contains(content) ? content : offered[0];
    }

    private static void SetHeaders(HttpResponse response) => PageHeaders.Apply(response, SurveyPage.ContentSecurityPolicy);

    private static IResult Html(string page, int status) => PageHeaders.Html(page, status);

    private static IResult Problem(int status, string title, IReadOnlyDictionary<string, string[]>? errors = null) =>
        errors is null
            ? TypedResults.Problem(statusCode: status, title: title)
            : TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Extensions = { ["errors"] = errors } });
}
