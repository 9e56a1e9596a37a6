using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.IntegrationTests.Delivery;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Surveys;
using Xunit.Abstractions;

namespace PlComms.IntegrationTests.Package;

/// <summary>
/// Faults around the published app (<see cref="FaultHarness"/>): SendGrid answering storms of 429 and 5xx, and Azurite
/// restarted under survey answers from concurrent clients. CI runs a short variant of each; PLCOMMS_CRASH_TRIALS=full
/// runs them at 10,000 recipients, and 60 s of answers from 64 clients with three restarts.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class PublishedFaultTests(PublishedPackageFixture package, FaultWorld world, ITestOutputHelper output)
{
    private static bool Full => FaultWorld.Full;

    // ---- SendGrid storms

    [Fact]
    public async Task Storms_of_429_and_5xx_with_and_without_Retry_After_are_retried_with_backoff_and_each_recipient_is_sent_once()
    {
        var recipients = FaultWorld.Recipients;
        var batchSize = Full ? 500 : 250;
        var batches = 2 * (int)Math.Ceiling(recipients / 2.0 / batchSize);
        var watch = Stopwatch.StartNew();
        var (harness, visionId, messageId, emails, _) = await world.GetAsync(package.Directory);
        try
        {
            await StormsAsync(harness, visionId, messageId, emails, recipients, batchSize, batches, watch);
        }
        finally
        {
            await harness.StopAppsAsync();
        }
    }

    private async Task StormsAsync(FaultHarness harness, string visionId, string messageId, IReadOnlyList<string> emails, int recipients, int batchSize, int batches, Stopwatch watch)
    {
        var app = await harness.StartAppAsync("storm", new Dictionary<string, string>
        {
            ["Delivery__BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["Delivery__SendLeaseSeconds"] = "60",
            ["SendGrid__TimeoutSeconds"] = "15",
            ["SendGrid__BudgetSeconds"] = "30",
            ["Queues__VisibilityTimeout"] = "00:02:30",
            ["Queues__RetryDelay"] = "00:00:01",
            ["Queues__MaxPollingIntervalMs"] = "200",
            ["SendGrid__MaxRetryDelaySeconds"] = "2",
        });

        // Storm 1, absorbed by the sender's own retries: two refusals per batch, in turn 429 asking for 1 s (Retry-After),
        // 503 naming no wait, 500 asking for 1 s, and 429 naming none.
        var storm = Enumerable.Range(0, 2 * batches).Select(i => (i % 4) switch
        {
            0 => SendGridReply.TooManyRequests(retryAfterSeconds: 1),
            1 => SendGridReply.ServerError(503),
            2 => SendGridReply.ServerError(500) with { Headers = new Dictionary<string, string> { ["Retry-After"] = "1" } },
            _ => SendGridReply.TooManyRequests(),
        }).ToArray();
        harness.SendGrid.Enqueue(storm);
        var first = await FaultHarness.CreateCampaignAsync(app, visionId, messageId);
        await harness.WaitForCompletionAsync(first, TimeSpan.FromMinutes(3));
        var firstCalls = AssertStormSurvived(harness, first, emails, storm.Length, "storm 1");
        await FaultHarness.AssertAllSentAsync(app, first, recipients, "storm 1");

        // Storm 2, rate limiting that asks for longer than the sender may sleep (SendGrid__MaxRetryDelaySeconds, 2 here):
        // as many 429s as batches, each asking for 4-5 s, by Retry-After or by X-RateLimit-Reset alone. A refused batch
        // goes back to the queue due when the wait is over, and is tried then.
        var long429 = Enumerable.Range(0, batches).Select(i => i % 2 == 0
            ? SendGridReply.TooManyRequests(retryAfterSeconds: 4)
            : SendGridReply.TooManyRequests() with { RateLimitResetIn = TimeSpan.FromSeconds(5) }).ToArray();
        harness.SendGrid.Enqueue(long429);
        var second = await FaultHarness.CreateCampaignAsync(app, visionId, messageId);
        await harness.WaitForCompletionAsync(second, TimeSpan.FromMinutes(3));
        var secondCalls = AssertStormSurvived(harness, second, emails, long429.Length, "storm 2");
        var report = await FaultHarness.AssertAllSentAsync(app, second, recipients, "storm 2");
        // Each refusal ended its attempt at once (the wait was longer than the sender sleeps), so every call was an attempt of its own.
        var callsByBatch = harness.SendGrid.Requests.Where(r => r.Personalizations.Any(p => p?["custom_args"]?["delivery_id"]?.GetValue<string>()?.StartsWith(second, StringComparison.Ordinal) == true))
            .GroupBy(r => FaultHarness.BatchesOf(r).Single()).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(report["batches"]!.AsArray(), b => Assert.True(b!["attempts"]!.GetValue<int>() == callsByBatch[b["batch"]!.GetValue<int>()],
            $"Batch {b["batch"]} made {callsByBatch[b["batch"]!.GetValue<int>()]} call(s) in {b["attempts"]} attempt(s): {b.ToJsonString()}"));
        await harness.SendGrid.WaitForEventsAsync(TimeSpan.FromSeconds(Full ? 300 : 60));

        output.WriteLine($"Storm 1: {storm.Length} refusals (429 and 500 with Retry-After: 1, 503 and 429 naming no wait) over {batches} batches of {batchSize}: {firstCalls} calls, each recipient accepted once, every batch sent.");
        output.WriteLine($"Storm 2: {long429.Length} 429s asking for 4-5 s (Retry-After or X-RateLimit-Reset), longer than the sender sleeps: {secondCalls} calls, every batch back on the queue until the wait was over and then sent, each recipient accepted once; {watch.Elapsed.TotalSeconds:0.0} s in all.");
    }

    /// <summary>
    /// The storm's refusals were all used, each recipient was accepted exactly once, and after every refusal that named a
    /// wait the batch's next call came no sooner; after one that named none, not at once either. Returns the calls made.
    /// </summary>
    private static int AssertStormSurvived(FaultHarness harness, string campaignId, IReadOnlyList<string> emails, int refusals, string name)
    {
        harness.AssertEachExactlyOnce(campaignId, emails, name);
        var calls = harness.SendGrid.Requests
            .Where(r => r.Personalizations.Any(p => p?["custom_args"]?["delivery_id"]?.GetValue<string>()?.StartsWith(campaignId, StringComparison.Ordinal) == true))
            .ToList();
        Assert.Equal(refusals, calls.Count(c => !c.WasAccepted));
        foreach (var byBatch in calls.GroupBy(c => FaultHarness.BatchesOf(c).Single()))
        {
            var tries = byBatch.OrderBy(c => c.ReceivedAt).ToList();
            Assert.True(tries[^1].WasAccepted && tries.Count(t => t.WasAccepted) == 1, $"{name}: batch {byBatch.Key} was not accepted exactly once, last: {string.Join(", ", tries.Select(t => t.AnsweredStatus))}.");
            for (var i = 0; i + 1 < tries.Count; i++)
            {
                var gap = tries[i + 1].ReceivedAt - tries[i].ReceivedAt;
                var asked = AskedWait(tries[i]);
                // Clocks: the fake's receipt times, and whole seconds in X-RateLimit-Reset.
                var least = asked is { } wait ? wait - TimeSpan.FromMilliseconds(tries[i].Reply!.Headers!.ContainsKey("Retry-After") ? 50 : 1000) : TimeSpan.FromMilliseconds(10);
                Assert.True(gap >= least, $"{name}: batch {byBatch.Key} was tried again {gap.TotalMilliseconds:0} ms after a {tries[i].AnsweredStatus} that asked for {asked?.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) ?? "no"} s.");
            }
        }
        return calls.Count;
    }

    /// <summary>The wait a refusal asked for, from what the fake answered (Retry-After seconds, or X-RateLimit-Reset).</summary>
    private static TimeSpan? AskedWait(SendGridRequest call)
    {
        var reply = call.Reply;
        if (reply?.Headers is not { } headers) return null;
        if (headers.TryGetValue("Retry-After", out var seconds)) return TimeSpan.FromSeconds(int.Parse(seconds, CultureInfo.InvariantCulture));
        if (headers.TryGetValue("X-RateLimit-Reset", out var reset)) return DateTimeOffset.FromUnixTimeSeconds(long.Parse(reset, CultureInfo.InvariantCulture)) - call.ReceivedAt;
        return null;
    }

    // ---- Azurite restarted under survey answers

    private enum Outcome { Stored, Retryable, ConnectionFailed, Wrong }

    [Fact]
    public async Task Survey_answers_while_Azurite_restarts_are_stored_or_refused_as_retryable_and_nothing_acknowledged_is_lost()
    {
        var clients = Full ? 64 : 16;
        var duration = TimeSpan.FromSeconds(Full ? 60 : 12);
        // (when, how long down): a short outage the storage client's own retries ride out, and one longer than they last
        // (about 6 s), which the clients must see as retryable errors.
        (double At, double Down)[] restarts = Full ? [(8, 2), (20, 8), (40, 8)] : [(2, 8)];
        var watch = Stopwatch.StartNew();
        await using var harness = await FaultHarness.StartAsync(package.Directory, new Dictionary<string, string>(), persistentAzurite: true);
        var app = await harness.StartAppAsync("A");
        var (waveId, closesAt) = await OpenWaveAsync(app);
        var tokens = new LinkTokens(LinkSigningKeys.Parse(AppFixture.SigningKeys, "test1"));

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = app.Url,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var results = new System.Collections.Concurrent.ConcurrentBag<(string Partition, string ContactId, Outcome Outcome, string Detail, TimeSpan Start, TimeSpan End)>();
        var stop = DateTime.UtcNow + duration;
        var next = -1;
        (string Partition, string ContactId, string Path) NewTarget()
        {
            var batch = Interlocked.Increment(ref next) % 20;
            var contactId = ContactIds.New(ContactRole.Parent, DateTimeOffset.UtcNow);
            var deliveryId = DeliveryIds.Of(waveId, batch, contactId);
            var token = tokens.Issue(new LinkClaims(LinkPurpose.Survey, deliveryId, MessageStream.Surveys, closesAt + SignedLinks.SurveyLinkGrace));
            return (DeliveryIds.Partition(waveId, batch), contactId, $"/api/s/{token}?a=4&lang=en");
        }

        var loadClock = Stopwatch.StartNew();
        var load = Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            // A person opens the page once (its antiforgery cookie and form token are not bound to the link), then answers.
            var session = await OpenPageWithRetriesAsync(http, NewTarget().Path, stop + TimeSpan.FromSeconds(30));
            while (DateTime.UtcNow < stop)
            {
                var target = NewTarget();
                // A retryable answer is tried again, as the page's script or a person would, until it is stored.
                for (var attempt = 0; ; attempt++)
                {
                    var start = loadClock.Elapsed;
                    var (outcome, detail, wait) = await PostAnswerAsync(http, target.Path, session, c);
                    results.Add((target.Partition, target.ContactId, outcome, detail, start, loadClock.Elapsed));
                    if (outcome is Outcome.Stored or Outcome.Wrong || attempt >= 30) break;
                    await Task.Delay(wait);
                }
            }
        }));

        var restartTimes = new List<string>();
        var outages = new List<(TimeSpan From, TimeSpan To)>();
        foreach (var (at, down) in restarts)
        {
            var delay = TimeSpan.FromSeconds(at) - loadClock.Elapsed;
            if (delay > TimeSpan.Zero) await Task.Delay(delay);
            var from = loadClock.Elapsed;
            var stopped = await harness.Azurite.RestartAsync(TimeSpan.FromSeconds(down));
            outages.Add((from, loadClock.Elapsed));
            restartTimes.Add($"{from.TotalSeconds:0.0} s (stopping took {stopped.TotalSeconds:0.0} s, down {down:0} s)");
        }
        await load;

        // What storage holds now, read straight from the (restarted) Azurite.
        var table = new TableServiceClient(harness.Azurite.ConnectionString).GetTableClient(ResponseStore.TableName);
        var stored = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var partition in results.Select(r => r.Partition).Distinct())
        {
            await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
                stored[partition + "/" + e.RowKey] = e.GetString("A_parent_awareness");
        }

        var all = results.ToList();
        var wrong = all.Where(r => r.Outcome == Outcome.Wrong).ToList();
        var acknowledged = all.Where(r => r.Outcome == Outcome.Stored).ToList();
        var lost = acknowledged.Where(r => stored.GetValueOrDefault(r.Partition + "/" + r.ContactId) != "4").ToList();
        var retryable = all.Count(r => r.Outcome == Outcome.Retryable);
        var failed = all.Count(r => r.Outcome == Outcome.ConnectionFailed);
        output.WriteLine($"{clients} clients for {duration.TotalSeconds:0} s, Azurite restarted at {string.Join(", ", restartTimes)}: {all.Count} posts, " +
            $"{acknowledged.Count} stored (2xx), {retryable} refused as retryable (503 + Retry-After), {failed} connection failures, {wrong.Count} other answers; " +
            $"{lost.Count} acknowledged answers missing from storage; {watch.Elapsed.TotalSeconds:0.0} s in all.");
        Assert.True(wrong.Count == 0, $"Answers that are neither stored nor retryable: {string.Join(" | ", wrong.Take(5).Select(w => w.Detail))}");
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged answers are not in storage, e.g. {string.Join(", ", lost.Take(5).Select(l => l.Partition + "/" + l.ContactId))}.");
        var during = all.Count(r => outages.Any(o => r.Start < o.To && r.End > o.From));
        output.WriteLine($"{during} posts were under way while Azurite was down or restarting.");
        Assert.True(during > 0 && retryable + failed > 0, $"No request met the restart ({during} under way, {retryable + failed} refused): the test did not exercise it.");
        var unanswered = all.GroupBy(r => r.Partition + "/" + r.ContactId).Count(g => g.All(r => r.Outcome != Outcome.Stored));
        Assert.True(unanswered == 0, $"{unanswered} answers were still refused after 30 tries.");
    }

    private sealed record Session(string Cookie, string Token);

    private static async Task<Session> OpenPageWithRetriesAsync(HttpClient http, string path, DateTime until)
    {
        while (true)
        {
            try
            {
                using var page = await http.GetAsync(path);
                var html = await page.Content.ReadAsStringAsync();
                if (page.StatusCode == HttpStatusCode.OK && FormToken().Match(html) is { Success: true } m
                    && page.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(v => v.StartsWith("plcomms-af=", StringComparison.Ordinal)) is { } cookie)
                    return new Session(cookie.Split(';')[0], WebUtility.HtmlDecode(m.Groups[1].Value));
                Assert.True(page.StatusCode == HttpStatusCode.ServiceUnavailable && page.Headers.RetryAfter is not null,
                    $"The survey page answered {(int)page.StatusCode} without a form: {html[..Math.Min(html.Length, 300)]}");
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until)
            {
            }
            Assert.True(DateTime.UtcNow < until, "The survey page did not open.");
            await Task.Delay(200);
        }
    }

    /// <summary>One answer as the page's script posts it; what came back, and how long to wait before trying again.</summary>
    private static async Task<(Outcome Outcome, string Detail, TimeSpan Wait)> PostAnswerAsync(HttpClient http, string path, Session session, int client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent([new("q-parent-awareness", "4"), new("channel", client % 2 == 0 ? "email-click" : "form"), new("lang", "en"), new("__RequestVerificationToken", session.Token)]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("Cookie", session.Cookie);
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return body.Contains("\"saved\":true", StringComparison.Ordinal) ? (Outcome.Stored, "", TimeSpan.Zero) : (Outcome.Wrong, $"{status} without saved: {body}", TimeSpan.Zero);
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            if (status >= 500 && problem && response.Headers.RetryAfter?.Delta is { } after)
                return (Outcome.Retryable, $"{status} {body}", after < TimeSpan.FromSeconds(1) ? after : TimeSpan.FromSeconds(1));
            return (Outcome.Wrong, $"{status} {response.Content.Headers.ContentType} Retry-After: {response.Headers.RetryAfter?.ToString() ?? "none"}: {body[..Math.Min(body.Length, 300)]}", TimeSpan.Zero);
        }
        catch (HttpRequestException e)
        {
            return (Outcome.ConnectionFailed, e.Message, TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>A parent survey through the officer API, due now, with its first wave opened by the SurveyWaves timer (no parents are stored, so its send completes at once).</summary>
    private static async Task<(string WaveId, DateTimeOffset ClosesAt)> OpenWaveAsync(PublishedApp app)
    {
        var created = await app.Officer.PostAsync("/api/surveys", ApiAssertions.JsonContent(new JsonObject
        {
            ["name"] = "Pulse survey under storage restarts",
            ["segment"] = new JsonObject { ["role"] = "parent" },
            ["languages"] = new JsonArray("en", "es"),
            ["schedule"] = new JsonObject { ["baseline"] = DateTimeOffset.UtcNow.ToString("O"), ["cadenceWeeks"] = 6, ["waves"] = 3 },
        }));
        var surveyId = (await created.ReadObjectAsync())["id"]!.GetValue<string>();
        await app.FireTimerAsync("SurveyWaves");
        var wave = (await (await app.Officer.GetAsync($"/api/surveys/{surveyId}")).ReadObjectAsync())["waves"]!.AsArray().Single(w => w!["index"]!.GetValue<int>() == 0)!;
        var waveId = wave["waveId"]!.GetValue<string>();
        await Campaigns.PipelineRequests.WaitForCompletionAsync(app.Officer, waveId, TimeSpan.FromSeconds(60));
        return (waveId, DateTimeOffset.Parse(wave["closesAt"]!.GetValue<string>(), CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
