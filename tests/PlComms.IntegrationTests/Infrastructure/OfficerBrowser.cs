using System.Net;
using System.Text.RegularExpressions;

namespace PlComms.IntegrationTests.Infrastructure;

/// <summary>One form of a page as a browser would submit it: where it posts and its fields with their values.</summary>
public sealed record PageForm(string Name, Uri Action, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public const string TokenField = "__RequestVerificationToken";

    public string? Token => Fields.FirstOrDefault(f => f.Key == TokenField).Value;

    /// <summary>The same fields with the antiforgery token replaced (null: left out).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> WithToken(string? token)
    {
        var fields = Fields.Where(f => f.Key != TokenField).ToList();
        if (token is not null) fields.Add(new(TokenField, token));
        return fields;
    }
}

/// <summary>
/// The officer's browser at the HTTP level: keeps its cookies (session and antiforgery), signs in through the form,
/// opens pages and reads their forms as a browser would submit them (hidden fields, inputs, the chosen options, text
/// areas and the first named button). No redirects are followed, so each answer shows as it is.
/// </summary>
public sealed partial class OfficerBrowser(Uri baseAddress) : IDisposable
{
    public CookieContainer Cookies { get; } = new();

    private HttpClient? _http;

    public HttpClient Http => _http ??= new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    public Uri BaseAddress => baseAddress;

    public async Task SignInAsync()
    {
        var form = await FormAsync("/app/sign-in", "sign-in");
        var fields = form.Fields.Where(f => f.Key != "Key").Append(new("Key", AppFixture.ApiKey)).ToList();
        var signedIn = await Http.PostAsync(form.Action, new FormUrlEncodedContent(fields));
        Assert.True(signedIn.StatusCode == HttpStatusCode.Found && !signedIn.Headers.Location!.OriginalString.Contains("sign-in", StringComparison.Ordinal),
            $"Sign-in failed: {(int)signedIn.StatusCode} {signedIn.Headers.Location}");
    }

    public async Task<string> PageAsync(string path)
    {
        var response = await Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
        return html;
    }

    /// <summary>The form named <paramref name="formName"/> (its <c>_handler</c>) of the page at <paramref name="path"/>, or the form posting to <paramref name="formName"/> when it is a path.</summary>
    public async Task<PageForm> FormAsync(string path, string formName)
    {
        var html = await PageAsync(path);
        return Forms(html, new Uri(baseAddress, path)).FirstOrDefault(f => f.Name == formName)
            ?? throw new InvalidOperationException($"No form '{formName}' on {path}: {string.Join(", ", Forms(html, new Uri(baseAddress, path)).Select(f => f.Name))}");
    }

    /// <summary>Every post form of a page; a form's name is its <c>_handler</c> field, else the path it posts to.</summary>
    public static IReadOnlyList<PageForm> Forms(string html, Uri page)
    {
        var forms = new List<PageForm>();
        foreach (Match form in FormPattern().Matches(html))
        {
            var attributes = form.Groups[1].Value;
            if (!Attribute(attributes, "method").Equals("post", StringComparison.OrdinalIgnoreCase)) continue;
            var action = WebUtility.HtmlDecode(Attribute(attributes, "action"));
            var target = new Uri(page, action.Length == 0 ? page.PathAndQuery : action.Split('#')[0]);
            var body = form.Groups[2].Value;
            var fields = new List<KeyValuePair<string, string>>();
            foreach (Match input in InputPattern().Matches(body))
            {
                var a = input.Groups[1].Value;
                var type = Attribute(a, "type").ToLowerInvariant();
                if (Attribute(a, "name") is not { Length: > 0 } name || type is "submit" or "button" or "file") continue;
                if (type is "checkbox" or "radio" && !Regex.IsMatch(a, @"\schecked(\s|=|$)")) continue;
                fields.Add(new(WebUtility.HtmlDecode(name), WebUtility.HtmlDecode(Attribute(a, "value"))));
            }
            foreach (Match select in SelectPattern().Matches(body))
            {
                var options = OptionPattern().Matches(select.Groups[2].Value).ToList();
                var chosen = options.FirstOrDefault(o => Regex.IsMatch(o.Groups[1].Value, @"\sselected")) ?? options.FirstOrDefault();
                if (chosen is not null) fields.Add(new(WebUtility.HtmlDecode(Attribute(select.Groups[1].Value, "name")), WebUtility.HtmlDecode(Attribute(chosen.Groups[1].Value, "value"))));
            }
            foreach (Match area in TextAreaPattern().Matches(body))
                fields.Add(new(WebUtility.HtmlDecode(Attribute(area.Groups[1].Value, "name")), WebUtility.HtmlDecode(area.Groups[2].Value)));
            if (ButtonPattern().Match(body) is { Success: true } button)
                fields.Add(new(WebUtility.HtmlDecode(Attribute(button.Groups[1].Value, "name")), WebUtility.HtmlDecode(Attribute(button.Groups[1].Value, "value"))));
            var handler = fields.FirstOrDefault(f => f.Key == "_handler").Value;
            forms.Add(new PageForm(handler ?? target.AbsolutePath, target, fields));
        }
        return forms;
    }

    private static string Attribute(string attributes, string name) =>
        Regex.Match(attributes, $@"(?:^|\s){name}=""([^""]*)""", RegexOptions.IgnoreCase) is { Success: true } m ? m.Groups[1].Value : "";

    public void Dispose() => _http?.Dispose();

    [GeneratedRegex(@"<form\b([^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"<input\b([^>]*)/?>", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex(@"<select\b([^>]*)>(.*?)</select>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex SelectPattern();

    [GeneratedRegex(@"<option\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex OptionPattern();

    [GeneratedRegex(@"<textarea\b([^>]*)>(.*?)</textarea>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TextAreaPattern();

    [GeneratedRegex(@"<button\b([^>]*\sname=""[^""]+""[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex ButtonPattern();
}
