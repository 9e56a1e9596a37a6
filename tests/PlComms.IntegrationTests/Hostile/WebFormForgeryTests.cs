using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.IntegrationTests.Surveys;

namespace PlComms.IntegrationTests.Hostile;

/// <summary>
/// Every form of the officer's web app posted as a forger would: without its antiforgery token, with a made-up one, with
/// one from another officer's session, with one issued before this browser signed in; and with a valid token but no
/// session or a forged session cookie. A refused form gets a 400 page that says the form was not sent and nothing was
/// saved (never a stack trace, never an empty page); without a session the browser is sent to sign in; nothing is
/// written either way. Then each form, submitted as the page rendered it, is accepted, so each refusal was the token's.
/// Form bodies that are too large or not a form get the same 400 page.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed partial class WebFormForgeryTests(HostileFixture fixture)
{
    /// <summary>The pages' resources each form needs to be on its page.</summary>
    private sealed record FormSeeds(string VisionId, string MessageId, string DraftCampaignId, string ScheduledCampaignId, string ContactId, string ActiveSurveyId, string PausedSurveyId, string ImportKey);

    /// <summary>
    /// Every form: its page's route template and form name (as the sources name them), and where a browser finds it.
    /// The minimal endpoints forms post to are named by their path.
    /// </summary>
    private static readonly (string Page, string Form, Func<FormSeeds, string> Open)[] Forms =
    [
        ("/app/sign-in", "sign-in", _ => "/app/sign-in"),
        ("/app/visions/new", "vision", _ => "/app/visions/new"),
        ("/app/follow-ups", "delete-rule", _ => "/app/follow-ups"),
        ("/app/follow-ups", "new-rule", _ => "/app/follow-ups"),
        ("/app/campaigns/new", "create-campaign", s => $"/app/campaigns/new?vision={s.VisionId}"),
        ("/app/campaigns/{Id}", "schedule", s => $"/app/campaigns/{s.DraftCampaignId}"),
        ("/app/campaigns/{Id}", "cancel", s => $"/app/campaigns/{s.ScheduledCampaignId}?confirm=cancel"),
        ("/app/visions/{Id}/messages", "generate-messages", s => $"/app/visions/{s.VisionId}/messages"),
        ("/app/visions/{Id}/messages/{MessageId}", "approve-message", s => $"/app/visions/{s.VisionId}/messages/{s.MessageId}"),
        ("/app/visions/{Id}/messages/{MessageId}", "edit-message", s => $"/app/visions/{s.VisionId}/messages/{s.MessageId}"),
        // After the message forms: saving the vision makes its messages stale, and a stale message has no approve form.
        ("/app/visions/{Id}", "vision", s => $"/app/visions/{s.VisionId}"),
        ("/app/contacts/import/{Key}", "import", s => $"/app/contacts/import/{s.ImportKey}"),
        ("/app/suppressions", "add-suppression", _ => "/app/suppressions"),
        ("/app/suppressions", "lift", _ => "/app/suppressions"),
        ("/app/contacts/{Id}", "erase", s => $"/app/contacts/{s.ContactId}?confirm=erase"),
        ("/app/surveys", "new-survey", _ => "/app/surveys"),
        ("/app/surveys/{Id}", "pause", s => $"/app/surveys/{s.ActiveSurveyId}"),
        ("/app/surveys/{Id}", "resume", s => $"/app/surveys/{s.PausedSurveyId}"),
        ("/app/sign-out", "/app/sign-out", _ => "/app"),
        ("/app/visions/preview", "/app/visions/preview", s => $"/app/visions/{s.VisionId}"),
        ("/app/contacts/import/upload", "/app/contacts/import/upload", _ => "/app/contacts/import"),
    ];

    [Fact]
    public void Every_post_form_of_the_web_app_and_every_endpoint_a_form_posts_to_is_in_the_campaign()
    {
        var fromSources = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "functions", "PlComms"), "*.razor", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            var pages = PagePattern().Matches(text).Select(m => m.Groups[1].Value).ToList();
            foreach (Match form in FormNamePattern().Matches(text))
                fromSources.AddRange(pages.Select(p => $"{p} {form.Groups[1].Value}"));
        }
        var posts = fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("app/", StringComparison.Ordinal)
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null
                && (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Contains("POST"))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'));
        fromSources.AddRange(posts.Select(p => $"{p} {p}"));

        Assert.True(fromSources.Count >= 15, $"Only {fromSources.Count} forms found.");
        Assert.Equal(fromSources.Distinct().Order(StringComparer.Ordinal), Forms.Select(f => $"{f.Page} {f.Form}").Order(StringComparer.Ordinal));
    }

    private async Task<FormSeeds> SeedAsync(OfficerBrowser officer)
    {
        var seeds = await fixture.OnceAsync(CorpusSeeds.MakeAsync);
        var school = SurveyFixture.NewSchool("forms");
        await fixture.SeedAsync(school, 2);
        var contacts = await (await fixture.Officer.GetAsync($"/api/contacts?school={school}")).ReadObjectAsync();
        var scheduled = await (await fixture.Officer.PostAsync("/api/campaigns", ApiAssertions.JsonContent(new JsonObject
        {
            ["name"] = "Forms campaign", ["visionId"] = seeds.VisionId, ["messageId"] = seeds.ApprovedMessageId,
            ["segment"] = new JsonObject { ["role"] = "parent", ["schools"] = new JsonArray(school) },
            ["scheduledAt"] = fixture.Clock.GetUtcNow().AddDays(30).ToString("O"),
        }))).ReadObjectAsync();
        var active = await fixture.CreateSurveyAsync(school, change: b => b["schedule"]!["baseline"] = fixture.Clock.GetUtcNow().AddDays(60).ToString("O"));
        var paused = await fixture.CreateSurveyAsync(school, change: b => b["schedule"]!["baseline"] = fixture.Clock.GetUtcNow().AddDays(60).ToString("O"));
        Assert.True((await fixture.Officer.PostAsync($"/api/surveys/{paused}/pause", null)).IsSuccessStatusCode);
        await (await fixture.Officer.PostAsync("/api/suppressions", ApiAssertions.JsonContent(new JsonObject { ["email"] = $"{school}-lift@example.org" }))).ReadObjectAsync();

        // A kept upload, as the upload form leaves one for its report page.
        var upload = await officer.FormAsync("/app/contacts/import", "/app/contacts/import/upload");
        var sent = await officer.Http.PostAsync(upload.Action, Upload(upload.Token, $"email,role,schools\r\nnew-{school}@example.org,parent,{school}\r\n"));
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        var key = sent.Headers.Location!.OriginalString.Split('/')[^1];
        return new FormSeeds(seeds.VisionId, seeds.MessageId, seeds.DraftCampaignId, scheduled["id"]!.GetValue<string>(), contacts["items"]![0]!["id"]!.GetValue<string>(), active, paused, key);
    }

    private static MultipartFormDataContent Upload(string? token, string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var form = new MultipartFormDataContent { { file, "file", "families.csv" } };
        if (token is not null) form.Add(new StringContent(token), PageForm.TokenField);
        return form;
    }

    private static HttpContent Body(PageForm form, string? token) =>
        form.Name == "/app/contacts/import/upload"
            ? Upload(token, "email,role\r\nforged@example.org,parent\r\n")
            : new FormUrlEncodedContent(form.WithToken(token));

    [Fact]
    public async Task Forged_forms_get_a_400_page_that_says_nothing_was_saved_no_session_goes_to_sign_in_and_nothing_is_written()
    {
        // The collection's shared resources first: making them moves the app's clock days on, past any session's idle limit.
        await fixture.OnceAsync(CorpusSeeds.MakeAsync);
        using var officer = new OfficerBrowser(fixture.BaseAddress);
        // A form opened before this browser signed in: its token belongs to no one.
        var beforeSignIn = (await officer.FormAsync("/app/sign-in", "sign-in")).Token!;
        await officer.SignInAsync();
        using var otherOfficer = new OfficerBrowser(fixture.BaseAddress);
        await otherOfficer.SignInAsync();
        var seeds = await SeedAsync(officer);

        var forms = new List<(string Label, string Path, PageForm Form, PageForm OtherSessions)>();
        foreach (var (page, name, open) in Forms)
        {
            var path = open(seeds);
            var asPage = name == "/app/visions/preview" ? (await officer.FormAsync(path, "vision")) with { Name = name, Action = new Uri(fixture.BaseAddress, name) } : await officer.FormAsync(path, name);
            var other = name == "/app/visions/preview" ? await otherOfficer.FormAsync(path, "vision") : await otherOfficer.FormAsync(path, name);
            Assert.False(string.IsNullOrEmpty(asPage.Token), $"{page} {name} has no antiforgery token.");
            forms.Add(($"{page} {name}", path, asPage, other));
        }

        using var noSession = NoSession(officer, forged: false);
        using var forgedSession = NoSession(officer, forged: true);
        var answers = await fixture.AssertWritesNothingAsync($"{forms.Count} forms posted with forged tokens and sessions", async () =>
        {
            var results = new List<(string Label, string Case, HttpResponseMessage Response, string Body)>();
            foreach (var (label, _, form, other) in forms)
            {
                var cases = new List<(string Case, HttpClient Client, HttpContent Body)>
                {
                    ("no token", officer.Http, Body(form, null)),
                    ("a made-up token", officer.Http, Body(form, "CfDJ8" + new string('A', 150))),
                    ("the token of another officer's session", officer.Http, Body(form, other.Token)),
                    ("a token issued before signing in", officer.Http, Body(form, beforeSignIn)),
                };
                if (label != "/app/sign-in sign-in")
                {
                    cases.Add(("no session", noSession, Body(form, form.Token)));
                    cases.Add(("a forged session cookie", forgedSession, Body(form, form.Token)));
                }
                foreach (var (name, client, body) in cases)
                {
                    var response = await client.PostAsync(form.Action, body);
                    results.Add((label, name, response, await response.Content.ReadAsStringAsync()));
                }
            }
            return results;
        });

        var wrong = new List<string>();
        foreach (var (label, name, response, body) in answers)
        {
            var status = (int)response.StatusCode;
            if (name is "no session" or "a forged session cookie" && label != "/app/sign-out /app/sign-out")
            {
                if (response.StatusCode != HttpStatusCode.Found || response.Headers.Location?.AbsolutePath != "/app/sign-in")
                    wrong.Add($"{label}, {name}: {status} {response.Headers.Location} (expected a redirect to sign in)");
            }
            // Signing out needs no session, but its token was the session's: without the session it is refused like any other.
            else if (label == "/app/contacts/import/upload /app/contacts/import/upload")
            {
                // The upload form's own answer: back to the form, which names the problem (post, redirect, get).
                if (response.StatusCode != HttpStatusCode.SeeOther || response.Headers.Location?.OriginalString != "/app/contacts/import?problem=expired-form")
                    wrong.Add($"{label}, {name}: {status} {response.Headers.Location}");
            }
            else if (!IsRejectedPage(response, body))
            {
                wrong.Add($"{label}, {name}: {status} {response.Content.Headers.ContentType} {Title(body)} {body[..Math.Min(200, body.Length)]}");
            }
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {answers.Count} forged posts were not refused as they should be:\n" + string.Join("\n", wrong));
        Assert.True(answers.Count >= 100, $"Only {answers.Count} posts.");

        // Each form, as its page renders it now and with its own token, is taken: so every refusal above was the token's.
        foreach (var (label, path, _, _) in forms.Where(f => f.Label != "/app/sign-out /app/sign-out"))
        {
            var name = label.Split(' ')[1];
            var fresh = name == "/app/visions/preview"
                ? (await officer.FormAsync(path, "vision")) with { Name = name, Action = new Uri(fixture.BaseAddress, name) }
                : await officer.FormAsync(path, name);
            var response = await officer.Http.PostAsync(fresh.Action, Body(fresh, fresh.Token));
            var body = await response.Content.ReadAsStringAsync();
            Assert.False(IsRejectedPage(response, body), $"{label} was refused with its own token: {(int)response.StatusCode} {Title(body)}");
            Assert.True((int)response.StatusCode < 500, $"{label}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
        }
        var signOut = forms.Single(f => f.Label == "/app/sign-out /app/sign-out").Form;
        var signedOut = await officer.Http.PostAsync(signOut.Action, Body(signOut, signOut.Token));
        Assert.Equal("/app/sign-in?signedout=true", signedOut.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_form_body_over_the_limit_or_not_a_form_gets_the_same_400_page_and_writes_nothing()
    {
        await fixture.OnceAsync(CorpusSeeds.MakeAsync);
        using var officer = new OfficerBrowser(fixture.BaseAddress);
        await officer.SignInAsync();
        var form = await officer.FormAsync("/app/suppressions", "add-suppression");
        var fields = form.Fields.Where(f => f.Key != "AddEmail").Append(new("AddEmail", $"big-{Guid.NewGuid():N}@example.org")).ToList();

        var answers = await fixture.AssertWritesNothingAsync("oversized and non-form bodies", async () =>
        {
            var results = new List<(string Case, HttpResponseMessage Response, string Body)>();
            async Task Post(string name, HttpContent content)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = content };
                request.Headers.ExpectContinue = true;
                var response = await officer.Http.SendAsync(request);
                results.Add((name, response, await response.Content.ReadAsStringAsync()));
            }
            await Post("a note of 300 KiB", new FormUrlEncodedContent([.. fields.Where(f => f.Key != "AddNote"), new("AddNote", new string('n', 300 * 1024))]));
            await Post("a field name of 10,000 characters", new FormUrlEncodedContent([.. fields, new(new string('k', 10_000), "v")]));
            await Post("5,000 fields", new FormUrlEncodedContent([.. fields, .. Enumerable.Range(0, 5_000).Select(i => new KeyValuePair<string, string>($"f{i}", "v"))]));
            await Post("JSON", new StringContent(new JsonObject { ["AddEmail"] = "json@example.org", [PageForm.TokenField] = form.Token }.ToJsonString(), Encoding.UTF8, "application/json"));
            await Post("plain text", new StringContent(string.Join('&', fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")), Encoding.UTF8, "text/plain"));
            await Post("a form with no body", new ByteArrayContent([]) { Headers = { ContentType = new("application/x-www-form-urlencoded") } });
            return results;
        });

        Assert.All(answers, a => Assert.True(IsRejectedPage(a.Response, a.Body), $"{a.Case}: {(int)a.Response.StatusCode} {a.Response.Content.Headers.ContentType} {Title(a.Body)}"));
    }

    [Fact]
    public async Task A_form_with_a_field_over_its_limit_or_not_utf8_is_shown_again_naming_the_field_and_writes_nothing()
    {
        await fixture.OnceAsync(CorpusSeeds.MakeAsync);
        // The designed answer of a form whose token is good and whose fields are not: the page again, the error beside
        // the field (HTTP 200, as a page re-shown with its errors is), nothing saved.
        using var officer = new OfficerBrowser(fixture.BaseAddress);
        await officer.SignInAsync();
        var form = await officer.FormAsync("/app/suppressions", "add-suppression");
        KeyValuePair<string, string>[] Change(string field, string value) => [.. form.Fields.Where(f => f.Key != field), new(field, value)];

        var answers = await fixture.AssertWritesNothingAsync("fields over their limits", async () =>
        {
            var results = new List<(string Case, HttpResponseMessage Response, string Body)>();
            foreach (var (name, body) in new (string, HttpContent)[]
            {
                ("an address of 300 characters", new FormUrlEncodedContent(Change("AddEmail", new string('a', 290) + "@example.org"))),
                ("a note of 600 characters", new FormUrlEncodedContent([.. Change("AddEmail", "ok@example.org").Where(f => f.Key != "AddNote"), new("AddNote", new string('n', 600))])),
                // Raw bytes that are not UTF-8 in the body decode to U+FFFD. (Percent-escaped ones, %FF, are kept as the
                // text "%FF", which an address may hold.)
                ("an address that is not UTF-8", new ByteArrayContent([.. Encoding.ASCII.GetBytes(string.Join('&', Change("AddEmail", "x").Where(f => f.Key != "AddEmail")
                    .Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")) + "&AddEmail=jos"), 0xE9, .. Encoding.ASCII.GetBytes("%40example.org")])
                    { Headers = { ContentType = new("application/x-www-form-urlencoded") } }),
            })
            {
                var response = await officer.Http.PostAsync(form.Action, body);
                results.Add((name, response, await response.Content.ReadAsStringAsync()));
            }
            return results;
        });

        Assert.All(answers, a =>
        {
            Assert.True(a.Response.StatusCode == HttpStatusCode.OK, $"{a.Case}: {(int)a.Response.StatusCode}");
            Assert.Contains("role=\"alert\"", a.Body);
            Assert.Contains("aria-invalid=\"true\"", a.Body);
            Assert.DoesNotContain("Exception", a.Body);
        });
    }

    private static bool IsRejectedPage(HttpResponseMessage response, string body) =>
        response.StatusCode == HttpStatusCode.BadRequest
        && response.Content.Headers.ContentType?.MediaType == "text/html"
        && Title(body) == "This form was not sent | PlComms"
        && body.Contains("Nothing was saved.", StringComparison.Ordinal)
        && !body.Contains("Exception", StringComparison.Ordinal) && !body.Contains(" at PlComms.", StringComparison.Ordinal)
        && response.Headers.TryGetValues("Content-Security-Policy", out var csp) && csp.Single().Contains("default-src 'none'", StringComparison.Ordinal);

    private static string Title(string html) => Regex.Match(html, "<title>(.*?)</title>", RegexOptions.Singleline).Groups[1].Value.Trim();

    /// <summary>A browser with this one's antiforgery cookie and no session cookie, or one that was never issued.</summary>
    private static HttpClient NoSession(OfficerBrowser officer, bool forged)
    {
        var cookies = new CookieContainer();
        foreach (Cookie c in officer.Cookies.GetAllCookies())
            if (c.Name != PlComms.WebApp.OfficerSessions.CookieName) cookies.Add(c);
        Assert.True(cookies.Count == 1, "Cookies: " + string.Join(", ", officer.Cookies.GetAllCookies().Select(c => $"{c.Name} ({c.Path})")));
        if (forged) cookies.Add(new Cookie(PlComms.WebApp.OfficerSessions.CookieName, "CfDJ8" + new string('B', 300), "/app", officer.BaseAddress.Host));
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = officer.BaseAddress };
    }

    [GeneratedRegex("@page \"([^\"]+)\"")]
    private static partial Regex PagePattern();

    [GeneratedRegex("@formname=\"([^\"]+)\"")]
    private static partial Regex FormNamePattern();
}
