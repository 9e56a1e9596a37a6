using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using PlComms.Contacts;
using PlComms.Benchmarks;
using PlComms.PipelineBench;
using PlComms.Platform;

// Whole-pipeline measurements (issues 7, 8, 9 and 12). Each prints its own ratio against a baseline measured in the same
// run, and ends with one result line (BenchReport) that bench/run collects:
//   import     parse + validate a generated CSV (rows/s), then the import end to end vs the bare batched insert
//   dispatch   a campaign to N parents through the queues and the real SendGrid client to a loopback listener:
//              mail-send calls, end to end vs the bare batched insert, peak RSS of the app while dispatching
//   responses  survey answers POSTed to the app's survey page by C concurrent clients for S seconds vs bare
//              single-entity inserts by as many clients for as long: req/s, latency, and every 2xx found in storage
//              (ResponsesBench.cs; --merge-baseline and --paced R add a bare upsert-merge and a steady R req/s, for information)
//   results    a survey with N responses over six waves: the results request vs aggregating by scanning every response
//              (ResultsBench.cs, issue 9)
//   coldstart  the published app (scripts/publish) vs a bare minimal-API app published the same way (bench/BareApp),
//              started in alternating pairs: time to the first 200 (ColdStartBench.cs)
// `all` runs import and dispatch. bench/run runs every mode, each in its own process.
// Usage: dotnet run -c Release --project bench/PlComms.PipelineBench -- [import|dispatch|all] [--rows N]
//        dotnet run -c Release --project bench/PlComms.PipelineBench -- responses [--seconds 60] [--clients 100] [--merge-baseline] [--paced R] [--published]
//        dotnet run -c Release --project bench/PlComms.PipelineBench -- results [--rows N]
//        dotnet run -c Release --project bench/PlComms.PipelineBench -- coldstart [--pairs 15] [--app DIR] [--bare DIR]
// --published runs the app as scripts/publish packages it (what the Functions host runs) where the app is its own process
// (dispatch, responses); bench/run passes it. Without it they run the Release build under dotnet.
// Exit code: 0 every target met, 1 a target missed, 2 a benchmark failed to run (BenchReport.RunAsync).
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var rows = Option("--rows", 100_000);
AppProcess.Published = args.Contains("--published");
if (mode is not ("import" or "dispatch" or "all" or "responses" or "results" or "coldstart"))
{
    Console.Error.WriteLine($"Unknown mode '{mode}': use import, dispatch, all, responses, results or coldstart.");
    return 2;
}
return await BenchReport.RunAsync(async () =>
{
    var ok = true;
    if (mode is "import" or "all") ok &= await ImportAsync(rows);
    if (mode is "dispatch" or "all") ok &= await DispatchAsync(rows);
    if (mode is "responses") ok &= await ResponsesBench.RunAsync(TimeSpan.FromSeconds(Option("--seconds", 60)), Option("--clients", 100), args.Contains("--merge-baseline"),
            Option("--paced", 0) is > 0 and var rate ? rate : null);
    if (mode is "results") ok &= await ResultsBench.RunAsync(rows);
    if (mode is "coldstart") ok &= await ColdStartBench.RunAsync(Option("--pairs", 15), Text("--app"), Text("--bare"));
    return ok;
});

string? Text(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(fallback);

static async Task<bool> ImportAsync(int rows)
{
    var csv = Roster.Csv(rows);
    var settings = new ImportSettings("en", Math.Max(rows, 200_000));
    // Parse + validate alone, three times after a warm-up; the median.
    SimpleContactCsv.Parse(new MemoryStream(Roster.Csv(1000)), settings);
    var parses = Enumerable.Range(0, 3).Select(_ => Time(() => SimpleContactCsv.Parse(new MemoryStream(csv), settings))).Order().ToList();
    var parseRate = rows / parses[1].TotalSeconds;

    using var azurite = await Azurite.StartAsync();
    await using var app = await StartAppAsync(azurite);
    var importer = app.Services.GetRequiredService<ContactImporter>();

    // The bare insert before and after the import, so a store that slows as it fills cannot favour either side.
    var bareBefore = await BareInsertAsync(azurite, "BareBefore", rows);
    var sw = Stopwatch.StartNew();
    var report = await importer.ApplyAsync(importer.Parse(new MemoryStream(csv), ImportFormat.Csv), ImportFormat.Csv, dryRun: false, CancellationToken.None);
    var endToEnd = sw.Elapsed;
    var bareAfter = await BareInsertAsync(azurite, "BareAfter", rows);
    if (report.Created != rows) throw new InvalidOperationException($"The import created {report.Created} of {rows}.");
    var bare = (bareBefore + bareAfter) / 2;
    var ratio = endToEnd / bare;

    Print($"import: {rows} rows; parse+validate {parses[1].TotalMilliseconds:0} ms = {parseRate:0} rows/s (target >= 10000)");
    Print($"import: end to end {endToEnd.TotalSeconds:0.00} s, bare batched insert {bareBefore.TotalSeconds:0.00} s / {bareAfter.TotalSeconds:0.00} s (mean {bare.TotalSeconds:0.00} s), ratio {ratio:0.00} (target <= 1.30)");
    return BenchReport.Line("import",
        BenchReport.F($"{rows:N0} rows end to end {endToEnd.TotalSeconds:0.00} s, parse+validate {parseRate:N0} rows/s"),
        BenchReport.F($"bare batched insert {bare.TotalSeconds:0.00} s (before {bareBefore.TotalSeconds:0.00} s, after {bareAfter.TotalSeconds:0.00} s)"),
        BenchReport.F($"{ratio:0.00}x"), "<= 1.30x end to end, >= 10,000 rows/s parsed",
        BenchReport.Missed((ratio <= 1.3, BenchReport.F($"ratio {ratio:0.00}")), (parseRate >= 10_000, BenchReport.F($"{parseRate:N0} rows/s"))));
}

static async Task<bool> DispatchAsync(int rows)
{
    using var azurite = await Azurite.StartAsync();
    await using var sendGrid = await LoopbackSendGrid.StartAsync();
    var settings = AppProcess.Settings(azurite, AppProcess.NewSigningKeys());
    settings["Delivery__Sender"] = "sendgrid";
    settings["SendGrid__ApiKey"] = "SG.bench-key.0123456789abcdefghij";
    settings["SendGrid__FromEmail"] = "communications@district.example.org";
    settings["SendGrid__Host"] = sendGrid.Host.ToString();
    using var app = await AppProcess.StartAsync(settings);
    using var officer = new HttpClient { BaseAddress = app.Url, Timeout = TimeSpan.FromMinutes(5) };
    officer.DefaultRequestHeaders.Add("X-Api-Key", OfficerKey);

    // The recipients go in with the bare batched insert itself: that insert is the baseline.
    var (cpu0, machine0, bench0) = (azurite.TableCpuSeconds(), Machine.BusyCpuSeconds(), Machine.OwnCpuSeconds());
    var bare = await BareInsertAsync(azurite, PlComms.Contacts.ContactStore.TableName, rows);
    var bareCpu = azurite.TableCpuSeconds() - cpu0;
    var bareBench = Machine.OwnCpuSeconds() - bench0;
    var bareOthers = Machine.BusyCpuSeconds() - machine0 - bareCpu - bareBench;
    var bareLoad = Machine.LoadAverage();
    var (visionId, messageId) = await ApprovedParentMessageAsync(officer);

    app.ResetPeakRss();
    var (cpu1, machine1, app1, queue1) = (azurite.TableCpuSeconds(), Machine.BusyCpuSeconds(), app.CpuSeconds(), azurite.QueueCpuSeconds());
    var idleMb = app.PeakRssMb();
    Print($"dispatch: the campaign starts now (app pid {app.ProcessId})");
    var sw = Stopwatch.StartNew();
    var created = await officer.PostAsJsonAsync("/api/campaigns", new JsonObject
    {
        ["name"] = "Bench", ["visionId"] = visionId, ["messageId"] = messageId, ["segment"] = new JsonObject { ["role"] = "parent" },
    });
    var id = JsonNode.Parse(await created.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    // Watch the loopback listener, not the campaign: reading the report (every batch row) often would load Azurite.
    while (sendGrid.Recipients < rows)
    {
        if (sw.Elapsed > TimeSpan.FromMinutes(20)) throw new TimeoutException($"Dispatch did not finish: {sendGrid.Recipients} of {rows} received.");
        await Task.Delay(100);
    }
    JsonNode progress;
    while (true)
    {
        progress = JsonNode.Parse(await officer.GetStringAsync($"/api/campaigns/{id}"))!["progress"]!;
        if (progress["queued"]!.GetValue<int>() == 0 && progress["recipients"]!.GetValue<int>() == rows) break;
        await Task.Delay(100);
    }
    var endToEnd = sw.Elapsed;
    var dispatchCpu = azurite.TableCpuSeconds() - cpu1;
    var (appCpu, queueCpu) = (app.CpuSeconds() - app1, azurite.QueueCpuSeconds() - queue1);
    var dispatchOthers = Machine.BusyCpuSeconds() - machine1 - dispatchCpu - appCpu - queueCpu;
    var peakMb = app.PeakRssMb();
    var ratio = endToEnd / bare;
    var sent = progress["sent"]!.GetValue<int>();

    Print($"dispatch: the app is {AppProcess.Description}");
    Print($"dispatch: {rows} recipients, {sent} sent; {sendGrid.Calls} mail-send calls (target <= {(rows + 999) / 1000}), largest {sendGrid.LargestCall} personalizations ({sendGrid.LargestBytes / 1024.0:N0} KB), {sendGrid.Recipients} received");
    Print($"dispatch: Azurite table service busy {dispatchCpu:0.0} CPU-s of {endToEnd.TotalSeconds:0.0} s (bare insert: {bareCpu:0.0} CPU-s of {bare.TotalSeconds:0.0} s)");
    Print($"dispatch: CPU-s during the dispatch: app {appCpu:0.0}, Azurite queues {queueCpu:0.0}, everything else on the machine {dispatchOthers:0.0} (includes the bench's listener), load average {Machine.LoadAverage()}; during the bare insert: bench {bareBench:0.0}, everything else {bareOthers:0.0}, load average {bareLoad}");
    // What each side costs the two cores, whatever else ran on them: a ratio near 1 here and a wall ratio far above it
    // means the dispatch waited for CPU that other processes had.
    Print($"dispatch: CPU cost (information): dispatch {dispatchCpu + queueCpu + appCpu:0.0} CPU-s (Azurite + app), bare insert {bareCpu + bareBench:0.0} CPU-s (Azurite + bench), ratio {(dispatchCpu + queueCpu + appCpu) / (bareCpu + bareBench):0.00}");
    Print($"dispatch: end to end {endToEnd.TotalSeconds:0.00} s, bare batched insert {bare.TotalSeconds:0.00} s, ratio {ratio:0.00} (target <= 1.30); app peak RSS {peakMb:0.0} MB (target <= 200; {idleMb:0} MB before the campaign)");
    if (sent != rows || sendGrid.Recipients != rows) throw new InvalidOperationException($"The dispatch reports {sent} sent and the listener received {sendGrid.Recipients}, of {rows}.");
    var maxCalls = (rows + 999) / 1000;
    return BenchReport.Line("dispatch",
        BenchReport.F($"{rows:N0} recipients end to end {endToEnd.TotalSeconds:0.00} s, {sendGrid.Calls} SendGrid calls, app peak RSS {peakMb:0.0} MB"),
        BenchReport.F($"bare batched insert {bare.TotalSeconds:0.00} s"),
        BenchReport.F($"{ratio:0.00}x"), BenchReport.F($"<= 1.30x, <= {maxCalls} calls, <= 200 MB"),
        BenchReport.Missed((ratio <= 1.3, BenchReport.F($"ratio {ratio:0.00}")), (sendGrid.Calls <= maxCalls, BenchReport.F($"{sendGrid.Calls} calls")), (peakMb <= 200, BenchReport.F($"{peakMb:0.0} MB"))));
}

static async Task<WebApplication> StartAppAsync(Azurite azurite)
{
    var app = PlCommsApp.Build([], builder =>
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Officer:ApiKeys"] = OfficerKey,
            ["App:LocalUrl"] = "http://127.0.0.1:0",
            ["App:PublicBaseUrl"] = "https://plcomms.bench",
            ["Scheduler:Enabled"] = "false",
            ["Tokens:SigningKeys"] = "bench:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Tokens:ActiveKeyId"] = "bench",
            ["Contacts:MaxRows"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        settings["Outbox:Directory"] = Path.Combine(Path.GetTempPath(), "plcomms-bench-outbox");
        builder.Configuration.AddInMemoryCollection(settings);
    });
    await app.StartAsync();
    return app;
}

// The insert every ratio is measured against: the same contact rows (entities built beforehand), in transactions of
// 100 per partition, four at a time, with nothing else: no parsing, validation, diff or hashing.
static async Task<TimeSpan> BareInsertAsync(Azurite azurite, string tableName, int rows)
{
    var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(tableName);
    await table.CreateIfNotExistsAsync();
    var now = DateTimeOffset.UtcNow;
    var actions = Roster.Records(rows)
        .Select(r => new TableTransactionAction(TableTransactionActionType.Add,
            new StoredContact(ContactIds.New(r.Role, now), r, StoredContact.HashOf(r), now, now, now, now).ToEntity()))
        .ToList();
    var sw = Stopwatch.StartNew();
    await Parallel.ForEachAsync(actions.GroupBy(a => a.Entity.PartitionKey).SelectMany(p => p.Chunk(100)),
        new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, ct) => await table.SubmitTransactionAsync(chunk, ct));
    return sw.Elapsed;
}

// A vision and its parents email in English and Spanish, approved, as the officer would through the API.
static async Task<(string VisionId, string MessageId)> ApprovedParentMessageAsync(HttpClient officer)
{
    var vision = await officer.PostAsJsonAsync("/api/visions", JsonNode.Parse("""
        {"title":"Bench district vision","author":"Bench",
         "focus":[{"category":"additional-supports","text":"English learners"}],
         "impacts":{"shortTerm":[{"text":"Improved attendance","priority":1}],"longTerm":[{"text":"Increased on-time graduation rates","priority":1}]},
         "supports":[{"phase":"planning-and-design","text":"Establishing a personalized learning design committee"}],
         "shifts":[{"changes":"How students learn will be more tailored to their needs.","staysTheSame":"What students learn will stay the same.","audiences":["parents"],
                     "translations":{"es":{"changes":"La forma en que aprenden los estudiantes se adaptará más a sus necesidades.","staysTheSame":"Lo que aprenden los estudiantes seguirá igual."}}}]}
        """));
    var visionId = JsonNode.Parse(await vision.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    var generated = await officer.PostAsJsonAsync($"/api/visions/{visionId}/messages", new JsonObject
    {
        ["audiences"] = new JsonArray("parents"), ["channels"] = new JsonArray("email"), ["languages"] = new JsonArray("en", "es"),
    });
    string? english = null;
    foreach (var item in JsonNode.Parse(await generated.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!["items"]!.AsArray())
    {
        var id = item!["id"]!.GetValue<string>();
        var read = await officer.GetAsync($"/api/visions/{visionId}/messages/{id}");
        var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/visions/{visionId}/messages/{id}/approve") { Content = JsonContent.Create(new { approver = "Bench" }) };
        approve.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        using var approved = await officer.SendAsync(approve);
        if (!approved.IsSuccessStatusCode)
            throw new InvalidOperationException($"Approving message {id} answered {(int)approved.StatusCode}: {await approved.Content.ReadAsStringAsync()}");
        if (item["language"]!.GetValue<string>() == "en") english = id;
    }
    return (visionId, english!);
}

static TimeSpan Time(Action action)
{
    var sw = Stopwatch.StartNew();
    action();
    return sw.Elapsed;
}

static void Print(string line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

public partial class Program
{
    private const string OfficerKey = AppProcess.OfficerKey;
}
