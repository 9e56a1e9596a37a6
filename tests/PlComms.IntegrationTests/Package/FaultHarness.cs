using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PlComms.Delivery;
using PlComms.Delivery.Sending.SendGrid;
using PlComms.IntegrationTests.Campaigns;
using PlComms.IntegrationTests.Contacts;
using PlComms.IntegrationTests.Delivery;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Package;

/// <summary>
/// The world of one fault trial: its own Azurite (in memory, or in a data folder so it can be restarted), the loopback
/// SendGrid (<see cref="FakeSendGrid"/>: mail send, which logs every recipient of every call, and SendGrid's signed
/// event webhook back to whichever instance is up), and published app instances (<see cref="PublishedApp"/>, standalone:
/// each polls the queues, as the crash trials' instances do; the harness fires the dispatch timer as the host would).
/// Each instance has its own SendGrid API key, so the log tells which instance made each call.
/// </summary>
public sealed class FaultHarness : IAsyncDisposable
{
    public const string School = "crash-school";

    private readonly string _packageDirectory;
    private readonly Dictionary<string, string> _settings;
    private readonly ECDsa _webhookKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly Lock _gate = new();
    private readonly List<PublishedApp> _apps = [];
    private readonly string? _azuriteFolder;

    private FaultHarness(string packageDirectory, AzuriteFixture azurite, FakeSendGrid sendGrid, Dictionary<string, string> settings, string? azuriteFolder)
    {
        _packageDirectory = packageDirectory;
        Azurite = azurite;
        SendGrid = sendGrid;
        _settings = settings;
        _azuriteFolder = azuriteFolder;
    }

    public AzuriteFixture Azurite { get; }

    public FakeSendGrid SendGrid { get; }

    /// <summary>Instances started and not killed (nor exited).</summary>
    public IReadOnlyList<PublishedApp> Running
    {
        get { lock (_gate) return _apps.Where(a => !a.HasExited).ToList(); }
    }

    /// <summary>
    /// Timings short enough for a trial to recover in seconds, not the production minutes: a send lease of 6 s (one
    /// SendGrid call at most 3 s), a plan lease of 5 s, queue messages hidden 7 s while they run, retried after 1 s, and a
    /// batch in doubt waits for SendGrid's events until SendGrid has been silent about it for 10 s.
    /// </summary>
    public static Dictionary<string, string> TrialTimings() => new()
    {
        ["Delivery__SendLeaseSeconds"] = "6",
        ["Delivery__PlanLeaseSeconds"] = "5",
        ["Delivery__InDoubtWaitSeconds"] = "10",
        ["SendGrid__TimeoutSeconds"] = "3",
        ["SendGrid__BudgetSeconds"] = "3",
        ["Queues__VisibilityTimeout"] = "00:00:07",
        ["Queues__RetryDelay"] = "00:00:01",
        ["Queues__MaxPollingIntervalMs"] = "200",
    };

    /// <param name="settings">Settings for every instance, over the harness's own (SendGrid to the loopback, the webhook key, storage).</param>
    /// <param name="persistentAzurite">Keep Azurite's data in a folder, so <see cref="AzuriteFixture.RestartAsync"/> can restart it.</param>
    public static async Task<FaultHarness> StartAsync(string packageDirectory, IReadOnlyDictionary<string, string> settings, bool persistentAzurite = false)
    {
        var folder = persistentAzurite ? Directory.CreateTempSubdirectory("plcomms-azurite-").FullName : null;
        var azurite = new AzuriteFixture(folder);
        await azurite.InitializeAsync();
        var sendGrid = await FakeSendGrid.StartAsync();
        var all = PublishedApp.BaseSettings(azurite.ConnectionString);
        all["Delivery__Sender"] = SendGridEmailSender.SenderName;
        all["SendGrid__FromEmail"] = SendGridHarness.FromEmail;
        all["SendGrid__FromName"] = SendGridHarness.FromName;
        all["SendGrid__Host"] = sendGrid.Host.ToString();
        all["App__PublicBaseUrl"] = "https://plcomms.test";
        all["Scheduler__Enabled"] = "false";
        foreach (var (key, value) in settings) all[key] = value;
        var harness = new FaultHarness(packageDirectory, azurite, sendGrid, all, folder);
        all["SendGrid__WebhookPublicKey"] = Convert.ToBase64String(harness._webhookKey.ExportSubjectPublicKeyInfo());
        sendGrid.ReportEvents(harness._webhookKey, () => harness.Running.Select(a => a.Url).ToList());
        return harness;
    }

    /// <summary>The SendGrid API key instance <paramref name="name"/> sends with: the log's way to tell the instances apart.</summary>
    public static string ApiKeyOf(string name) => $"SG.fault-{name}.0123456789abcdefghij";

    /// <summary>Stops every instance (a test's instances must not go on taking the next test's queue messages).</summary>
    public async Task StopAppsAsync()
    {
        List<PublishedApp> apps;
        lock (_gate)
        {
            apps = [.. _apps];
            _apps.Clear();
        }
        foreach (var app in apps) await app.DisposeAsync();
    }

    /// <summary>Starts (or, after a kill, starts again) instance <paramref name="name"/> with the harness's settings and <paramref name="extra"/>.</summary>
    public async Task<PublishedApp> StartAppAsync(string name, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(_settings) { ["SendGrid__ApiKey"] = ApiKeyOf(name) };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        var app = await PublishedApp.StartAsync(_packageDirectory, settings, name: name);
        lock (_gate) _apps.Add(app);
        return app;
    }

    /// <summary>
    /// Stores <paramref name="parents"/> parents of <see cref="School"/> through the officer's CSV import (every other
    /// one Spanish, so a campaign has two language passes), and an approved parents email in English and Spanish.
    /// </summary>
    public static async Task<(string VisionId, string MessageId, IReadOnlyList<string> Emails)> SeedAsync(PublishedApp app, int parents)
    {
        var emails = Enumerable.Range(0, parents).Select(i => $"parent-{i:D5}@families.example.org").ToList();
        var csv = new StringBuilder("email,role,given_name,family_name,schools,grades,language,external_id,student_ids\n");
        for (var i = 0; i < parents; i++) csv.Append(emails[i]).Append(",parent,Parent").Append(i).Append(",Test,").Append(School).Append(",03,").Append(i % 2 == 0 ? "en" : "es-MX").Append(",P-").Append(i).Append(",\n");
        using var imported = await app.Officer.PostAsync("/api/contacts/import", ContactUploads.Csv(csv.ToString()));
        var report = await imported.ReadObjectAsync();
        Assert.True(imported.IsSuccessStatusCode, $"The import answered {(int)imported.StatusCode}: {report.ToJsonString()}");
        Assert.Equal(parents, report["created"]!.GetValue<int>());
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(app.Officer);
        return (visionId, messageId, emails);
    }

    public static Task<string> CreateCampaignAsync(PublishedApp app, string visionId, string messageId) =>
        PipelineRequests.CreateCampaignAsync(app.Officer, PipelineRequests.Campaign(visionId, messageId, School));

    /// <summary>
    /// How many times SendGrid accepted (2xx) a message to each address for <paramref name="campaignId"/>, from the log of
    /// every mail-send call (a personalization belongs to the campaign whose delivery id its custom args carry).
    /// </summary>
    public IReadOnlyDictionary<string, int> AcceptedFor(string campaignId)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var request in SendGrid.Requests.Where(r => r.WasAccepted))
        {
            foreach (var personalization in request.Personalizations)
            {
                var deliveryId = personalization?["custom_args"]?[SendGridMailRequest.DeliveryIdArg]?.GetValue<string>();
                if (deliveryId is null || !DeliveryIds.TryParse(deliveryId, out var sendId, out _, out _) || sendId != campaignId) continue;
                var email = personalization!["to"]![0]!["email"]!.GetValue<string>();
                counts[email] = counts.GetValueOrDefault(email) + 1;
            }
        }
        return counts;
    }

    /// <summary>The batch numbers of one mail-send request (from its delivery ids).</summary>
    public static IReadOnlySet<int> BatchesOf(SendGridRequest request) => request.Personalizations
        .Select(p => p?["custom_args"]?[SendGridMailRequest.DeliveryIdArg]?.GetValue<string>())
        .Select(id => id is not null && DeliveryIds.TryParse(id, out _, out var batch, out _) ? batch : -1)
        .Where(b => b >= 0)
        .ToHashSet();

    /// <summary>
    /// Fails unless SendGrid accepted exactly one message for each of <paramref name="emails"/> and none for anyone else,
    /// naming the first few offenders. Returns the number of messages accepted.
    /// </summary>
    public int AssertEachExactlyOnce(string campaignId, IReadOnlyList<string> emails, string trial)
    {
        var accepted = AcceptedFor(campaignId);
        var twice = accepted.Where(a => a.Value > 1).Select(a => $"{a.Key} ×{a.Value}").ToList();
        var missing = emails.Where(e => !accepted.ContainsKey(e)).ToList();
        var strangers = accepted.Keys.Except(emails, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.True(twice.Count == 0 && missing.Count == 0 && strangers.Count == 0,
            $"{trial}: {twice.Count} recipient(s) sent more than once ({string.Join(", ", twice.Take(5))}), {missing.Count} never sent ({string.Join(", ", missing.Take(5))}), " +
            $"{strangers.Count} not in the campaign; {accepted.Values.Sum()} messages accepted for {emails.Count} recipients.\nMail-send calls:\n{CallLog(campaignId)}");
        return accepted.Values.Sum();
    }

    /// <summary>One line per mail-send call: when, which instance, the answer, the batches and how many recipients.</summary>
    public string CallLog(string campaignId)
    {
        var requests = SendGrid.Requests.Where(r => r.Personalizations.Any(p => p?["custom_args"]?[SendGridMailRequest.DeliveryIdArg]?.GetValue<string>()?.StartsWith(campaignId, StringComparison.Ordinal) == true)).ToList();
        if (requests.Count == 0) return "(none)";
        var t0 = requests[0].ReceivedAt;
        return string.Join("\n", requests.Select(r =>
            $"  +{(r.ReceivedAt - t0).TotalSeconds:0.000} s {r.Authorization?.Split('.')[1]} {r.AnsweredStatus} batch(es) {string.Join(",", BatchesOf(r).Order())}: {r.Personalizations.Count} recipient(s)"));
    }

    /// <summary>The campaign report, with every batch settled as sent and the counts agreeing with the log.</summary>
    public static async Task<JsonObject> AssertAllSentAsync(PublishedApp app, string campaignId, int recipients, string trial)
    {
        var report = await (await app.Officer.GetAsync($"/api/campaigns/{campaignId}")).ReadObjectAsync();
        Assert.Equal("completed", report["status"]!.GetValue<string>());
        Assert.Equal(recipients, report["progress"]!["recipients"]!.GetValue<int>());
        Assert.Equal(recipients, report["progress"]!["sent"]!.GetValue<int>());
        var unsent = report["batches"]!.AsArray().Where(b => b!["state"]!.GetValue<string>() != "sent").Select(b => b!.ToJsonString()).ToList();
        Assert.True(unsent.Count == 0, $"{trial}: batches not sent: {string.Join("; ", unsent)}");
        return report;
    }

    /// <summary>Fires the dispatch timer (as the host would, on any running instance) until the campaign completes.</summary>
    public async Task<JsonObject> WaitForCompletionAsync(string campaignId, TimeSpan timeout)
    {
        var app = Running.FirstOrDefault() ?? throw new InvalidOperationException("No instance is running.");
        try
        {
            return await PipelineRequests.WaitForCompletionAsync(app.Officer, campaignId, timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nInstances said:\n{string.Join("\n", Running.Select(a => $"--- {a.Name}\n{Tail(a.Output)}"))}", e);
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    public async ValueTask DisposeAsync()
    {
        List<PublishedApp> apps;
        lock (_gate) apps = [.. _apps];
        foreach (var app in apps) await app.DisposeAsync();
        await SendGrid.DisposeAsync();
        await Azurite.DisposeAsync();
        _webhookKey.Dispose();
        if (_azuriteFolder is not null)
        {
            try { Directory.Delete(_azuriteFolder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }
}
