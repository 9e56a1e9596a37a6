using System.Diagnostics;
using System.Globalization;

namespace PlComms.PipelineBench;

/// <summary>
/// The app's Release build run as its own process (standalone: it polls its own queues), so the peak RSS the bench
/// reports is the app's alone, as the Functions host would see it, and not the bench's roster generation.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public const string OfficerKey = "bench-officer-key-0123456789abcdef";

    /// <summary>Environment variables with this prefix are given to the app without it (and not to the bench).</summary>
    public const string AppEnvironmentPrefix = "PLCOMMS_BENCH_APP_";
    public const string SigningKeyId = "bench";

    public Uri Url { get; }

    /// <summary>The app's process id (for a profiler to attach to).</summary>
    public int ProcessId => _process.Id;

    /// <summary>A fresh link-signing key in the app's setting format (<c>kid:base64key</c>).</summary>
    public static string NewSigningKeys() => SigningKeyId + ":" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>What every app process of the bench gets: this Azurite, the officer key, no scheduler, quiet logs.</summary>
    public static Dictionary<string, string> Settings(Azurite azurite, string signingKeys) => new()
    {
        ["Storage__ConnectionString"] = azurite.ConnectionString,
        ["Officer__ApiKeys"] = OfficerKey,
        ["App__PublicBaseUrl"] = "https://plcomms.bench",
        ["Scheduler__Enabled"] = "false",
        ["Tokens__SigningKeys"] = signingKeys,
        ["Tokens__ActiveKeyId"] = SigningKeyId,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>
    /// Set by <c>--published</c>: run the deployment package (<c>artifacts/publish/PlComms</c>, written by scripts/publish:
    /// self-contained, ReadyToRun), which is what the Functions host runs, instead of the Release build under <c>dotnet</c>.
    /// </summary>
    public static bool Published { get; set; }

    /// <summary>What the bench runs, for its report.</summary>
    public static string Description => Published ? "the published package (artifacts/publish)" : "the Release build (dotnet PlComms.dll)";

    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        ProcessStartInfo start;
        if (Published)
        {
            var executable = Path.Combine(Azurite.RepoRoot, "artifacts", "publish", "PlComms");
            if (!File.Exists(executable)) throw new InvalidOperationException($"{executable} is missing; run scripts/publish (bench/run does).");
            start = new ProcessStartInfo(executable) { WorkingDirectory = Path.GetDirectoryName(executable)!, RedirectStandardOutput = true, RedirectStandardError = true };
        }
        else
        {
            var dll = Path.Combine(Azurite.RepoRoot, "functions", "PlComms", "bin", "Release", "net10.0", "PlComms.dll");
            if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing; build the app in Release (dotnet run -c Release builds it).");
            start = new ProcessStartInfo("dotnet") { ArgumentList = { dll }, RedirectStandardOutput = true, RedirectStandardError = true };
        }
        var url = new Uri($"http://127.0.0.1:{Azurite.FreePort()}");
        foreach (var (key, value) in settings) start.Environment[key] = value;
        // For experiments on the app alone (the bench's own process keeps its settings): PLCOMMS_BENCH_APP_X=v gives the app X=v.
        foreach (var (key, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                     .Select(e => ((string)e.Key, (string?)e.Value)).Where(e => e.Item1.StartsWith(AppEnvironmentPrefix, StringComparison.Ordinal)))
            start.Environment[key[AppEnvironmentPrefix.Length..]] = value;
        start.Environment["App__LocalUrl"] = url.ToString().TrimEnd('/');
        start.Environment.Remove("FUNCTIONS_CUSTOMHANDLER_PORT");
        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine("app: " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = url };
        for (var i = 0; i < 300; i++)
        {
            try
            {
                await client.GetAsync("/api/health");
                return new AppProcess(process, url);
            }
            catch (HttpRequestException)
            {
                if (process.HasExited) throw new InvalidOperationException("The app exited during start-up.");
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("The app did not answer within 30 s.");
    }

    /// <summary>Linux: writing 5 to clear_refs resets the peak RSS (VmHWM), so the peak covers what follows.</summary>
    public void ResetPeakRss() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    public double PeakRssMb() =>
        File.ReadLines($"/proc/{_process.Id}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).Single();

    /// <summary>CPU seconds the app has used so far (Linux /proc).</summary>
    public double CpuSeconds() => Azurite.CpuSeconds(_process.Id);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
