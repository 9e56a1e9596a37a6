using System.Diagnostics;
using Xunit.Abstractions;

namespace PlComms.IntegrationTests.Package;

/// <summary>
/// Crash trials on the published package: the app runs as its own process (standalone, polling the queues, as the
/// in-process crash trials run it) against Azurite and the loopback SendGrid, and is killed with SIGKILL at a random
/// point of a campaign's queue fan-out (planning steps on <c>delivery-plan</c>, one message per batch on
/// <c>delivery-send</c>). It is then started again and the dispatch finishes. The log of every mail-send call must show
/// each recipient exactly once, and all of them.
/// <para>
/// A kill point is "after the k-th accepted mail-send call, d ms later", or "as SendGrid accepts the k-th call" (the app
/// dies before it hears the 202: the window no claim can close, which the event webhook settles; see BatchSender). Points
/// come from a seeded generator; the seed is printed, and PLCOMMS_CRASH_SEED replays it.
/// </para>
/// <para>
/// CI runs 2 single-instance trials and 1 two-instance trial of 1,500 recipients (batches of 250);
/// PLCOMMS_CRASH_TRIALS=full runs 20 of each with 10,000 recipients (batches of 500). Planning goes 4 batches a step.
/// </para>
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PublishedCrashTests(PublishedPackageFixture package, FaultWorld world, ITestOutputHelper output)
{
    private static bool Full => FaultWorld.Full;

    private static int Recipients => FaultWorld.Recipients;

    private static int BatchSize => Full ? 500 : 250;

    /// <summary>Batches of the campaign: two language passes of half the recipients each.</summary>
    private static int Batches => 2 * (int)Math.Ceiling(Recipients / 2.0 / BatchSize);

    private static Dictionary<string, string> Settings()
    {
        var settings = FaultHarness.TrialTimings();
        settings["Delivery__BatchSize"] = BatchSize.ToString();
        settings["Delivery__PlanStepBatches"] = "4";
        if (Full)
        {
            // A planning step of 2,000 recipients can outlast 5 s on two busy cores, and the events of 10,000 sends
            // reach the app up to a minute after the send here (Azurite applies about 300 a second; each trial prints
            // its lag), so a batch in doubt waits 90 s of silence before it sends to those without one.
            settings["Delivery__PlanLeaseSeconds"] = "10";
            settings["Queues__VisibilityTimeout"] = "00:00:11";
            settings["Delivery__InDoubtWaitSeconds"] = "90";
        }
        return settings;
    }

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("PLCOMMS_CRASH_SEED"), out var seed) ? seed : Random.Shared.Next(1, 1_000_000);

    /// <summary>Where a trial kills: after <paramref name="After"/> accepted calls, either as the next is accepted or <paramref name="DelayMs"/> later.</summary>
    private sealed record KillPoint(int After, bool InWindow, int DelayMs, string Victim)
    {
        public override string ToString() => InWindow
            ? $"kill {Victim} as SendGrid accepts call {After + 1} (it never hears the 202)"
            : $"kill {Victim} {DelayMs} ms after call {After} was accepted{(After == 0 ? " (i.e. after the campaign started)" : "")}";
    }

    private static KillPoint Pick(Random random, int trial, string[] victims) => new(
        random.Next(0, Batches - 1),
        // Every third trial lands in the window; the others anywhere between calls (planning, claiming, recording).
        trial % 3 == 0,
        random.Next(0, 400),
        victims[random.Next(victims.Length)]);

    /// <summary>PLCOMMS_CRASH_TRIAL_COUNT=n runs n trials of each kind instead (with PLCOMMS_CRASH_SEED, to replay a failure quickly).</summary>
    private static int Trials(int normal, int full) =>
        int.TryParse(Environment.GetEnvironmentVariable("PLCOMMS_CRASH_TRIAL_COUNT"), out var n) && n > 0 ? n : Full ? full : normal;

    [Fact]
    public async Task A_published_app_killed_with_SIGKILL_during_a_dispatch_and_restarted_sends_each_recipient_exactly_once() =>
        await RunTrialsAsync(Trials(2, 20), ["A"]);

    [Fact]
    public async Task Two_published_apps_dispatching_side_by_side_one_killed_and_restarted_send_each_recipient_exactly_once() =>
        await RunTrialsAsync(Trials(1, 20), ["A", "B"]);

    /// <summary>The shared world's Azurite, loopback SendGrid and parents for all trials; each trial is a new campaign to them all.</summary>
    private async Task RunTrialsAsync(int trials, string[] instances)
    {
        var seed = Seed();
        var random = new Random(seed);
        output.WriteLine($"{trials} trial(s), {instances.Length} instance(s), {Recipients} recipients in {Batches} batches of {BatchSize}; seed {seed} (PLCOMMS_CRASH_SEED={seed} replays it).");
        var total = Stopwatch.StartNew();
        var sent = 0;
        for (var trial = 1; trial <= trials; trial++)
        {
            // The full run starts a fresh world every 5 trials: Azurite slows as 20,000 rows a trial pile up in it.
            var (harness, visionId, messageId, emails, setUp) = Full && trial > 1 && trial % 5 == 1
                ? await world.RenewAsync(package.Directory)
                : await world.GetAsync(package.Directory);
            if (trial == 1 || Full && trial % 5 == 1)
                output.WriteLine($"Set-up (Azurite, {Recipients} contacts, an approved message), shared by the trials that follow: {setUp.TotalSeconds:0.0} s.");
            var apps = new Dictionary<string, PublishedApp>();
            try
            {
                foreach (var name in instances) apps[name] = await harness.StartAppAsync(name, Settings());
                var point = Pick(random, trial - 1, instances);
                sent += await RunTrialAsync(harness, apps, visionId, messageId, emails, $"Trial {trial}/{trials} (seed {seed})", point);
            }
            finally
            {
                harness.SendGrid.OnAccepted = null;
                await harness.StopAppsAsync();
            }
        }
        output.WriteLine($"{trials} trial(s): {sent} messages accepted for {trials * Recipients} recipients, 0 duplicates, 0 missing; {total.Elapsed.TotalSeconds:0} s.");
    }

    private async Task<int> RunTrialAsync(
        FaultHarness harness, Dictionary<string, PublishedApp> apps, string visionId, string messageId, IReadOnlyList<string> emails, string trial, KillPoint point)
    {
        var watch = Stopwatch.StartNew();
        harness.SendGrid.ResetEventLag();
        var victim = apps[point.Victim];
        var accepted = 0;
        var killed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.SendGrid.OnAccepted = request =>
        {
            var n = Interlocked.Increment(ref accepted);
            // The victim's first call from the (After + 1)-th on; with two instances the other may make the last calls,
            // so the victim dies at the last call in any case.
            var victimCalled = request.Authorization == "Bearer " + FaultHarness.ApiKeyOf(point.Victim);
            if (point.InWindow && !killed.Task.IsCompleted && n > point.After && (victimCalled || n >= Batches))
            {
                // Before the reply: SendGrid has the batch, the instance dies without hearing so.
                victim.Kill();
                killed.TrySetResult(n);
            }
            return Task.CompletedTask;
        };

        var campaignId = await FaultHarness.CreateCampaignAsync(apps.Values.First(a => !a.HasExited), visionId, messageId);
        if (!point.InWindow)
        {
            var until = DateTime.UtcNow.AddSeconds(120);
            while (Volatile.Read(ref accepted) < point.After && DateTime.UtcNow < until) await Task.Delay(5);
            await Task.Delay(point.DelayMs);
            victim.Kill();
            killed.TrySetResult(Volatile.Read(ref accepted));
        }
        var atKill = await killed.Task.WaitAsync(TimeSpan.FromSeconds(120));
        harness.SendGrid.OnAccepted = null;
        var killedAt = watch.Elapsed;
        var acceptedBeforeKill = harness.AcceptedFor(campaignId).Values.Sum();

        // The restart: the same instance (name, settings, key) as a new process.
        apps[point.Victim] = await harness.StartAppAsync(point.Victim, Settings());
        await harness.WaitForCompletionAsync(campaignId, TimeSpan.FromMinutes(Full ? 5 : 3));
        await harness.SendGrid.WaitForEventsAsync(TimeSpan.FromSeconds(Full ? 300 : 60));

        var messages = harness.AssertEachExactlyOnce(campaignId, emails, $"{trial}, {point}");
        var report = await FaultHarness.AssertAllSentAsync(apps[point.Victim], campaignId, Recipients, trial);
        var retried = report["batches"]!.AsArray().Count(b => b!["attempts"]!.GetValue<int>() > 1);
        output.WriteLine($"{trial}: {point}; {acceptedBeforeKill} of {Recipients} recipients accepted before the kill ({atKill} call(s)), " +
            $"killed {killedAt.TotalSeconds:0.0} s into the dispatch; after the restart {messages} messages in all, each recipient once; " +
            $"{retried} batch(es) took more than one attempt; SendGrid's events reached the app at most {harness.SendGrid.LongestEventLag.TotalSeconds:0.0} s after the send; {watch.Elapsed.TotalSeconds:0.0} s.");
        return messages;
    }
}
