using System.Diagnostics;
using System.Text;

namespace PlComms.IntegrationTests.Infrastructure;

/// <summary>
/// Starts the repo's pinned Azurite (Table and Queue services, in memory) on free ports and stops them afterwards,
/// so the tests need nothing running. A missing Azurite fails loudly; it never skips. Given a data folder it keeps its
/// data there instead, and <see cref="RestartAsync"/> stops it and starts it again on the same ports and folder.
/// </summary>
/// <param name="location">Azurite's data folder (<c>--location</c>); null keeps everything in memory.</param>
public sealed class AzuriteFixture(string? location = null) : IAsyncLifetime, IAsyncDisposable
{
    public AzuriteFixture()
        : this(null)
    {
    }

    // Azurite's well-known development account; it only ever exists inside the emulator.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder _output = new();
    private readonly List<Process> _processes = [];

    public int TablePort { get; private set; }

    public int QueuePort { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;";

    public async Task InitializeAsync()
    {
        TablePort = FreePort.Next();
        QueuePort = FreePort.Next();
        Start("table", "--tableHost", "--tablePort", TablePort);
        Start("queue", "--queueHost", "--queuePort", QueuePort);
        await FreePort.WaitUntilListeningAsync(TablePort, TimeSpan.FromSeconds(30), () => $"Azurite said: {Output}");
        await FreePort.WaitUntilListeningAsync(QueuePort, TimeSpan.FromSeconds(30), () => $"Azurite said: {Output}");
    }

    private void Start(string service, string hostFlag, string portFlag, int port)
    {
        var entry = Path.Combine(RepoPaths.Root, "node_modules", "azurite", "dist", "src", service, "main.js");
        if (!File.Exists(entry))
            throw new InvalidOperationException($"Azurite is not installed ({entry} is missing). Run `npm ci` in {RepoPaths.Root}, or use scripts/test, which does.");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { entry, hostFlag, "127.0.0.1", portFlag, port.ToString(), "--skipApiVersionCheck", "--disableTelemetry", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (location is null) start.ArgumentList.Add("--inMemoryPersistence");
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>
    /// Stops both services and starts them again on the same ports and data folder, with <paramref name="down"/> in
    /// between. Stopped with SIGINT, Azurite's own shutdown: it stops listening and writes its database to the folder.
    /// SIGKILL would be no test of the app: Azurite saves its tables only every 5 seconds (LokiJS autosave), so it
    /// would forget writes it had acknowledged, which Azure Storage never does. Returns how long each service took to stop.
    /// </summary>
    public async Task<TimeSpan> RestartAsync(TimeSpan down)
    {
        if (location is null) throw new InvalidOperationException("An in-memory Azurite has nothing to restart from; give it a data folder.");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(_processes.Select(StopAsync));
        var stopped = watch.Elapsed;
        _processes.Clear();
        await Task.Delay(down);
        Start("table", "--tableHost", "--tablePort", TablePort);
        Start("queue", "--queueHost", "--queuePort", QueuePort);
        await FreePort.WaitUntilListeningAsync(TablePort, TimeSpan.FromSeconds(30), () => $"Azurite said: {Output}");
        await FreePort.WaitUntilListeningAsync(QueuePort, TimeSpan.FromSeconds(30), () => $"Azurite said: {Output}");
        return stopped;
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            using var signal = Process.Start(new ProcessStartInfo("kill", ["-INT", process.Id.ToString()]) { UseShellExecute = false })!;
            await signal.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Azurite (pid {process.Id}) did not stop within 30 s of SIGINT.");
        }
        process.Dispose();
    }

    public Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            process.Dispose();
        }
        _processes.Clear();
        return Task.CompletedTask;
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
