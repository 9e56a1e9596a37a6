using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Delivery;
using PlComms.IntegrationTests.Surveys;
using PlComms.Surveys;
using Xunit.Abstractions;

namespace PlComms.IntegrationTests.Hostile;

/// <summary>
/// The forgery campaign on link tokens: tokens made from real ones the app issued (see <see cref="TokenMutations"/>)
/// against every route a token opens: the survey page's GET, its one-click answer link, HEAD, the form's POST and the
/// page script's one-click POST; the unsubscribe page's GET and HEAD, the one-click POST and the button's POST. Every
/// one must be refused, and nothing written. CI presents 1,000 tokens; <c>PLCOMMS_HOSTILE=full</c> presents 10,000.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class ForgedTokenTests(HostileFixture fixture, ITestOutputHelper output)
{
    private const int Seed = 20_261_201;

    private enum Route
    {
        SurveyGet,
        SurveyOneClickLink,
        SurveyHead,
        SurveyFormPost,
        SurveyOneClickPost,
        UnsubscribeGet,
        UnsubscribeHead,
        UnsubscribeOneClickPost,
        UnsubscribeButtonPost,
    }

    private static readonly Route[] SurveyRoutes = [Route.SurveyGet, Route.SurveyOneClickLink, Route.SurveyHead, Route.SurveyFormPost, Route.SurveyOneClickPost];
    private static readonly Route[] UnsubscribeRoutes = [Route.UnsubscribeGet, Route.UnsubscribeHead, Route.UnsubscribeOneClickPost, Route.UnsubscribeButtonPost];

    [Fact]
    public async Task Forged_truncated_extended_re_keyed_expired_and_misused_tokens_are_refused_on_every_token_route_and_write_nothing()
    {
        var world = await fixture.WorldAsync();
        var surveyTokens = world.Emails.SelectMany(e => e.Links()).Where(l => l.AbsolutePath.StartsWith("/api/s/", StringComparison.Ordinal))
            .Select(l => l.AbsolutePath["/api/s/".Length..]).Distinct().ToList();
        var unsubscribeTokens = world.Emails.SelectMany(e => e.Links()).Where(l => l.AbsolutePath == "/api/unsubscribe")
            .Select(l => System.Web.HttpUtility.ParseQueryString(l.Query)["token"]!).Distinct().ToList();
        Assert.True(surveyTokens.Count >= 3 && unsubscribeTokens.Count >= 6, $"{surveyTokens.Count} survey and {unsubscribeTokens.Count} unsubscribe tokens.");

        var count = HostileFixture.Full ? 10_000 : 1_000;
        var tokens = new TokenMutations(surveyTokens, unsubscribeTokens, fixture.Services.GetRequiredService<LinkTokens>(), fixture.Clock.GetUtcNow(), Seed).Make(count);
        Assert.Equal(count, tokens.Count);
        Assert.Equal(TokenMutations.Kinds.Order(), tokens.Select(t => t.Kind).Distinct().Order());
        Assert.DoesNotContain(tokens, t => t.OnSurveyRoutes && surveyTokens.Contains(t.Token) || t.OnUnsubscribeRoutes && unsubscribeTokens.Contains(t.Token));

        // A person's browser that opened a real survey page: its antiforgery cookie and form token go with every POST,
        // so a refusal is the link token's doing, not the form's.
        using var browser = new SurveyPageClient();
        var realLink = world.Emails.First(e => e.Kind == "survey invitation").Links().First(l => l.Query.Contains("a=4", StringComparison.Ordinal));
        var (opened, _) = await browser.OpenAsync(realLink);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.NotNull(browser.FormToken);

        var requests = tokens.SelectMany(t => (t.OnSurveyRoutes ? SurveyRoutes : []).Concat(t.OnUnsubscribeRoutes ? UnsubscribeRoutes : []).Select(r => (Token: t, Route: r))).ToList();
        var clock = Stopwatch.StartNew();
        var answers = await fixture.AssertWritesNothingAsync($"{tokens.Count} forged tokens", () =>
            HostileFixture.InParallelAsync(requests, 16, async r => (r.Token, r.Route, Status: await SendAsync(browser, r.Route, r.Token.Token))));
        output.WriteLine($"{tokens.Count} tokens, {answers.Length} requests in {clock.Elapsed.TotalSeconds:0.0} s ({answers.Length / clock.Elapsed.TotalSeconds:0} per second).");

        var accepted = answers.Where(a => a.Status is < 400 or >= 500).ToList();
        Assert.True(accepted.Count == 0, $"{accepted.Count} of {answers.Length} requests with forged tokens were not refused with a 4xx: " +
            string.Join("; ", accepted.Take(8).Select(a => $"{a.Token.Kind} on {a.Route} → {a.Status} ({a.Token.Token})")));
        var byRoute = answers.GroupBy(a => a.Route).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enum.GetValues<Route>(), r => Assert.True(byRoute.GetValueOrDefault(r) >= count / 2, $"{r}: {byRoute.GetValueOrDefault(r)} requests"));
        // Tokens that reach the routes are refused by them, with their own page (a 404 is only a token that is no path segment).
        Assert.True(answers.Count(a => a.Status == 400) >= answers.Length * 0.95, string.Join(", ", answers.GroupBy(a => a.Status).Select(g => $"{g.Key}: {g.Count()}")));

        var responses = fixture.Services.GetRequiredService<ResponseStore>();
        Assert.Empty(await responses.RespondentsAsync(world.WaveId, 0, CancellationToken.None));
        var suppressions = await fixture.Services.GetRequiredService<SuppressionStore>().CurrentAsync(CancellationToken.None);
        Assert.All(world.Emails, e => Assert.False(suppressions.IsSuppressed(e.To, MessageStream.Surveys) || suppressions.IsSuppressed(e.To, MessageStream.Announcements), e.ToString()));
    }

    [Fact]
    public async Task The_same_requests_with_the_real_tokens_of_a_new_email_are_accepted()
    {
        // Proves the campaign's requests can succeed: built the same way, the real tokens answer and unsubscribe.
        var school = SurveyFixture.NewSchool("token-control");
        await fixture.SeedAsync(school, 1);
        var waveId = await fixture.OpenWaveAsync(await fixture.CreateSurveyAsync(school));
        var email = new SentEmail("survey invitation", Assert.Single(fixture.Emails(waveId, school)));
        var surveyToken = email.Links().First(l => l.AbsolutePath.StartsWith("/api/s/", StringComparison.Ordinal)).AbsolutePath["/api/s/".Length..];
        var unsubscribeToken = System.Web.HttpUtility.ParseQueryString(new Uri(email.ListUnsubscribe.Trim('<', '>')).Query)["token"]!;
        using var browser = new SurveyPageClient();
        await browser.OpenAsync(email.Links()[0]);

        foreach (var route in SurveyRoutes) Assert.Equal(200, await SendAsync(browser, route, surveyToken));
        Assert.NotNull(await fixture.Services.GetRequiredService<ResponseStore>().GetAsync(email.DeliveryId, CancellationToken.None));
        foreach (var route in UnsubscribeRoutes) Assert.Equal(200, await SendAsync(browser, route, unsubscribeToken));
        Assert.True((await fixture.Services.GetRequiredService<SuppressionStore>().CurrentAsync(CancellationToken.None)).IsSuppressed(email.To, MessageStream.Surveys));
    }

    private async Task<int> SendAsync(SurveyPageClient browser, Route route, string token)
    {
        var survey = new Uri(fixture.BaseAddress, "/api/s/" + Uri.EscapeDataString(token));
        var unsubscribe = new Uri(fixture.BaseAddress, "/api/unsubscribe?token=" + Uri.EscapeDataString(token));
        HttpResponseMessage response;
        switch (route)
        {
            case Route.SurveyGet:
                response = await fixture.Anonymous.GetAsync(new Uri(survey + "?lang=en"));
                break;
            case Route.SurveyOneClickLink:
                response = await fixture.Anonymous.GetAsync(new Uri(survey + "?a=4&lang=en"));
                break;
            case Route.SurveyHead:
                response = await fixture.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, survey));
                break;
            case Route.SurveyFormPost:
                (response, _) = await browser.SubmitAsync(survey, [new("q-parent-awareness", "4"), new("q-parent-understanding", "5"), new("channel", "form"), new("lang", "en")]);
                break;
            case Route.SurveyOneClickPost:
                (response, _) = await browser.SubmitAsync(survey, [new("q-parent-awareness", "4"), new("channel", "email-click")], json: true);
                break;
            case Route.UnsubscribeGet:
                response = await fixture.Anonymous.GetAsync(unsubscribe);
                break;
            case Route.UnsubscribeHead:
                response = await fixture.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, unsubscribe));
                break;
            case Route.UnsubscribeOneClickPost:
                response = await fixture.Anonymous.PostAsync(unsubscribe, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
                break;
            default:
                response = await fixture.Anonymous.PostAsync(unsubscribe, new FormUrlEncodedContent([]));
                break;
        }
        using (response) return (int)response.StatusCode;
    }
}
