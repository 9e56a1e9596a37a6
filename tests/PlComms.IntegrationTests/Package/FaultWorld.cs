namespace PlComms.IntegrationTests.Package;

/// <summary>
/// The world the crash trials and the SendGrid storms share (<see cref="PackageCollection"/>, so one test at a time):
/// one <see cref="FaultHarness"/> (in-memory Azurite, loopback SendGrid with its event webhook) with the campaign's
/// parents and an approved parents email stored once. Each test starts its own instances with its own timings, sends
/// its own campaigns to those parents, and stops its instances at the end. Made on first use, so the package tests
/// alone do not pay for it.
/// </summary>
public sealed class FaultWorld : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private World? _world;

    /// <summary>PLCOMMS_CRASH_TRIALS=full: 10,000 parents instead of 1,500.</summary>
    public static bool Full => Environment.GetEnvironmentVariable("PLCOMMS_CRASH_TRIALS") == "full";

    public static int Recipients => Full ? 10_000 : 1_500;

    public sealed record World(FaultHarness Harness, string VisionId, string MessageId, IReadOnlyList<string> Emails, TimeSpan SetUp);

    public async Task<World> GetAsync(string packageDirectory)
    {
        await _gate.WaitAsync();
        try
        {
            if (_world is not null) return _world;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var harness = await FaultHarness.StartAsync(packageDirectory, new Dictionary<string, string>());
            var seeder = await harness.StartAppAsync("seed");
            var (visionId, messageId, emails) = await FaultHarness.SeedAsync(seeder, Recipients);
            await harness.StopAppsAsync();
            return _world = new World(harness, visionId, messageId, emails, watch.Elapsed);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Replaces the world with a fresh one (a new Azurite, the parents and the message stored again). Azurite slows as
    /// its tables grow (it keeps every row in memory and indexes each insert), so long runs start afresh now and then.
    /// </summary>
    public async Task<World> RenewAsync(string packageDirectory)
    {
        await _gate.WaitAsync();
        try
        {
            if (_world is not null) await _world.Harness.DisposeAsync();
            _world = null;
        }
        finally
        {
            _gate.Release();
        }
        return await GetAsync(packageDirectory);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_world is not null) await _world.Harness.DisposeAsync();
        _gate.Dispose();
    }
}
