using System.Diagnostics;
using System.Net;
using PlComms.Benchmarks;

namespace PlComms.PipelineBench;

/// <summary>
/// Cold start (issue 12): the published app (<c>scripts/publish</c>: self-contained linux-x64, ReadyToRun) started as the
/// Functions host starts a custom handler (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set), timed from process start to its first
/// 200, against a bare minimal-API app (<c>bench/BareApp</c>) published with the same flags, started and timed the same
/// way. They run in pairs, alternating which goes first, after one untimed pair; the ratio is taken pair by pair and
/// its median reported (pairing keeps it meaningful while the shared machine's speed drifts). Target: ≤ 1.5×.
/// <para>
/// The request is <c>GET /api/vision-catalog</c> with the officer key: a real route through the app's authentication and
/// JSON writing that needs no storage, so storage points at a closed port and Azurite is not involved. The bare app
/// answers the same path with a small JSON object.
/// </para>
/// </summary>
public static class ColdStartBench
{
    private const double Target = 1.5;

    public static async Task<bool> RunAsync(int pairs, string? appDirectory, string? bareDirectory)
    {
        var app = Path.Combine(appDirectory ?? Path.Combine(Azurite.RepoRoot, "artifacts", "publish"), "PlComms");
        var bare = Path.Combine(bareDirectory ?? Path.Combine(Azurite.RepoRoot, "artifacts", "bare"), "BareApp");
        if (!File.Exists(app)) throw new InvalidOperationException($"{app} is missing: run scripts/publish (bench/run does).");
        if (!File.Exists(bare)) throw new InvalidOperationException($"{bare} is missing: publish bench/BareApp as scripts/publish publishes the app (bench/run does).");

        await StartAsync(app);
        await StartAsync(bare);
        var appRuns = new List<Run>();
        var bareRuns = new List<Run>();
        for (var i = 0; i < pairs; i++)
        {
            if (i % 2 == 0)
            {
                appRuns.Add(await StartAsync(app));
                bareRuns.Add(await StartAsync(bare));
            }
            else
            {
                bareRuns.Add(await StartAsync(bare));
                appRuns.Add(await StartAsync(app));
            }
        }
        var ratios = appRuns.Zip(bareRuns, (a, b) => a.Ms / b.Ms).ToList();
        var (appMs, bareMs, ratio) = (Median(appRuns.Select(r => r.Ms)), Median(bareRuns.Select(r => r.Ms)), Median(ratios));
        Print($"coldstart: app   {string.Join(" ", appRuns.Select(r => $"{r.Ms:0}"))} ms; listening median {Median(appRuns.Select(r => r.ListeningMs)):0} ms; CPU to first 200 median {Median(appRuns.Select(r => r.CpuMs)):0} ms; RSS at first 200 median {Median(appRuns.Select(r => r.RssMb)):0} MB");
        Print($"coldstart: bare  {string.Join(" ", bareRuns.Select(r => $"{r.Ms:0}"))} ms; listening median {Median(bareRuns.Select(r => r.ListeningMs)):0} ms; CPU to first 200 median {Median(bareRuns.Select(r => r.CpuMs)):0} ms; RSS at first 200 median {Median(bareRuns.Select(r => r.RssMb)):0} MB");
        Print($"coldstart: pair ratios {string.Join(" ", ratios.Select(r => $"{r:0.00}"))}; min {appRuns.Min(r => r.Ms):0} / {bareRuns.Min(r => r.Ms):0} ms; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        return BenchReport.Line("cold start",
            BenchReport.F($"published app {appMs:0} ms to the first 200 (median of {pairs})"),
            BenchReport.F($"bare minimal-API app {bareMs:0} ms"),
            BenchReport.F($"{ratio:0.00}x (median of pair ratios; medians {appMs / bareMs:0.00}x)"), BenchReport.F($"<= {Target:0.0}x"),
            BenchReport.Missed((ratio <= Target, BenchReport.F($"ratio {ratio:0.00}"))));
    }

    /// <summary>One start: wall time from Process.Start to the port accepting connections and to the first 200, and the CPU and RSS the process had used by then.</summary>
    private sealed record Run(double ListeningMs, double Ms, double CpuMs, double RssMb);

    private static async Task<Run> StartAsync(string executable)
    {
        var port = Azurite.FreePort();
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(executable)! };
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
        start.Environment["Officer__ApiKeys"] = AppProcess.OfficerKey;
        // Storage at a closed port: starting must not need it, and this route does not read it.
        start.Environment["Storage__ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=AAAA;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;";
        start.Environment["Tokens__SigningKeys"] = AppProcess.NewSigningKeys();
        start.Environment["Tokens__ActiveKeyId"] = AppProcess.SigningKeyId;
        start.Environment["Queues__PollingEnabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1), PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(10) };
        var url = new Uri($"http://127.0.0.1:{port}/api/vision-catalog");
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) output.Enqueue(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) output.Enqueue(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // First the port (Kestrel listening: the host's start-up is done), then the request (the first request's own work).
            while (true)
            {
                if (sw.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{executable} did not listen within 30 s.");
                if (process.HasExited) throw Exited(process, executable, "listening", output);
                try
                {
                    using var probe = new System.Net.Sockets.TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (System.Net.Sockets.SocketException)
                {
                    await Task.Delay(2);
                }
            }
            var listeningMs = sw.Elapsed.TotalMilliseconds;
            while (true)
            {
                if (sw.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{executable} gave no 200 within 30 s.");
                if (process.HasExited) throw Exited(process, executable, "answering", output);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.Add("X-Api-Key", AppProcess.OfficerKey);
                    using var response = await http.SendAsync(request);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var ms = sw.Elapsed.TotalMilliseconds;
                        var cpuMs = Azurite.CpuSeconds(process.Id) * 1000;
                        var rssMb = File.ReadLines($"/proc/{process.Id}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
                            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).Single();
                        return new Run(listeningMs, ms, cpuMs, rssMb);
                    }
                    throw new InvalidOperationException($"{executable} answered {(int)response.StatusCode} to {url.AbsolutePath}.");
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                    await Task.Delay(5);
                }
            }
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static InvalidOperationException Exited(Process process, string executable, string before, IEnumerable<string> output)
    {
        process.WaitForExit(); // the output it wrote arrives before this returns
        return new InvalidOperationException($"{executable} exited ({process.ExitCode}) before {before}:{Environment.NewLine}{string.Join(Environment.NewLine, output.TakeLast(30))}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void Print(FormattableString line) => Console.WriteLine(BenchReport.F(line));
}
