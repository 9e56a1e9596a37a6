using System.Diagnostics;
using System.Text;

namespace PlComms.IntegrationTests.Infrastructure;

/// <summary>
/// Starts the repo's pinned Azurite (Table and Queue services, in memory) on free ports and stops them afterwards,
/// so the tests need nothing running. A missing Azurite fails loudly; it never skips.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime, IAsyncDisposable
{
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
            ArgumentList = { entry, hostFlag, "127.0.0.1", portFlag, port.ToString(), "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

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
