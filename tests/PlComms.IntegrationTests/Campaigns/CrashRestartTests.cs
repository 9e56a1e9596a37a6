using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Delivery;
using PlComms.Delivery.Sending.SendGrid;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Storage;
using Xunit.Abstractions;

namespace PlComms.IntegrationTests.Campaigns;

/// <summary>
/// Crash trials: an instance runs a campaign until its storage dies at its Nth write (planning, claiming, marking,
/// sending, queueing, acknowledging: wherever that write falls), then a fresh instance starts later and finishes the
/// campaign. Every recipient gets the message exactly once, except in the one window no claim can close: SendGrid
/// accepted a batch and the instance died before recording it. SendGrid's mail-send has no idempotency key, and these
/// instances have no event webhook, so such a batch is sent again after its lease; the trial finds those batches from
/// what the loopback SendGrid accepted and the batch rows, and holds everyone else to exactly once (docs/storage.md,
/// "Deliveries"). With the webhook, SendGrid's events settle that window too: InDoubtBatchTests, and the SIGKILL trials
/// on the published package (Package/PublishedCrashTests), which hold every recipient to exactly once.
/// CI runs a spread of crash points; PLCOMMS_CRASH_TRIALS=full crashes at every write of the run.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class CrashRestartTests(PipelineFixture fixture, ITestOutputHelper output)
{
    private const int Parents = 40;
    private const int BatchSize = 10;

    [Fact]
    public async Task A_crash_at_any_storage_write_followed_by_a_restart_sends_each_recipient_once()
    {
        // Reads and timers for the trials; it polls no queue, so it never does the crashed instance's work itself.
        await using var observer = await fixture.StartAsync(fixture.Settings(BatchSize, new Dictionary<string, string?> { ["Queues:PollingEnabled"] = "false" }));
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(observer.Officer);

        // A run without a crash counts the writes a whole campaign makes.
        var total = (await RunTrialAsync(observer, visionId, messageId, int.MaxValue)).Writes;
        Assert.True(total > 20, $"A campaign of {Parents} should take more than 20 storage writes; counted {total}.");

        var full = Environment.GetEnvironmentVariable("PLCOMMS_CRASH_TRIALS") == "full";
        // The last few writes are acknowledgements whose count varies from run to run; the trials stop short of them.
        var last = total - 3;
        var points = full ? Enumerable.Range(1, last).ToList() : Enumerable.Range(0, 8).Select(i => 1 + i * (last - 1) / 7).Distinct().ToList();
        var resent = 0;
        foreach (var point in points)
        {
            output.WriteLine($"Crash trial at write {point} of {total}.");
            var trial = await RunTrialAsync(observer, visionId, messageId, point);
            Assert.True(trial.Crashed, $"The trial at write {point} of {total} did not crash.");
            resent += trial.InWindow;
        }
        output.WriteLine($"{points.Count} crash points over {total} writes; {resent} recipient(s) fell in the accepted-but-unrecorded window and were sent twice.");
    }

    private sealed record Trial(int Writes, bool Crashed, int InWindow);

    private async Task<Trial> RunTrialAsync(RunningApp observer, string visionId, string messageId, int crashAt)
    {
        var school = "crash-" + Guid.NewGuid().ToString("N")[..10];
        var parents = await PipelineRequests.SeedParentsAsync(observer.Services, school, Parents);
        var crash = new StorageCrash(crashAt);
        var settings = fixture.Settings(BatchSize, new Dictionary<string, string?> { ["Queues:BatchSize"] = "1" });
        var dying = await fixture.StartAsync(settings, b => b.Services.AddSingleton(new StoragePolicies(crash)));

        crash.Arm();
        string? id = null;
        try
        {
            var created = await dying.Officer.PostAsync("/api/campaigns", ApiAssertions.JsonContent(PipelineRequests.Campaign(visionId, messageId, school)));
            if (created.IsSuccessStatusCode) id = (await created.ReadObjectAsync())["id"]!.GetValue<string>();
            // Let the instance work until it dies, or until everyone was sent to.
            var until = DateTime.UtcNow.AddSeconds(30);
            while (!crash.Crashed && SentTo(school).Count < Parents && DateTime.UtcNow < until) await Task.Delay(50);
            if (!crash.Crashed)
            {
                // No crash point reached yet (a run without a crash): let the last acknowledgements land.
                await Task.Delay(500);
            }
        }
        finally
        {
            await dying.DisposeAsync();
        }

        id ??= await FindCampaignAsync(observer, school);
        var window = id is null ? [] : await AcceptedButUnrecordedAsync(observer, id, school);

        // The restart: a new instance, later than every lease the dead one could hold.
        await using (var restarted = await fixture.StartAsync(settings, b => b.Services.AddSingleton<TimeProvider>(new LaterClock(TimeSpan.FromMinutes(11)))))
        {
            id ??= await FindCampaignAsync(restarted, school);
            if (id is null)
            {
                // Died before the campaign was stored: the officer's POST failed, and nobody may have been sent anything.
                Assert.Empty(SentTo(school));
                return new Trial(crash.Writes, crash.Crashed, 0);
            }
            var done = await PipelineRequests.WaitForCompletionAsync(restarted.Officer, id!, TimeSpan.FromSeconds(60));
            Assert.Equal(Parents, done["progress"]!["recipients"]!.GetValue<int>());
        }

        var sent = SentTo(school);
        foreach (var parent in parents)
        {
            var times = sent.Count(s => s == parent.Email);
            var allowed = window.Contains(parent.Email) ? 2 : 1;
            Assert.True(times >= 1 && times <= allowed,
                $"Crash at write {crashAt}: {parent.Email} was sent {times} time(s); {(allowed == 2 ? "it was in an accepted-but-unrecorded batch" : "exactly once expected")}.");
        }
        return new Trial(crash.Writes, crash.Crashed, sent.Count - Parents);
    }

    private IReadOnlyList<string> SentTo(string school) =>
        fixture.SendGrid.AcceptedRecipients.Where(r => r.StartsWith(school + "-", StringComparison.Ordinal)).ToList();

    /// <summary>The campaign a crashed POST may have stored before it died.</summary>
    private static async Task<string?> FindCampaignAsync(RunningApp app, string school)
    {
        string? token = null;
        do
        {
            var list = await (await app.Officer.GetAsync("/api/campaigns" + (token is null ? "" : "?continuationToken=" + Uri.EscapeDataString(token)))).ReadObjectAsync();
            var found = list["items"]!.AsArray().FirstOrDefault(c => c!["name"]!.GetValue<string>().EndsWith(school, StringComparison.Ordinal));
            if (found is not null) return found["id"]!.GetValue<string>();
            token = list["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);
        return null;
    }

    /// <summary>Recipients of batches SendGrid accepted while the batch row never recorded the send.</summary>
    private async Task<HashSet<string>> AcceptedButUnrecordedAsync(RunningApp observer, string campaignId, string school)
    {
        var campaign = await (await observer.Officer.GetAsync($"/api/campaigns/{campaignId}")).ReadObjectAsync();
        var recorded = campaign["batches"]!.AsArray()
            .Where(b => b!["state"]!.GetValue<string>() is "sent" or "done")
            .Select(b => b!["batch"]!.GetValue<int>())
            .ToHashSet();
        var window = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in fixture.SendGrid.Requests.Where(r => r.WasAccepted))
        {
            foreach (var personalization in request.Personalizations)
            {
                var deliveryId = personalization!["custom_args"]?[SendGridMailRequest.DeliveryIdArg]?.GetValue<string>();
                if (deliveryId is null || !DeliveryIds.TryParse(deliveryId, out var sendId, out var batch, out _) || sendId != campaignId) continue;
                if (!recorded.Contains(batch)) window.Add(personalization["to"]![0]!["email"]!.GetValue<string>());
            }
        }
        return window;
    }
}
