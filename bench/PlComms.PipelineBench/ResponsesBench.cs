using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using PlComms.Benchmarks;
using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.Surveys;

namespace PlComms.PipelineBench;

/// <summary>
/// Survey response ingestion (issue 8): answers POSTed over loopback to the survey page of the app's Release build (its
/// own process), by many concurrent clients for a fixed time, against bare single-entity inserts of a response-sized
/// entity (<see cref="TableClient.AddEntityAsync{T}"/>, one per request) by as many clients for as long, into the same
/// Azurite, before and after. Targets: ingestion ≥ 0.8× the bare insert's throughput, p99 &lt; 100 ms, and every 2xx
/// found in storage afterwards.
/// <para>
/// Set-up as in production: a survey of parents through the officer API, its first wave opened by the SurveyWaves
/// timer (no parents are stored, so the wave's send completes at once; its send row is what links resolve to). The
/// bench signs survey links for delivery ids of that wave with the key it gave the app, as <see cref="SignedLinks.Survey"/>
/// does: for each request a new parent's contact id, in batch <c>n mod </c><see cref="Batches"/>, so every answer is a
/// new response row and the rows spread over the wave's partitions (about 1,000 per batch in a 60-second run). Each
/// client opens one page (GET) for its antiforgery cookie and form token, which are not bound to the link, and then
/// posts one answer per request. The bare insert makes its keys the same way.
/// </para>
/// </summary>
public static partial class ResponsesBench
{
    public const int Batches = 100;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    /// <summary>One person's survey link: the delivery's batch and contact, and the path with its signed token.</summary>
    private sealed record Target(int Batch, string ContactId, string Path);

    /// <summary>Mints the link of a new delivery of the wave for each request, numbered in order.</summary>
    private sealed class Links(LinkTokens tokens, string waveId, DateTimeOffset expiresAt)
    {
        private int _next = -1;

        public Target Next()
        {
            var (batch, contactId) = (Interlocked.Increment(ref _next) % Batches, ContactIds.New(ContactRole.Parent, DateTimeOffset.UtcNow));
            var token = tokens.Issue(new LinkClaims(LinkPurpose.Survey, DeliveryIds.Of(waveId, batch, contactId), MessageStream.Surveys, expiresAt));
            return new Target(batch, contactId, $"/api/s/{token}?a=4&lang=en");
        }
    }

    private sealed record Session(string Cookie, byte[] Form);

    /// <summary>One timed side: requests that succeeded (2xx), answered otherwise, or failed in transport; latencies in ms, sorted.</summary>
    private sealed record Phase(string Name, int Succeeded, int Refused, int Errors, TimeSpan Elapsed, double[] LatencyMs, Cpu Cpu, string Load, string? FirstRefusal)
    {
        public double Rate => Succeeded / Elapsed.TotalSeconds;

        /// <summary>The links whose POST answered 2xx (ingestion only).</summary>
        public IReadOnlyList<Target> Acknowledged { get; init; } = [];

        public double Percentile(double q) => LatencyMs.Length == 0 ? double.NaN : LatencyMs[Math.Max(0, (int)Math.Ceiling(q * LatencyMs.Length) - 1)];
    }

    /// <summary>CPU seconds each process used during a phase, and the whole machine (so what other processes took shows).</summary>
    private sealed record Cpu(double Table, double Queue, double App, double Bench, double Machine)
    {
        public double Others => Machine - Table - Queue - App - Bench;

        public Cpu Minus(Cpu earlier) => new(Table - earlier.Table, Queue - earlier.Queue, App - earlier.App, Bench - earlier.Bench, Machine - earlier.Machine);

        public static double MachineBusy() => PipelineBench.Machine.BusyCpuSeconds();
    }

    /// <param name="mergeBaseline">Also time bare upsert-merges (what the app sends) after the rest, to tell Azurite's cost of a merge from the app's.</param>
    /// <param name="pacedRate">Also post at this steady rate after the rest, for the latency of a load the app keeps up with.</param>
    public static async Task<bool> RunAsync(TimeSpan duration, int clients, bool mergeBaseline, double? pacedRate)
    {
        using var azurite = await Azurite.StartAsync();
        var outbox = Directory.CreateTempSubdirectory("plcomms-bench-outbox-");
        try
        {
            var signingKeys = AppProcess.NewSigningKeys();
            var settings = AppProcess.Settings(azurite, signingKeys);
            settings["Delivery__Sender"] = "outbox";
            settings["Outbox__Directory"] = outbox.FullName;
            using var app = await AppProcess.StartAsync(settings);
            return await MeasureAsync(azurite, app, signingKeys, duration, clients, mergeBaseline, pacedRate);
        }
        finally
        {
            outbox.Delete(recursive: true);
        }
    }

    private static async Task<bool> MeasureAsync(Azurite azurite, AppProcess app, string signingKeys, TimeSpan duration, int clients, bool mergeBaseline, double? pacedRate)
    {
        using var officer = new HttpClient { BaseAddress = app.Url, Timeout = TimeSpan.FromMinutes(2) };
        officer.DefaultRequestHeaders.Add("X-Api-Key", AppProcess.OfficerKey);
        var (surveyId, waveId, closesAt) = await OpenWaveAsync(officer);

        // The links the wave's emails would carry, signed as SignedLinks.Survey signs them, for ids the planner could
        // have given: batch b of the wave, a parent's contact id.
        var links = new Links(new LinkTokens(LinkSigningKeys.Parse(signingKeys, AppProcess.SigningKeyId)), waveId, closesAt + SignedLinks.SurveyLinkGrace);

        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        })
        { BaseAddress = app.Url, Timeout = TimeSpan.FromSeconds(30) };

        // One person first, checked end to end: the page opens with the email's answer chosen, the answer is saved.
        var first = links.Next();
        var sample = await OpenPageAsync(http, first, channel: "email-click");
        var acknowledged = new List<Target> { first };
        using (var post = PostRequest(first, sample))
        using (var answer = await http.SendAsync(post))
        {
            var body = await answer.Content.ReadAsStringAsync();
            if (answer.StatusCode != HttpStatusCode.OK || !body.Contains("\"saved\":true", StringComparison.Ordinal))
                throw new InvalidOperationException($"The sample POST answered {(int)answer.StatusCode}: {body}");
        }
        var responses = new TableServiceClient(azurite.ConnectionString).GetTableClient(ResponseStore.TableName);
        var stored = await responses.GetEntityIfExistsAsync<TableEntity>(DeliveryIds.Partition(waveId, first.Batch), first.ContactId);
        if (!stored.HasValue || stored.Value!.GetString("A_parent_awareness") != "4" || stored.Value.GetString("Channel") != "email-click")
            throw new InvalidOperationException("The sample answer is not in storage as posted.");

        // Every client opens a page of its own once; half send as the email's script does, half as the form.
        var sessions = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => OpenPageAsync(http, links.Next(), c % 2 == 0 ? "email-click" : "form")));

        var service = new TableServiceClient(azurite.ConnectionString);
        var fakeWave = Guid.NewGuid().ToString("n");
        Cpu Now() => azurite.HasExited ? throw new InvalidOperationException("Azurite exited during the measurement; the run is void.") : new(azurite.TableCpuSeconds(), azurite.QueueCpuSeconds(), app.CpuSeconds(), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Cpu.MachineBusy());

        // Both paths warm (JIT, connections, table creation) before anything is timed; the warm-up answers count as
        // posted answers like any other and are checked with the rest.
        await BareAsync("warm-up", await TableAsync(service, "BareWarmUp"), fakeWave, surveyId, clients, WarmUp, Now);
        var warm = await IngestAsync("warm-up", http, links, sessions, WarmUp, Now);

        var before = await BareAsync("bare insert, before", await TableAsync(service, "BareBefore"), fakeWave, surveyId, clients, duration, Now);
        var ingest = await IngestAsync("ingestion", http, links, sessions, duration, Now);
        var after = await BareAsync("bare insert, after", await TableAsync(service, "BareAfter"), fakeWave, surveyId, clients, duration, Now);
        var merge = mergeBaseline ? await BareAsync("bare upsert-merge (information)", await TableAsync(service, "BareMerge"), fakeWave, surveyId, clients, duration, Now, merge: true) : null;
        var paced = pacedRate is { } rate ? await IngestAsync($"ingestion paced at {rate:0} req/s (information)", http, links, sessions, duration, Now, rate) : null;

        // Lost: a 2xx whose row is not there. Every partition of the wave, keys only.
        var sw = Stopwatch.StartNew();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        for (var batch = 0; batch < Batches; batch++)
        {
            var partition = DeliveryIds.Partition(waveId, batch);
            await foreach (var e in responses.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"]))
                rows.Add(partition + "/" + e.RowKey);
        }
        acknowledged.AddRange(warm.Acknowledged);
        acknowledged.AddRange(ingest.Acknowledged);
        if (paced is not null) acknowledged.AddRange(paced.Acknowledged);
        var answered = acknowledged.Count;
        var posts = new[] { warm, ingest, paced }.OfType<Phase>().ToList();
        var (refused, errors) = (posts.Sum(p => p.Refused), posts.Sum(p => p.Errors));
        var lost = acknowledged.Count(t => !rows.Contains(DeliveryIds.Partition(waveId, t.Batch) + "/" + t.ContactId));
        var unacknowledged = rows.Count - (answered - lost);

        var bareRate = (before.Rate + after.Rate) / 2;
        var ratio = ingest.Rate / bareRate;
        var p99 = ingest.Percentile(0.99);
        Print($"responses: the app is {AppProcess.Description}");
        Print($"responses: wave {waveId} of survey {surveyId}; a new signed link per request over {Batches} batches; {clients} clients, {duration.TotalSeconds:0} s a side; one HttpClient, {clients} connections");
        Print($"responses: sample link: GET 200 with the form and answer 4 chosen, POST {{\"saved\":true}}, row in {ResponseStore.TableName}");
        foreach (var phase in new[] { before, ingest, after, merge, paced }.OfType<Phase>()) PrintPhase(phase);
        Print($"responses: throughput ingestion {ingest.Rate:0} req/s, bare insert {before.Rate:0} / {after.Rate:0} req/s (mean {bareRate:0}), ratio {ratio:0.00} (target >= 0.80)");
        if (merge is not null) Print($"responses: ingestion / bare upsert-merge {ingest.Rate / merge.Rate:0.00}; bare upsert-merge / bare insert {merge.Rate / bareRate:0.00} (information, no target)");
        Print($"responses: ingestion p50 {ingest.Percentile(0.5):0.0} ms, p95 {ingest.Percentile(0.95):0.0} ms, p99 {p99:0.0} ms (target < 100), max {ingest.LatencyMs.LastOrDefault():0} ms");
        if (paced is not null) Print($"responses: paced ingestion (information, no target): {paced.Rate:0} req/s answered, p50 {paced.Percentile(0.5):0.0} ms, p95 {paced.Percentile(0.95):0.0} ms, p99 {paced.Percentile(0.99):0.0} ms from when each post was due");
        Print($"responses: lost {lost} of {answered:N0} answers acknowledged 2xx (target 0; all {Batches} partitions read in {sw.Elapsed.TotalSeconds:0.0} s, {rows.Count:N0} rows); " +
            $"{unacknowledged} rows without a 2xx; {refused} non-2xx, {errors} transport errors");
        // Losing an acknowledged answer, or any refusal, is a failure of the app, not a missed target.
        if (lost > 0 || refused > 0 || errors > 0)
            throw new InvalidOperationException($"Ingestion lost {lost} acknowledged answers; {refused} posts were refused and {errors} failed in transport (first: {ingest.FirstRefusal ?? warm.FirstRefusal ?? paced?.FirstRefusal}).");
        return BenchReport.Line("ingestion",
            BenchReport.F($"{ingest.Rate:N0} answers/s from {clients} clients over {duration.TotalSeconds:0} s, p50 {ingest.Percentile(0.5):0.0} ms, p99 {p99:0.0} ms, 0 lost of {answered:N0}"),
            BenchReport.F($"bare single insert {bareRate:N0} req/s (before {before.Rate:N0}, after {after.Rate:N0}), p99 {before.Percentile(0.99):0} / {after.Percentile(0.99):0} ms"),
            BenchReport.F($"{ratio:0.00}x"), ">= 0.80x, p99 < 100 ms",
            BenchReport.Missed((ratio >= 0.8, BenchReport.F($"ratio {ratio:0.00}")), (p99 < 100, BenchReport.F($"p99 {p99:0} ms"))));
    }

    /// <summary>A parent survey through the officer API, due now, and its first wave opened by the SurveyWaves timer.</summary>
    private static async Task<(string SurveyId, string WaveId, DateTimeOffset ClosesAt)> OpenWaveAsync(HttpClient officer)
    {
        var created = await officer.PostAsJsonAsync("/api/surveys", new JsonObject
        {
            ["name"] = "Bench pulse survey",
            ["segment"] = new JsonObject { ["role"] = "parent" },
            ["languages"] = new JsonArray("en", "es"),
            ["schedule"] = new JsonObject { ["baseline"] = DateTimeOffset.UtcNow.ToString("O"), ["cadenceWeeks"] = 6, ["waves"] = 3 },
        });
        var body = await created.Content.ReadAsStringAsync();
        if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"The survey was not created: {(int)created.StatusCode} {body}");
        var surveyId = JsonNode.Parse(body)!["id"]!.GetValue<string>();

        await FireAsync(officer, "SurveyWaves");
        var wave = JsonNode.Parse(await officer.GetStringAsync($"/api/surveys/{surveyId}"))!["waves"]!.AsArray().Single(w => w!["index"]!.GetValue<int>() == 0)!;
        var waveId = wave["waveId"]!.GetValue<string>();
        var closesAt = DateTimeOffset.Parse(wave["closesAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);

        // Nobody is stored, so planning finds no one; the wave's send is done before anything is timed.
        var until = DateTime.UtcNow.AddSeconds(60);
        while (JsonNode.Parse(await officer.GetStringAsync($"/api/campaigns/{waveId}"))!["status"]!.GetValue<string>() is var status && status != "completed")
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"The wave's send is still {status}.");
            if (status == "sending") await FireAsync(officer, "DispatchCampaigns");
            await Task.Delay(200);
        }
        return (surveyId, waveId, closesAt);
    }

    private static async Task FireAsync(HttpClient client, string function)
    {
        using var fired = await client.PostAsync("/" + function, new StringContent("""{"Data":{},"Metadata":{}}""", Encoding.UTF8, "application/json"));
        if (!fired.IsSuccessStatusCode) throw new InvalidOperationException($"{function} answered {(int)fired.StatusCode}: {await fired.Content.ReadAsStringAsync()}");
    }

    /// <summary>Opens a link's page as a browser would and keeps what a later POST needs: the antiforgery cookie and the form's fields.</summary>
    private static async Task<Session> OpenPageAsync(HttpClient http, Target target, string channel)
    {
        using var page = await http.GetAsync(target.Path);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK || !html.Contains("value=\"4\" checked", StringComparison.Ordinal))
            throw new InvalidOperationException($"The survey page answered {(int)page.StatusCode} without the form and the email's answer chosen.");
        var token = FormToken().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery field.");
        var cookie = page.Headers.TryGetValues("Set-Cookie", out var values) && values.FirstOrDefault(v => v.StartsWith("plcomms-af=", StringComparison.Ordinal)) is { } c
            ? c.Split(';')[0]
            : throw new InvalidOperationException("The page set no antiforgery cookie.");
        var form = new FormUrlEncodedContent([new("q-parent-awareness", "4"), new("channel", channel), new("lang", "en"), new("__RequestVerificationToken", token)]);
        return new Session(cookie, await form.ReadAsByteArrayAsync());
    }

    private static HttpRequestMessage PostRequest(Target target, Session session)
    {
        var content = new ByteArrayContent(session.Form);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var request = new HttpRequestMessage(HttpMethod.Post, target.Path) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("Cookie", session.Cookie);
        return request;
    }

    /// <param name="rate">
    /// Null: each client posts again as soon as it has its answer (closed loop, as fast as the app goes). Otherwise the
    /// clients together offer this many posts a second on a fixed schedule, and each latency counts from the moment its
    /// post was due, so a client held up by a slow answer shows the delay of the posts it could not send yet.
    /// </param>
    private static async Task<Phase> IngestAsync(
        string name, HttpClient http, Links links, Session[] sessions, TimeSpan duration, Func<Cpu> cpu, double? rate = null)
    {
        var (refused, errors) = (0, 0);
        string? firstRefusal = null;
        var cpu0 = cpu();
        var sw = Stopwatch.StartNew();
        var start = Stopwatch.GetTimestamp();
        var clients = await Task.WhenAll(sessions.Select(async (session, c) =>
        {
            var mine = new List<double>(16_384);
            var saved = new List<Target>(16_384);
            for (var k = 0L; sw.Elapsed < duration; k++)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (rate is { } r)
                {
                    // Post k of client c is due at (k * clients + c) / rate seconds.
                    t0 = start + (long)((k * sessions.Length + c) / r * Stopwatch.Frequency);
                    if (Stopwatch.GetTimestamp() < t0) await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), t0));
                    if (sw.Elapsed >= duration) break;
                }
                var target = links.Next();
                using var request = PostRequest(target, session);
                try
                {
                    using var response = await http.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    if (response.IsSuccessStatusCode && body.Contains("\"saved\":true", StringComparison.Ordinal)) saved.Add(target);
                    else
                    {
                        Interlocked.Increment(ref refused);
                        Interlocked.CompareExchange(ref firstRefusal, $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}", null);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstRefusal, ex.GetType().Name + ": " + ex.Message, null);
                }
            }
            return (Latencies: mine, Saved: saved);
        }));
        var elapsed = sw.Elapsed;
        var all = clients.SelectMany(c => c.Latencies).Order().ToArray();
        return new Phase(name, all.Length - refused, refused, errors, elapsed, all, cpu().Minus(cpu0), LoadAverage(), firstRefusal)
        {
            Acknowledged = [.. clients.SelectMany(c => c.Saved)],
        };
    }

    /// <summary>
    /// The baseline: each client adds one response-sized entity per request (a new row, as each answer above is), nothing
    /// else; with <paramref name="merge"/>, upsert-merges it instead, as <see cref="ResponseStore.RecordAsync"/> does.
    /// </summary>
    private static async Task<Phase> BareAsync(string name, TableClient table, string waveId, string surveyId, int clients, TimeSpan duration, Func<Cpu> cpu, bool merge = false)
    {
        var (refused, errors) = (0, 0);
        string? firstRefusal = null;
        var n = -1;
        var cpu0 = cpu();
        var sw = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = new List<double>(16_384);
            while (sw.Elapsed < duration)
            {
                var i = Interlocked.Increment(ref n);
                var (batch, contactId) = (i % Batches, ContactIds.New(ContactRole.Parent, DateTimeOffset.UtcNow));
                var entity = new TableEntity(DeliveryIds.Partition(waveId, batch), contactId)
                {
                    ["DeliveryId"] = DeliveryIds.Of(waveId, batch, contactId),
                    ["SurveyId"] = surveyId,
                    ["WaveIndex"] = 0,
                    ["Channel"] = c % 2 == 0 ? "email-click" : "form",
                    ["Language"] = "en",
                    ["AnsweredAt"] = DateTimeOffset.UtcNow,
                    ["A_parent_awareness"] = "4",
                };
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    if (merge) await table.UpsertEntityAsync(entity, TableUpdateMode.Merge);
                    else await table.AddEntityAsync(entity);
                    mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                catch (Azure.RequestFailedException ex)
                {
                    mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    Interlocked.Increment(ref refused);
                    Interlocked.CompareExchange(ref firstRefusal, $"{ex.Status} {ex.ErrorCode}", null);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or AggregateException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstRefusal, ex.GetType().Name + ": " + ex.Message, null);
                }
            }
            return mine;
        }));
        var elapsed = sw.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Phase(name, all.Length - refused, refused, errors, elapsed, all, cpu().Minus(cpu0), LoadAverage(), firstRefusal);
    }

    private static async Task<TableClient> TableAsync(TableServiceClient service, string name)
    {
        var table = service.GetTableClient(name);
        await table.CreateIfNotExistsAsync();
        return table;
    }

    private static void PrintPhase(Phase p)
    {
        var seconds = p.Elapsed.TotalSeconds;
        Print($"responses: {p.Name}: {p.Succeeded:N0} in {seconds:0.0} s = {p.Rate:0} req/s; p50 {p.Percentile(0.5):0.0} / p95 {p.Percentile(0.95):0.0} / p99 {p.Percentile(0.99):0.0} ms; " +
            $"CPU-s Azurite tables {p.Cpu.Table:0.0} ({p.Cpu.Table / seconds:P0}), queues {p.Cpu.Queue:0.0}, app {p.Cpu.App:0.0}, bench {p.Cpu.Bench:0.0}, other processes {p.Cpu.Others:0.0}, of {Environment.ProcessorCount * seconds:0}; load average {p.Load}" +
            (p.Refused + p.Errors > 0 ? $"; {p.Refused} refused, {p.Errors} errors, first: {p.FirstRefusal}" : ""));
    }

    /// <summary>The 1-minute load average at the end of a phase: other work on the machine shows here too.</summary>
    private static string LoadAverage() => PipelineBench.Machine.LoadAverage();

    private static void Print(string line) => Console.WriteLine(line);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
