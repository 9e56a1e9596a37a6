using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Delivery;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Surveys;

namespace PlComms.IntegrationTests.Hostile;

/// <summary>
/// The scanner campaign: every link of every email the app sent (survey invitations, reminders and a campaign: answer
/// links, the whole-survey link, the footer's unsubscribe link, the List-Unsubscribe header's one-click link) fetched as
/// mail security scanners and link previewers fetch them, by GET, HEAD and OPTIONS under their user agents and headers.
/// Nothing may be recorded: no answer, no unsubscribe, and no write at all, checked against every table and queue.
/// SurveyLinkTests covers one email with a plain client; this covers every kind of email and scanner.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class MailScannerTests(HostileFixture fixture)
{
    /// <summary>User agents of the scanners and previewers that fetch links in mail (as they present themselves).</summary>
    public static readonly string[] UserAgents =
    [
        // Microsoft Defender for Office 365 Safe Links detonates links with a browser-like agent.
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0",
        "Microsoft Office Existence Discovery",
        "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)",
        "Mozilla/5.0 (compatible; Proofpoint URL Defense; +https://www.proofpoint.com)",
        "Mimecast URL Protect/1.0",
        "Barracuda Sentinel (EE)",
        "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
        "Outlook-iOS/709.2226530.prod.iphone (3.24.0)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5",
        "curl/8.5.0",
        "",
    ];

    /// <summary>What else scanners send: prefetch hints, image-only accepts, ranges.</summary>
    private static readonly (string Name, string Value)[][] HeaderSets =
    [
        [],
        [("Accept", "*/*"), ("Sec-Purpose", "prefetch")],
        [("Accept", "image/webp,image/*,*/*;q=0.8"), ("Purpose", "prefetch")],
        [("Accept", "text/html"), ("Range", "bytes=0-1023"), ("X-Forwarded-For", "40.94.0.1")],
    ];

    private static readonly HttpMethod[] Methods = [HttpMethod.Get, HttpMethod.Head, HttpMethod.Options];

    [Fact]
    public async Task Every_link_of_every_email_fetched_by_scanners_records_no_answer_no_unsubscribe_and_writes_nothing()
    {
        var world = await fixture.WorldAsync();
        var links = world.Emails.SelectMany(e => e.Links().Select(l => (Email: e, Link: l))).ToList();
        // Each survey email: five answers and the whole survey, and the unsubscribe link of its footer and its header (one
        // link); a campaign's: that unsubscribe link.
        Assert.Equal(["campaign", "survey invitation", "survey reminder"], world.Emails.Select(e => e.Kind).Distinct().Order());
        Assert.All(world.Emails.Where(e => e.Kind != "campaign"), e => Assert.Equal(7, e.Links().Count));
        Assert.All(world.Emails.Where(e => e.Kind == "campaign"), e => Assert.Single(e.Links()));
        Assert.All(world.Emails, e => Assert.Contains(e.Links(), l => e.ListUnsubscribe.Contains(l.ToString(), StringComparison.Ordinal)));
        Assert.All(links, l => Assert.Equal(fixture.BaseAddress.Authority, l.Link.Authority));

        var requests = (from l in links from agent in UserAgents from method in Methods select (l.Link, Agent: agent, Method: method))
            .Select((r, i) => (r.Link, r.Agent, r.Method, Headers: HeaderSets[i % HeaderSets.Length])).ToList();
        var answers = await fixture.AssertWritesNothingAsync("scanners fetching every link", () =>
            HostileFixture.InParallelAsync(requests, 16, async r =>
            {
                using var request = new HttpRequestMessage(r.Method, r.Link);
                request.Headers.TryAddWithoutValidation("User-Agent", r.Agent);
                foreach (var (name, value) in r.Headers)
                    request.Headers.TryAddWithoutValidation(name, value);
                using var response = await fixture.Anonymous.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                return (r.Link, r.Agent, r.Method, Status: (int)response.StatusCode);
            }));

        // The page is shown (the person's own first click looks just the same); OPTIONS is no method of these routes,
        // so it is refused like any unknown API request (401, the officer check's answer to a route it does not know).
        var wrong = answers.Where(a => a.Method == HttpMethod.Options ? a.Status is < 400 or >= 500 : a.Status is not (200 or 206)).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {answers.Length} scanner requests got an unexpected status: " +
            string.Join("; ", wrong.Take(5).Select(w => $"{w.Method} {w.Link.PathAndQuery[..Math.Min(40, w.Link.PathAndQuery.Length)]} as '{w.Agent}' → {w.Status}")));
        Assert.True(answers.Length >= 1500, $"Only {answers.Length} requests.");

        // No answer and no unsubscribe, asked of the stores themselves too.
        var responses = fixture.Services.GetRequiredService<ResponseStore>();
        var suppressions = (await fixture.Services.GetRequiredService<SuppressionStore>().CurrentAsync(CancellationToken.None));
        foreach (var email in world.Emails)
        {
            Assert.Null(await responses.GetAsync(email.DeliveryId, CancellationToken.None));
            Assert.False(suppressions.IsSuppressed(email.To, MessageStream.Surveys));
            Assert.False(suppressions.IsSuppressed(email.To, MessageStream.Announcements));
        }
        Assert.Empty(await responses.RespondentsAsync(world.WaveId, 0, CancellationToken.None));
        foreach (var send in new[] { world.WaveId, world.ReminderId, world.CampaignId })
        {
            var progress = (await (await fixture.Officer.GetAsync($"/api/campaigns/{send}")).ReadObjectAsync())["progress"]!.AsObject();
            Assert.Equal(0, progress["unsubscribed"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task The_checks_see_a_real_answer_and_a_real_unsubscribe()
    {
        // Proves the scanner test can fail: a person's POST from the same kind of links is recorded and shows in its checks.
        var before = await fixture.SettledSnapshotAsync();
        var surveySchool = PlComms.IntegrationTests.Surveys.SurveyFixture.NewSchool("scanner-control");
        await fixture.SeedAsync(surveySchool, 1);
        var waveId = await fixture.OpenWaveAsync(await fixture.CreateSurveyAsync(surveySchool));
        var email = new SentEmail("survey invitation", Assert.Single(fixture.Emails(waveId, surveySchool)));
        var afterSend = await fixture.SettledSnapshotAsync();
        Assert.NotEmpty(afterSend.Since(before));

        using var person = new PlComms.IntegrationTests.Surveys.SurveyPageClient();
        var answer = email.Links().First(l => l.Query.Contains("a=4", StringComparison.Ordinal));
        await person.OpenAsync(answer);
        var (posted, _) = await person.SubmitAsync(answer, [new("q-parent-awareness", "4")]);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var unsubscribe = new Uri(email.ListUnsubscribe.Trim('<', '>'));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous.PostAsync(unsubscribe, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).StatusCode);

        await Task.Delay(300);
        var changes = (await fixture.SnapshotAsync()).Since(afterSend);
        Assert.Contains(changes, c => c.StartsWith("table SurveyResponses: +", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.StartsWith("table Suppressions: +", StringComparison.Ordinal));
        Assert.NotNull(await fixture.Services.GetRequiredService<ResponseStore>().GetAsync(email.DeliveryId, CancellationToken.None));
        Assert.True((await fixture.Services.GetRequiredService<SuppressionStore>().CurrentAsync(CancellationToken.None)).IsSuppressed(email.To, MessageStream.Surveys));
    }
}
