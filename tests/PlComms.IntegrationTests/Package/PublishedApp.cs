using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Auth;

namespace PlComms.IntegrationTests.Package;

/// <summary>
/// The published executable (scripts/publish, <see cref="PublishedPackageFixture"/>) run as a child process on a free
/// loopback port, with its output kept for failure messages. Either as the Functions host runs it
/// (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c>) or standalone (<c>App__LocalUrl</c>), where it polls its own queues as in
/// local runs and the crash trials. <see cref="Kill"/> is SIGKILL: no shutdown code runs.
/// </summary>
public sealed class PublishedApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PublishedApp(Process process, Uri url, string name)
    {
        _process = process;
        Url = url;
        Name = name;
        Officer = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        Officer.DefaultRequestHeaders.Add(OfficerAuthOptions.HeaderName, AppFixture.ApiKey);
        Officer.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Uri Url { get; }

    public string Name { get; }

    /// <summary>Sends the officer key and asks for JSON.</summary>
    public HttpClient Officer { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>The executable host.json names, in <paramref name="packageDirectory"/>.</summary>
    public static string ExecutablePath(string packageDirectory)
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(packageDirectory, "host.json")))!;
        return Path.Combine(packageDirectory, hostJson["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
    }

    /// <summary>What every app the harness starts gets: this storage, the tests' officer and link-signing keys, quiet logs.</summary>
    public static Dictionary<string, string> BaseSettings(string storageConnectionString) => new()
    {
        ["Storage__ConnectionString"] = storageConnectionString,
        ["Officer__ApiKeys"] = AppFixture.ApiKey,
        ["Tokens__SigningKeys"] = AppFixture.SigningKeys,
        ["Tokens__ActiveKeyId"] = "test1",
        ["Outbox__Directory"] = AppFixture.NewOutbox(),
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>
    /// Starts the package's executable with <paramref name="settings"/> as environment variables and waits until it
    /// listens. With <paramref name="customHandler"/> it gets <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> and leaves timers
    /// and queues to a host; otherwise it runs standalone, polling its queues (its scheduler only if the settings say so).
    /// </summary>
    public static async Task<PublishedApp> StartAsync(string packageDirectory, IReadOnlyDictionary<string, string> settings, bool customHandler = false, string name = "app")
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo(ExecutablePath(packageDirectory))
        {
            WorkingDirectory = packageDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Nothing of the test process's own configuration leaks in (a developer's FUNCTIONS_CUSTOMHANDLER_PORT, say).
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("FUNCTIONS_", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in settings) start.Environment[key] = value;
        if (customHandler) start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
        else start.Environment["App__LocalUrl"] = $"http://127.0.0.1:{port}";

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var app = new PublishedApp(process, new Uri($"http://127.0.0.1:{port}"), name);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return app;
            }
            catch (System.Net.Sockets.SocketException) when (!process.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            catch (System.Net.Sockets.SocketException)
            {
                await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(1)).Token).ContinueWith(_ => { });
                var said = app.Output;
                await app.DisposeAsync();
                throw new InvalidOperationException($"{name} did not listen on port {port} ({(process.HasExited ? "it exited" : "60 s passed")}). It said: {said}");
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            // Enough to explain a failure; a long trial must not keep every line.
            if (_output.Length > 512 * 1024) _output.Remove(0, 256 * 1024);
            _output.AppendLine(line);
        }
    }

    /// <summary>SIGKILL, as the OS or the platform kills an instance: no shutdown code, no flush, no last request.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    /// <summary>Fires a timer function as the Functions host does (POST /{Function}); the app answers with its logs.</summary>
    public async Task<JsonObject> FireTimerAsync(string function)
    {
        using var response = await Officer.PostAsync("/" + function, ApiAssertions.JsonContent(new JsonObject { ["Data"] = new JsonObject(), ["Metadata"] = new JsonObject() }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{Name}: {function} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        Officer.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
