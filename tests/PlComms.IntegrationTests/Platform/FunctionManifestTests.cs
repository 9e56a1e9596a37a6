using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Functions;
using PlComms.Platform.Queues;

namespace PlComms.IntegrationTests.Platform;

[Collection(AppCollection.Name)]
public sealed class FunctionManifestTests(AppFixture fixture) : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("plcomms-manifest-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public void Manifest_writes_one_function_json_folder_per_function_including_heartbeat()
    {
        FunctionManifest.Write(_output);

        var folders = Directory.GetDirectories(_output).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(FunctionCatalog.All.Select(f => f.Name).Order(), folders);
        Assert.Contains("Heartbeat", folders);
        foreach (var folder in folders)
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(_output, folder!, "function.json")))!;
            var bindings = json["bindings"]!.AsArray();
            var trigger = Assert.Single(bindings, b => b!["direction"]!.GetValue<string>() == "in")!;
            Assert.Contains(trigger["type"]!.GetValue<string>(), new[] { "httpTrigger", "timerTrigger", "queueTrigger" });
            if (trigger["type"]!.GetValue<string>() == "queueTrigger")
            {
                var function = FunctionCatalog.All.Single(f => f.Name == folder);
                Assert.Equal(function.QueueName, trigger["queueName"]!.GetValue<string>());
                Assert.Equal(QueueEndpoints.BindingName, trigger["name"]!.GetValue<string>());
                Assert.Equal(FunctionManifest.QueueConnection, trigger["connection"]!.GetValue<string>());
            }
            if (trigger["type"]!.GetValue<string>() == "httpTrigger")
            {
                Assert.Contains(trigger["authLevel"]!.GetValue<string>(), new[] { "anonymous", "function" });
                Assert.NotEmpty(trigger["methods"]!.AsArray());
                Assert.Single(bindings, b => b!["type"]!.GetValue<string>() == "http" && b["direction"]!.GetValue<string>() == "out");
            }
        }
    }

    [Fact]
    public void Every_schedule_is_six_field_ncrontab_that_parses()
    {
        var timers = FunctionCatalog.All.Where(f => f.Trigger == TriggerKind.Timer).ToList();
        Assert.NotEmpty(timers);
        foreach (var timer in timers)
        {
            Assert.Equal(6, timer.Schedule!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.NotNull(StandaloneScheduler.Parse(timer.Schedule).GetNextOccurrence(DateTime.UtcNow));
        }
    }

    [Fact]
    public void Every_http_function_route_and_method_is_served_by_the_app_and_vice_versa()
    {
        // The web app is one function the host forwards all of /app to; the app routes its pages itself.
        var fromManifest = FunctionCatalog.All.Where(f => f != FunctionCatalog.WebApp)
            .SelectMany(f => f.Methods.Select(m => $"{m} {f.AppPath}"))
            .ToHashSet();
        var endpoints = fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (Method: m, Path: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .ToList();
        // Razor components also map /_framework/opaque-redirect, used only by the framework script the pages never load.
        var fromApp = endpoints.Where(e => !e.Path.StartsWith("/app", StringComparison.Ordinal) && !e.Path.StartsWith("/_framework/", StringComparison.Ordinal))
            .Select(e => $"{e.Method} {e.Path}").ToHashSet();
        Assert.Equal(fromManifest.Order(), fromApp.Order());

        var pages = endpoints.Where(e => e.Path.StartsWith("/app", StringComparison.Ordinal)).ToList();
        Assert.Contains(pages, p => p.Path == "/app/sign-in");
        Assert.Equal("app/{*path}", FunctionCatalog.WebApp.Route);
        Assert.All(pages, p => Assert.Contains(p.Method, FunctionCatalog.WebApp.Methods));
    }

    [Fact]
    public void Every_timer_function_has_a_registered_job()
    {
        var runner = fixture.Services.GetRequiredService<TimerRunner>();
        Assert.All(FunctionCatalog.All.Where(f => f.Trigger == TriggerKind.Timer), f => Assert.NotNull(runner.Find(f.Name)));
    }

    [Fact]
    public void Repository_host_json_runs_the_custom_handler_with_proxying_and_no_route_prefix()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))!;

        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Equal("PlComms", host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.True(host["customHandler"]!["enableProxyingHttpRequest"]!.GetValue<bool>());
        Assert.Equal(FunctionDefinition.HostRoutePrefix, host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.NotNull(host["logging"]);
    }
}
