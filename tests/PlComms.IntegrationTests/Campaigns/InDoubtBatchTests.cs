using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Delivery;
using PlComms.IntegrationTests.Delivery;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Storage;

namespace PlComms.IntegrationTests.Campaigns;

/// <summary>
/// A batch whose last attempt may have reached SendGrid without the outcome being recorded (its sender died after the
/// 202, or the answer never came) is in doubt. With the event webhook configured it is settled from SendGrid's own
/// report: whoever has an event got the mail and is not sent to again, and the rest are sent once SendGrid has been
/// silent about the batch for Delivery:InDoubtWaitSeconds. These are the cases the published-app crash trials
/// (Package/PublishedCrashTests) found sending recipients twice; each runs here on one batch, in process.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class InDoubtBatchTests(PipelineFixture fixture) : IAsyncLifetime
{
    private const int Parents = 20;
    private const int BatchSize = 10;

    private readonly ECDsa _webhookKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly List<RunningApp> _targets = [];
    private FakeSendGrid _sendGrid = null!;

    public async Task InitializeAsync() => _sendGrid = await FakeSendGrid.StartAsync();

    public async Task DisposeAsync()
    {
        await _sendGrid.DisposeAsync();
        _webhookKey.Dispose();
    }

    private Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = fixture.Settings(BatchSize, new Dictionary<string, string?>
        {
            ["SendGrid:Host"] = _sendGrid.Host.ToString(),
            ["SendGrid:WebhookPublicKey"] = Convert.ToBase64String(_webhookKey.ExportSubjectPublicKeyInfo()),
            ["Queues:BatchSize"] = "1",
        });
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    /// <summary>SendGrid's events go to the instances the test names, as SendGrid posts to the app's public URL.</summary>
    private void ReportEventsTo(RunningApp app)
    {
        lock (_targets) _targets.Add(app);
    }

    private void StartReportingEvents() => _sendGrid.ReportEvents(_webhookKey, () =>
    {
        lock (_targets) return _targets.Select(t => new Uri(t.App.Urls.First())).ToList();
    });

    /// <summary>
    /// An instance sends the campaign until SendGrid accepts its first batch; from that moment its storage is gone, so
    /// it never records the send (the window no claim can close). Returns the campaign, its parents, and the batch
    /// SendGrid took.
    /// </summary>
    private async Task<(string CampaignId, IReadOnlyList<string> Emails, int Batch)> DieAfterSendGridAcceptsAsync(RunningApp observer, IDictionary<string, string?> settings)
    {
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(observer.Officer);
        var school = "doubt-" + Guid.NewGuid().ToString("N")[..10];
        var parents = await PipelineRequests.SeedParentsAsync(observer.Services, school, Parents);
        var crash = new StorageCrash(1);
        var accepted = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _sendGrid.OnAccepted = request =>
        {
            crash.Arm();
            accepted.TrySetResult(FaultBatch(request));
            return Task.CompletedTask;
        };
        string campaignId;
        int batch;
        await using (var dying = await fixture.StartAsync(settings, b => b.Services.AddSingleton(new StoragePolicies(crash))))
        {
            campaignId = await PipelineRequests.CreateCampaignAsync(observer.Officer, PipelineRequests.Campaign(visionId, messageId, school));
            batch = await accepted.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var until = DateTime.UtcNow.AddSeconds(10);
            while (!crash.Crashed && DateTime.UtcNow < until) await Task.Delay(20);
            Assert.True(crash.Crashed, "The instance never tried to record the accepted batch.");
        }
        _sendGrid.OnAccepted = null;
        return (campaignId, parents.Select(p => p.Email).ToList(), batch);
    }

    private static int FaultBatch(SendGridRequest request) => Package.FaultHarness.BatchesOf(request).Single();

    private IReadOnlyDictionary<string, int> Accepted() =>
        _sendGrid.AcceptedRecipients.GroupBy(r => r, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);

    private static async Task<BatchRecord> BatchAsync(RunningApp app, string campaignId, int batch) =>
        (await app.Services.GetRequiredService<DeliveryStore>().GetBatchAsync(campaignId, batch, CancellationToken.None))!.Value.Batch;

    [Fact]
    public async Task A_batch_SendGrid_accepted_before_its_sender_died_is_settled_from_the_processed_events_and_not_sent_again()
    {
        StartReportingEvents();
        // Six minutes on: past the dead sender's 5-minute lease and the 60 s wait, inside the webhook's 10-minute signature window.
        var settings = Settings(new Dictionary<string, string?> { ["Delivery:InDoubtWaitSeconds"] = "60" });
        await using var observer = await fixture.StartAsync(Settings(new Dictionary<string, string?> { ["Queues:PollingEnabled"] = "false" }));
        var (campaignId, emails, batch) = await DieAfterSendGridAcceptsAsync(observer, settings);

        await using var restarted = await fixture.StartAsync(settings, b => b.Services.AddSingleton<TimeProvider>(new LaterClock(TimeSpan.FromMinutes(6))));
        ReportEventsTo(restarted);
        await _sendGrid.WaitForEventsAsync(TimeSpan.FromSeconds(60));
        var done = await PipelineRequests.WaitForCompletionAsync(restarted.Officer, campaignId, TimeSpan.FromSeconds(60));

        var accepted = Accepted();
        Assert.All(emails, e => Assert.Equal(1, accepted.GetValueOrDefault(e)));
        Assert.Equal(2, _sendGrid.Requests.Count(r => r.WasAccepted));
        Assert.Equal(Parents, done["progress"]!["sent"]!.GetValue<int>());
        var settled = await BatchAsync(restarted, campaignId, batch);
        Assert.Equal((BatchState.Sent, 2, BatchSize, (DateTimeOffset?)null), (settled.State, settled.Attempts, settled.Count(BatchCounters.Sent), settled.DoubtSince));
    }

    [Fact]
    public async Task A_batch_in_doubt_that_SendGrid_says_nothing_about_waits_the_in_doubt_wait_and_is_then_sent_to_everyone_in_it()
    {
        // Events never arrive (the webhook is configured, but SendGrid's posts are lost): the batch may or may not have
        // gone out, and after the wait the app errs on the side of sending. This is the one case that can send twice.
        var settings = Settings(new Dictionary<string, string?> { ["Delivery:InDoubtWaitSeconds"] = "900" });
        await using var observer = await fixture.StartAsync(Settings(new Dictionary<string, string?> { ["Queues:PollingEnabled"] = "false" }));
        var (campaignId, emails, batch) = await DieAfterSendGridAcceptsAsync(observer, settings);
        var first = _sendGrid.Requests.Single(r => r.WasAccepted).ToEmails.ToHashSet(StringComparer.OrdinalIgnoreCase);

        // Six minutes on the dead sender's lease is over, but not the 15-minute wait: the batch waits, nothing is sent.
        await using (var early = await fixture.StartAsync(settings, b => b.Services.AddSingleton<TimeProvider>(new LaterClock(TimeSpan.FromMinutes(6)))))
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < until && (await BatchAsync(early, campaignId, batch)).DoubtSince is null) await FireDispatchAsync(early);
            var waiting = await BatchAsync(early, campaignId, batch);
            Assert.Equal(BatchState.Queued, waiting.State);
            Assert.NotNull(waiting.DoubtSince);
            await Task.Delay(1500);
            Assert.Equal(first.Count, _sendGrid.Requests.Where(r => r.WasAccepted).SelectMany(r => r.ToEmails).Count(first.Contains));
        }

        // Twenty minutes on, the wait is over: everyone in the batch is sent to, since nothing says SendGrid had it.
        await using var late = await fixture.StartAsync(settings, b => b.Services.AddSingleton<TimeProvider>(new LaterClock(TimeSpan.FromMinutes(20))));
        await PipelineRequests.WaitForCompletionAsync(late.Officer, campaignId, TimeSpan.FromSeconds(60));
        var accepted = Accepted();
        Assert.All(emails, e => Assert.Equal(first.Contains(e) ? 2 : 1, accepted.GetValueOrDefault(e)));
        Assert.Equal(BatchState.Sent, (await BatchAsync(late, campaignId, batch)).State);
    }

    [Fact]
    public async Task Events_that_land_on_the_batch_while_its_sender_records_the_send_are_kept_and_the_batch_is_recorded_sent()
    {
        StartReportingEvents();
        var settings = Settings();
        await using var app = await fixture.StartAsync(settings);
        ReportEventsTo(app);
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(app.Officer);
        var school = "doubt-" + Guid.NewGuid().ToString("N")[..10];
        var parents = await PipelineRequests.SeedParentsAsync(app.Services, school, Parents);
        // SendGrid's processed events are applied (moving the batch row and its ETag) before the sender hears the 202.
        _sendGrid.OnAccepted = _ => _sendGrid.WaitForEventsAsync(TimeSpan.FromSeconds(30));
        var campaignId = await PipelineRequests.CreateCampaignAsync(app.Officer, PipelineRequests.Campaign(visionId, messageId, school));
        var done = await PipelineRequests.WaitForCompletionAsync(app.Officer, campaignId, TimeSpan.FromSeconds(60));
        _sendGrid.OnAccepted = null;

        Assert.Equal(Parents, _sendGrid.AcceptedRecipients.Count);
        Assert.Equal(Parents, done["progress"]!["sent"]!.GetValue<int>());
        foreach (var batch in done["batches"]!.AsArray())
        {
            // Recorded by its sender on the first attempt: not left "sending" for a second sender to settle.
            Assert.Equal("sent", batch!["state"]!.GetValue<string>());
            Assert.Equal(1, batch["attempts"]!.GetValue<int>());
            var record = await BatchAsync(app, campaignId, batch["batch"]!.GetValue<int>());
            Assert.Equal(BatchSize, record.Count(nameof(DeliveryFlag.Processed)));
        }
    }

    [Fact]
    public async Task A_SendGrid_call_that_times_out_puts_the_batch_in_doubt_and_its_events_settle_it_without_a_second_send()
    {
        StartReportingEvents();
        // SendGrid takes the request and answers after 4 s; the sender gives up after 1 s, not knowing.
        var settings = Settings(new Dictionary<string, string?> { ["SendGrid:TimeoutSeconds"] = "1", ["SendGrid:BudgetSeconds"] = "1", ["Delivery:InDoubtWaitSeconds"] = "30" });
        await using var app = await fixture.StartAsync(settings);
        ReportEventsTo(app);
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(app.Officer);
        var school = "doubt-" + Guid.NewGuid().ToString("N")[..10];
        var parents = await PipelineRequests.SeedParentsAsync(app.Services, school, Parents);
        _sendGrid.Enqueue(SendGridReply.Accepted().After(TimeSpan.FromSeconds(4)));
        var campaignId = await PipelineRequests.CreateCampaignAsync(app.Officer, PipelineRequests.Campaign(visionId, messageId, school));
        var done = await PipelineRequests.WaitForCompletionAsync(app.Officer, campaignId, TimeSpan.FromSeconds(60));

        var accepted = Accepted();
        Assert.All(parents, p => Assert.Equal(1, accepted.GetValueOrDefault(p.Email)));
        Assert.Equal(2, _sendGrid.Requests.Count);
        Assert.Equal(Parents, done["progress"]!["sent"]!.GetValue<int>());
        var slow = done["batches"]!.AsArray().Single(b => b!["attempts"]!.GetValue<int>() == 2)!;
        Assert.Equal("sent", slow["state"]!.GetValue<string>());
    }

    private static async Task FireDispatchAsync(RunningApp app)
    {
        var timer = await app.Officer.PostAsync("/DispatchCampaigns", ApiAssertions.JsonContent(new JsonObject { ["Data"] = new JsonObject(), ["Metadata"] = new JsonObject() }));
        Assert.True(timer.IsSuccessStatusCode, await timer.Content.ReadAsStringAsync());
        await Task.Delay(200);
    }
}
