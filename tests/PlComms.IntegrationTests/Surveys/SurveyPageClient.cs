using System.Net;
using System.Text.RegularExpressions;

namespace PlComms.IntegrationTests.Surveys;

/// <summary>A person's browser at the HTTP level: keeps the antiforgery cookie, reads the form's token, posts answers.</summary>
public sealed partial class SurveyPageClient : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });

    public string? FormToken { get; private set; }

    /// <summary>GETs the page and keeps the form's antiforgery token (when the page has a form).</summary>
    public async Task<(HttpResponseMessage Response, string Html)> OpenAsync(Uri link)
    {
        var response = await _http.GetAsync(link);
        var html = await response.Content.ReadAsStringAsync();
        if (FormTokenPattern().Match(html) is { Success: true } m) FormToken = WebUtility.HtmlDecode(m.Groups[1].Value);
        return (response, html);
    }

    /// <summary>POSTs answers as the form does (with the token from <see cref="OpenAsync"/> unless told otherwise).</summary>
    public async Task<(HttpResponseMessage Response, string Body)> SubmitAsync(Uri link, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true, bool json = false)
    {
        var all = fields.ToList();
        if (withToken && FormToken is not null) all.Add(new("__RequestVerificationToken", FormToken));
        using var request = new HttpRequestMessage(HttpMethod.Post, link) { Content = new FormUrlEncodedContent(all) };
        if (json) request.Headers.Accept.ParseAdd("application/json");
        var response = await _http.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();
}
