using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PlComms.Contacts;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Auth;

namespace PlComms.IntegrationTests.Surveys;

/// <summary>
/// A clock the tests move forward (days, for reminders, closing and the throttle) while timers and delays still run
/// on real time, so the app's queue poller keeps working.
/// </summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary>
/// One Azurite and one app for the survey tests: the outbox sender writing to a folder of the fixture's own, the queue
/// poller on, the schedule off (tests fire <c>SurveyWaves</c> and <c>DispatchCampaigns</c> as the host would) and a
/// <see cref="ShiftableClock"/>. Tests keep apart by giving their contacts a school of their own. A fixture built on this
/// one (the hostile-input campaign's) adds settings through <see cref="MoreSettings"/>.
/// </summary>
public class SurveyFixture : IAsyncLifetime
{
    private const string HostTimerPayload = """{"Data":{"timer":{"IsPastDue":false}},"Metadata":{}}""";

    public AzuriteFixture Azurite { get; } = new();

    public ShiftableClock Clock { get; } = new();

    public string Outbox { get; } = AppFixture.NewOutbox();

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Officer { get; private set; } = null!;

    /// <summary>No key, no cookies kept: a mail scanner, or a person's first click.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public IServiceProvider Services => App.Services;

    /// <summary>Settings added to (or overriding) this fixture's own.</summary>
    protected virtual IReadOnlyDictionary<string, string?> MoreSettings => new Dictionary<string, string?>();

    /// <summary>Services registered before the app's own (which add theirs only where none is registered).</summary>
    protected virtual void MoreServices(IServiceCollection services) { }

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        // Links in the emails must reach this app, so it listens where they point.
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var settings = new Dictionary<string, string?>
        {
            ["Outbox:Directory"] = Outbox,
            ["App:LocalUrl"] = url,
            ["App:PublicBaseUrl"] = url,
            // The web app's browser tests upload a file over the limit; 1 MB keeps that file small.
            ["Contacts:MaxUploadMegabytes"] = "1",
        };
        foreach (var (key, value) in MoreSettings) settings[key] = value;
        App = AppFixture.StartApp(Azurite.ConnectionString, settings, b =>
        {
            b.Services.AddSingleton<TimeProvider>(Clock);
            MoreServices(b.Services);
        });
        await App.StartAsync();
        BaseAddress = new Uri(App.Urls.First());
        Officer = new HttpClient { BaseAddress = BaseAddress };
        Officer.DefaultRequestHeaders.Add(OfficerAuthOptions.HeaderName, AppFixture.ApiKey);
        Anonymous = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
    }

    public virtual async Task DisposeAsync()
    {
        Officer.Dispose();
        Anonymous.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Azurite.DisposeAsync();
        try { Directory.Delete(Outbox, recursive: true); } catch (DirectoryNotFoundException) { }
    }

    /// <summary>A school of the test's own, so its contacts, surveys and emails are its alone.</summary>
    public static string NewSchool(string label) => $"{label}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>Parents (or teachers) of one school straight through the importer; every other one prefers Spanish.</summary>
    public async Task<IReadOnlyList<ContactRecord>> SeedAsync(string school, int count, ContactRole role = ContactRole.Parent)
    {
        var records = Enumerable.Range(0, count)
            .Select(i => new ContactRecord(role, $"{school}-{i:D4}@families.example.org", $"Person{i}", "Test",
                [new SchoolRef(school, school)], ["03"], i % 2 == 0 ? "en" : "es", $"{school}-{i}", ContactSource.Csv, []))
            .ToList();
        var report = await Services.GetRequiredService<ContactImporter>().ApplyAsync(new ParsedImport(records, [], count), ImportFormat.Csv, dryRun: false, CancellationToken.None);
        Assert.Equal(count, report.Created);
        return records;
    }

    /// <summary>A survey of the school's parents (or teachers) whose baseline is due now; <paramref name="change"/> edits the body first.</summary>
    public async Task<string> CreateSurveyAsync(string school, string role = "parent", Action<JsonObject>? change = null)
    {
        var body = new JsonObject
        {
            ["name"] = $"Survey of {school}",
            ["segment"] = new JsonObject { ["role"] = role, ["schools"] = new JsonArray(school) },
            ["schedule"] = new JsonObject { ["baseline"] = Clock.GetUtcNow().ToString("O"), ["cadenceWeeks"] = 6, ["waves"] = 3 },
            ["windowDays"] = 14,
            ["reminders"] = new JsonObject { ["afterDays"] = 4, ["count"] = 2 },
            ["throttleDays"] = 7,
        };
        change?.Invoke(body);
        var created = await Officer.PostAsync("/api/surveys", ApiAssertions.JsonContent(body));
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"Survey not created: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        return (await created.ReadObjectAsync())["id"]!.GetValue<string>();
    }

    /// <summary>Fires a timer function as the Functions host does; returns its log lines.</summary>
    public async Task<IReadOnlyList<string>> FireAsync(string function)
    {
        var fired = await Anonymous.PostAsync("/" + function, new StringContent(HostTimerPayload, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, fired.StatusCode);
        return (await fired.ReadObjectAsync())["Logs"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
    }

    public async Task<JsonObject> SurveyAsync(string surveyId) => await (await Officer.GetAsync($"/api/surveys/{surveyId}")).ReadObjectAsync();

    public async Task<JsonObject> SendAsync(string sendId) => await (await Officer.GetAsync($"/api/campaigns/{sendId}")).ReadObjectAsync();

    /// <summary>
    /// Waits until the send's planning is done and every batch is settled (the poller sends), then completes it with
    /// the DispatchCampaigns timer; returns the send's report.
    /// </summary>
    public async Task<JsonObject> WaitForSendAsync(string sendId, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        JsonObject send;
        while (true)
        {
            send = await SendAsync(sendId);
            var status = send["status"]?.GetValue<string>();
            var batches = send["batches"]?.AsArray() ?? [];
            if (status == "completed" || (status == "sending" && batches.All(b => b!["state"]!.GetValue<string>() is not ("queued" or "sending"))))
            {
                if (status == "completed") return send;
                await FireAsync("DispatchCampaigns");
                continue;
            }
            Assert.True(DateTime.UtcNow < until, $"Send {sendId} did not finish: {send.ToJsonString()}");
            await Task.Delay(150);
        }
    }

    /// <summary>Opens the survey's due wave with the SurveyWaves timer, waits for its send, and returns the wave's id.</summary>
    public async Task<string> OpenWaveAsync(string surveyId, int index = 0)
    {
        await FireAsync("SurveyWaves");
        var wave = (await SurveyAsync(surveyId))["waves"]!.AsArray().Single(w => w!["index"]!.GetValue<int>() == index)!;
        var waveId = wave["waveId"]!.GetValue<string>();
        await WaitForSendAsync(waveId);
        return waveId;
    }

    /// <summary>
    /// Runs aggregation as the host would: fires <c>ResultsRounds</c> (which starts a round, queues a count per batch,
    /// then merges once the poller has counted them) until every wave of the survey has merged a round that began
    /// after now, or is final when <paramref name="final"/>.
    /// </summary>
    public async Task AggregateAsync(string surveyId, bool final = false)
    {
        var results = Services.GetRequiredService<PlComms.Results.ResultsStore>();
        var store = Services.GetRequiredService<PlComms.Surveys.SurveyStore>();
        var startedAfter = Clock.GetUtcNow();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await FireAsync("ResultsRounds");
            var waves = (await store.WavesAsync(surveyId, CancellationToken.None)).Where(w => w.Wave.Status != PlComms.Surveys.WaveStatus.Skipped).ToList();
            var states = new List<PlComms.Results.AggregationState>();
            foreach (var (wave, _) in waves) states.Add((await results.WaveAsync(wave.WaveId, CancellationToken.None)).State);
            if (states.All(s => final ? s.Final : !s.RoundOpen && s.AggregatedAt >= startedAfter)) return;
            Assert.True(DateTime.UtcNow < until, $"Survey {surveyId} was not aggregated: {string.Join("; ", states)}");
            await Task.Delay(200);
        }
    }

    /// <summary>The outbox messages of a send (file names start with the send id) to the school's people.</summary>
    public IReadOnlyList<MimeMessage> Emails(string sendId, string school) =>
        Directory.Exists(Outbox)
            ? Directory.GetFiles(Outbox, sendId + "_*.eml").Select(f => MimeMessage.Load(f))
                .Where(m => m.To.Mailboxes.Single().Address.StartsWith(school + "-", StringComparison.Ordinal)).ToList()
            : [];

    /// <summary>Every http(s) link in a message's text part, in order.</summary>
    public static IReadOnlyList<Uri> Links(MimeMessage message) =>
        [.. Regex.Matches(message.TextBody ?? "", "https?://[^\\s<>\"]+").Select(m => new Uri(m.Value))];

    /// <summary>The link of answer <paramref name="answer"/> (1–5) in a survey email, or the whole-survey link for null.</summary>
    public static Uri SurveyLink(MimeMessage message, int? answer) =>
        Links(message).First(u => u.AbsolutePath.StartsWith("/api/s/", StringComparison.Ordinal)
            && (answer is { } a ? u.Query.Contains($"a={a}&", StringComparison.Ordinal) : !u.Query.Contains("a=", StringComparison.Ordinal)));
}

[CollectionDefinition(Name)]
public sealed class SurveyCollection : ICollectionFixture<SurveyFixture>
{
    public const string Name = "surveys on Azurite with an outbox and a shiftable clock";
}
