using System.Diagnostics;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using PlComms.Benchmarks;
using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.Messages;
using PlComms.Platform;
using PlComms.Results;
using PlComms.Surveys;

namespace PlComms.PipelineBench;

/// <summary>
/// Issue 9's measurement: a survey with <c>responses</c> answers over six waves (20 schools, parents in batches of
/// 1,000 as the planner makes them), aggregated by the results rounds' own code; then the results request
/// (<c>GET /api/surveys/{id}/results</c>, one row per wave) against aggregating by scanning every raw response of the
/// six waves, in the same run on the same Azurite.
/// </summary>
public static class ResultsBench
{
    private const int Waves = 6;
    private const int BatchSize = 1000;
    private const string Key = "bench-officer-key-0123456789abcdef";

    public static async Task<bool> RunAsync(int responses)
    {
        using var azurite = await Azurite.StartAsync();
        var app = PlCommsApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Officer:ApiKeys"] = Key,
            ["App:LocalUrl"] = "http://127.0.0.1:0",
            ["Scheduler:Enabled"] = "false",
            ["Queues:PollingEnabled"] = "false",
            ["Tokens:SigningKeys"] = "bench:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Tokens:ActiveKeyId"] = "bench",
            ["Contacts:MaxRows"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await app.StartAsync();
        await using var _ = app;
        var services = app.Services;

        // A district that answers at about 83%: six waves to the same parents give the responses asked for.
        var parents = (int)Math.Ceiling(responses / (Waves * 0.83));
        var sw = Stopwatch.StartNew();
        var importer = services.GetRequiredService<ContactImporter>();
        var records = Roster.Records(parents).ToList();
        await importer.ApplyAsync(new ParsedImport(records, [], records.Count), ImportFormat.Csv, dryRun: false, CancellationToken.None);
        var contacts = services.GetRequiredService<ContactStore>();
        var ids = new List<string>();
        for (string? after = null; ;)
        {
            var page = await contacts.NextIdsAsync(new ContactFilter(ContactRole.Parent, [], [], []), after, 1000, CancellationToken.None);
            ids.AddRange(page);
            if (page.Count < 1000) break;
            after = page[^1];
        }

        var now = DateTimeOffset.UtcNow;
        var dates = Enumerable.Range(0, Waves).Select(i => now.AddDays(-7 * 6 * (Waves - i) - 15)).ToList();
        var definition = new SurveyDefinition("Bench survey", new Segment(ContactRole.Parent, [], [], []), QuestionBank.DefaultQuestionIds(Shared.Audience.Parents),
            [Language.En, Language.Es], new SurveySchedule(dates, null, null, null), 14, new ReminderPolicy(4, 2), 7, null);
        var survey = new StoredSurvey(Guid.CreateVersion7().ToString("n"), definition, SurveyStatus.Completed, Waves, now, now);
        var surveys = services.GetRequiredService<SurveyStore>();
        await surveys.AddAsync(survey, CancellationToken.None);
        var table = services.GetRequiredService<PlComms.Platform.Storage.AppTables>();
        var responseTable = await table.GetAsync(ResponseStore.TableName, CancellationToken.None);
        var written = 0;
        var waves = new List<StoredWave>();
        for (var w = 0; w < Waves; w++)
        {
            var wave = new StoredWave(survey.Id, w, SurveyIds.Wave(survey.Id, w), dates[w], dates[w], definition.ClosesAt(dates[w]), WaveStatus.Closed, 0, null);
            waves.Add(wave);
            var batches = ids.Chunk(BatchSize).ToList();
            await services.GetRequiredService<CampaignStore>().TryAddAsync(SurveySends.Wave(survey, wave, dates[w]) with { Status = CampaignStatus.Completed, BatchCount = batches.Count }, CancellationToken.None);
            await surveys.AddWaveAsync(wave, CancellationToken.None);
            var deliveries = services.GetRequiredService<DeliveryStore>();
            await Parallel.ForEachAsync(Enumerable.Range(0, batches.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (b, ct) =>
            {
                var batch = batches[b];
                var record = new BatchRecord(wave.WaveId, b, ContactRole.Parent, "en", 0, batch, batch.Length, BatchState.Sent, 1, null, null, 202, dates[w], dates[w], dates[w],
                    new Dictionary<string, int> { [BatchCounters.Sent] = batch.Length }) { LastPlannedId = batch[^1] };
                await deliveries.WritePlannedAsync(record, [.. batch.Select(id => new PlannedRecipient(id, RecipientStatus.Queued))], removeLeftovers: false, ct);
                var answers = new List<TableTransactionAction>();
                foreach (var id in batch)
                {
                    // About 83% answer each wave; who does is fixed by the id and the wave, so runs are alike.
                    if ((Convert.ToInt32(id[^4..], 16) + 7919 * w) % 100 >= 83) continue;
                    answers.Add(new TableTransactionAction(TableTransactionActionType.Add, ResponseStore.ToEntity(new StoredResponse(DeliveryIds.Of(wave.WaveId, b, id), survey.Id, w,
                        new SurveyAnswers(new Dictionary<string, string>
                        {
                            ["parent-awareness"] = (1 + (id[^1] % 5)).ToString(),
                            ["parent-understanding"] = (1 + (id[^2] % 5)).ToString(),
                            ["parent-stays-the-same"] = (1 + (id[^3] % 5)).ToString(),
                            ["parent-preferred-channel"] = "email",
                        }), ResponseChannel.Form, "en", dates[w]))));
                }
                foreach (var chunk in answers.Chunk(100)) await responseTable.SubmitTransactionAsync(chunk, ct);
                Interlocked.Add(ref written, answers.Count);
            });
        }
        Print($"results: {parents} parents, {Waves} waves, {written} responses written in {sw.Elapsed.TotalSeconds:0.0} s");

        // Aggregate as the rounds do: every batch counted, then merged per wave (final: the waves are closed).
        sw.Restart();
        var aggregator = services.GetRequiredService<WaveAggregator>();
        foreach (var wave in waves)
        {
            var round = await aggregator.StartRoundAsync(wave.WaveId, DateTimeOffset.UtcNow, CancellationToken.None);
            var batchCount = (ids.Count + BatchSize - 1) / BatchSize;
            await Parallel.ForEachAsync(Enumerable.Range(0, batchCount), new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (b, ct) => await aggregator.CountBatchAsync(wave.WaveId, b, round!.Value, ct));
            await aggregator.TryMergeAsync(wave.WaveId, batchCount, wave.ClosesAt, DateTimeOffset.UtcNow, CancellationToken.None);
        }
        Print($"results: aggregation of {waves.Count * ((ids.Count + BatchSize - 1) / BatchSize)} wave batches took {sw.Elapsed.TotalSeconds:0.0} s (queue work, off the request path)");

        using var officer = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        officer.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var check = await officer.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/surveys/{survey.Id}/results");
        var counted = check!["waves"]!.AsArray().Sum(w => w!["participation"]!.AsArray().First(p => p!["group"]!.GetValue<string>() == "all")!["respondents"]!.GetValue<int>());
        if (counted != written) throw new InvalidOperationException($"The results count {counted} responses; {written} were written.");

        // Warm up (the first request compiles the endpoint), then interleave requests and scans so both see the same machine.
        await officer.GetAsync($"/api/surveys/{survey.Id}/results");
        var results = new List<double>();
        var scans = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            for (var j = 0; j < 4; j++) results.Add(await TimeAsync(async () => (await officer.GetAsync($"/api/surveys/{survey.Id}/results")).EnsureSuccessStatusCode()));
            scans.Add(await TimeAsync(() => ScanAsync(responseTable, waves, definition, (ids.Count + BatchSize - 1) / BatchSize)));
        }
        var resultsMs = Median(results);
        var scanMs = Median(scans);
        Print($"results: GET results median {resultsMs:0.0} ms over {results.Count} requests (target < 500 ms); p95 {Percentile(results, 0.95):0.0} ms");
        Print($"results: aggregating by scanning the {written} raw responses: median {scanMs:0} ms over {scans.Count} scans; ratio scan / results {scanMs / resultsMs:0.0} (target >= 10)");
        return BenchReport.Line("results",
            BenchReport.F($"GET results {resultsMs:0.0} ms median (p95 {Percentile(results, 0.95):0.0} ms) for {written:N0} responses x {Waves} waves"),
            BenchReport.F($"raw scan and tally {scanMs:N0} ms median"),
            BenchReport.F($"{scanMs / resultsMs:0}x faster"), "< 500 ms, >= 10x faster than the scan",
            BenchReport.Missed((resultsMs < 500, BenchReport.F($"{resultsMs:0} ms")), (scanMs / resultsMs >= 10, BenchReport.F($"{scanMs / resultsMs:0.0}x"))));
    }

    /// <summary>The baseline: read every response of the six waves, partition by partition, and tally it for the whole audience.</summary>
    private static async Task ScanAsync(TableClient table, IReadOnlyList<StoredWave> waves, SurveyDefinition definition, int batches)
    {
        var tally = new WaveTally();
        foreach (var wave in waves)
        {
            var answers = new List<WaveAnswer>();
            for (var b = 0; b < batches; b++)
            {
                await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {DeliveryIds.Partition(wave.WaveId, b)}")))
                    answers.Add(new WaveAnswer(e.RowKey, ResponseStore.FromEntity(e).Answers.Values));
            }
            tally.Merge(Tallies.Of(definition, [], answers));
        }
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var sw = Stopwatch.StartNew();
        await action();
        return sw.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }

    private static void Print(string line) => Console.WriteLine(line);
}
