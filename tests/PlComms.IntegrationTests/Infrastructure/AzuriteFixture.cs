using System.Diagnostics;
using System.Text;

namespace PlComms.IntegrationTests.Infrastructure;

/// <summary>
/// Starts the repo's pinned Azurite (Table service, in memory) on a free port and stops it afterwards,
/// so the tests need nothing running. A missing Azurite fails loudly; it never skips.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime, IAsyncDisposable
{
    // Azurite's well-known development account; it only ever exists inside the emulator.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder _output = new();
    private Process? _process;

    public int TablePort { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public async Task InitializeAsync()
    {
        var entry = Path.Combine(RepoPaths.Root, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(entry))
            throw new InvalidOperationException($"Azurite is not installed ({entry} is missing). Run `npm ci` in {RepoPaths.Root}, or use scripts/test, which does.");

        TablePort = FreePort.Next();
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { entry, "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(), "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await FreePort.WaitUntilListeningAsync(TablePort, TimeSpan.FromSeconds(30), () => $"Azurite said: {Output}");
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        return Task.CompletedTask;
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
