using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Cronos;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Functions;

namespace PlComms.IntegrationTests.Package;

/// <summary>Checks the package as the Functions host will see it, and runs it the way the host does.</summary>
[Collection(PackageCollection.Name)]
public sealed class PublishedPackageTests(PublishedPackageFixture package)
{
    private string ExecutablePath => PublishedApp.ExecutablePath(package.Directory);

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_default_executable_exists_and_is_executable()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing.");
        var mode = File.GetUnixFileMode(ExecutablePath);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"{ExecutablePath} is not executable ({mode}).");
        // Self-contained: the runtime ships in the package, so the host needs no .NET.
        Assert.True(File.Exists(Path.Combine(package.Directory, "libcoreclr.so")), "The package is not self-contained.");
    }

    [Fact]
    public void Every_function_json_has_one_valid_trigger_binding()
    {
        var functionFiles = Directory.GetFiles(package.Directory, "function.json", SearchOption.AllDirectories);
        Assert.NotEmpty(functionFiles);
        Assert.Contains(functionFiles, f => Path.GetFileName(Path.GetDirectoryName(f)) == "Heartbeat");
        foreach (var file in functionFiles)
        {
            var bindings = JsonNode.Parse(File.ReadAllText(file))!["bindings"]!.AsArray();
            var trigger = Assert.Single(bindings, b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;
            Assert.Equal("in", trigger["direction"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(trigger["name"]?.GetValue<string>()), $"{file}: trigger has no name.");
            switch (trigger["type"]!.GetValue<string>())
            {
                case "httpTrigger":
                    Assert.All(trigger["methods"]!.AsArray(), m => Assert.Contains(m!.GetValue<string>(), new[] { "get", "post", "put", "delete", "patch", "head" }));
                    var route = trigger["route"]!.GetValue<string>();
                    Assert.False(route.StartsWith('/'), $"{file}: a route is relative to the host (no route prefix).");
                    Assert.True(route.StartsWith("api/", StringComparison.Ordinal) || route.StartsWith("app", StringComparison.Ordinal), $"{file}: a route is under api/ or the web app's app.");
                    break;
                case "timerTrigger":
                    var schedule = trigger["schedule"]!.GetValue<string>();
                    Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
                    CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
                    break;
                case "queueTrigger":
                    // Lower-case letters, digits and hyphens: a valid Storage queue name, and one the app declares.
                    var queueName = trigger["queueName"]!.GetValue<string>();
                    Assert.Matches("^[a-z0-9][a-z0-9-]{2,62}$", queueName);
                    Assert.Contains(FunctionCatalog.All, f => f.QueueName == queueName);
                    Assert.False(string.IsNullOrEmpty(trigger["connection"]?.GetValue<string>()), $"{file}: a queue trigger names its connection.");
                    break;
                default:
                    Assert.Fail($"{file}: unexpected trigger {trigger["type"]}.");
                    break;
            }
        }
    }

    [Fact]
    public async Task The_published_executable_on_the_custom_handler_port_answers_forwarded_requests_timer_and_queue_invocations()
    {
        var settings = PublishedApp.BaseSettings(package.Azurite.ConnectionString);
        // Prove it runs without an installed runtime being found.
        settings["DOTNET_ROOT"] = "/nonexistent";
        await using var app = await PublishedApp.StartAsync(package.Directory, settings, customHandler: true);
        using var client = new HttpClient { BaseAddress = app.Url };

        // An HTTP request as the host forwards it: path and headers unchanged.
        var forwarded = new HttpRequestMessage(HttpMethod.Get, "/api/visions");
        forwarded.Headers.Add("X-Api-Key", AppFixture.ApiKey);
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var list = await client.SendAsync(forwarded);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/visions")).StatusCode);

        // The OpenAPI document, generated in the published (ReadyToRun) build as in the tests' build, behind the key.
        var documentRequest = new HttpRequestMessage(HttpMethod.Get, "/api/openapi/v1.json");
        documentRequest.Headers.Add("X-Api-Key", AppFixture.ApiKey);
        var document = JsonNode.Parse(await (await client.SendAsync(documentRequest)).Content.ReadAsStringAsync())!;
        Assert.Equal("Create a draft vision", document["paths"]!["/api/visions"]!["post"]!["summary"]!.GetValue<string>());
        Assert.NotNull(document["components"]!["securitySchemes"]!["officerApiKey"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/openapi/v1.json")).StatusCode);

        var timer = await client.PostAsync("/Heartbeat", new StringContent(
            """{"Data":{"timer":{"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"Heartbeat"}}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, timer.StatusCode);
        var body = JsonNode.Parse(await timer.Content.ReadAsStringAsync())!;
        Assert.Contains("Heartbeat recorded", body["Logs"]![0]!.GetValue<string>());

        // A queue invocation as the host sends it: the message text under the binding's name, the try count in metadata.
        var queued = await client.PostAsync("/PlanDelivery", new StringContent(
            """{"Data":{"message":"{\"sendId\":\"c-missing\"}"},"Metadata":{"DequeueCount":1,"Id":"m1"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        var queuedBody = JsonNode.Parse(await queued.Content.ReadAsStringAsync())!;
        Assert.Contains("c-missing", queuedBody["Logs"]![0]!.GetValue<string>());

        var health = JsonNode.Parse(await client.GetStringAsync("/api/health"))!;
        Assert.NotNull(health["lastHeartbeatAt"]);

        // The package carries Chart.js as npm installed it (embedded from node_modules when the app was built).
        Assert.Equal(await File.ReadAllBytesAsync(Platform.ChartAssetTests.NpmFile), await client.GetByteArrayAsync("/api/assets/chart.umd.min.js"));
    }
}
