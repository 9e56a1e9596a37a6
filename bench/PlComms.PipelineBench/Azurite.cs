using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PlComms.PipelineBench;

/// <summary>The repo's pinned Azurite (tables and queues, in memory) on free ports, for one measurement.</summary>
public sealed class Azurite : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly List<Process> _processes = [];

    private Azurite(int tablePort, int queuePort)
    {
        TablePort = tablePort;
        QueuePort = queuePort;
    }

    public int TablePort { get; }

    public int QueuePort { get; }

    /// <summary>True once either service has exited (a crash, or something else on the machine stopped it).</summary>
    public bool HasExited => _processes.Any(p => p.HasExited);

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;";

    public static async Task<Azurite> StartAsync()
    {
        var azurite = new Azurite(FreePort(), FreePort());
        azurite.Start("table", "--tableHost", "--tablePort", azurite.TablePort);
        azurite.Start("queue", "--queueHost", "--queuePort", azurite.QueuePort);
        await WaitAsync(azurite.TablePort);
        await WaitAsync(azurite.QueuePort);
        return azurite;
    }

    private void Start(string service, string hostFlag, string portFlag, int port)
    {
        var entry = Path.Combine(RepoRoot, "node_modules", "azurite", "dist", "src", service, "main.js");
        if (!File.Exists(entry)) throw new InvalidOperationException($"Azurite is not installed ({entry}); run `npm ci` in {RepoRoot}.");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { entry, hostFlag, "127.0.0.1", portFlag, port.ToString(), "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _processes.Add(Process.Start(start) ?? throw new InvalidOperationException("node did not start."));
    }

    /// <summary>CPU seconds the table service has used so far (Linux /proc, clock ticks of 1/100 s): Azurite is one
    /// Node.js thread, so this shows how much of a run it spent busy.</summary>
    public double TableCpuSeconds() => CpuSeconds(_processes[0].Id);

    /// <summary>CPU seconds the queue service has used so far (the app's queue poller keeps it a little busy).</summary>
    public double QueueCpuSeconds() => CpuSeconds(_processes[1].Id);

    /// <summary>User + system CPU seconds of a process so far, from /proc/{pid}/stat (utime and stime, in 1/100 s).</summary>
    public static double CpuSeconds(int processId)
    {
        var fields = File.ReadAllText($"/proc/{processId}/stat").Split(") ")[1].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }

    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "PlComms.sln"))) return dir.FullName;
            throw new InvalidOperationException("Run the bench from inside the repository.");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitAsync(int port)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"Azurite did not listen on {port} within 30 s.");
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }
}
