using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlComms.Heartbeat;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Storage;

namespace PlComms.IntegrationTests.Platform;

[Collection(AppCollection.Name)]
public sealed class TimerFunctionTests(AppFixture fixture)
{
    private const string HostPayload = """
        {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},
         "Metadata":{"sys":{"MethodName":"Heartbeat","UtcNow":"2026-11-22T10:00:00Z","RandGuid":"0f8fad5b-d9cb-469f-a165-70867728950e"}}}
        """;

    [Fact]
    public async Task Posting_the_host_timer_payload_to_heartbeat_records_a_run_and_answers_the_invocation_shape()
    {
        var tables = fixture.Services.GetRequiredService<AppTables>();
        var before = await HeartbeatJob.LastRunAsync(tables, CancellationToken.None);

        var response = await fixture.Anonymous.PostAsync("/Heartbeat", new StringContent(HostPayload, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(new[] { "Outputs", "Logs", "ReturnValue" }, body.Select(p => p.Key));
        Assert.Empty(body["Outputs"]!.AsObject());
        Assert.Null(body["ReturnValue"]);
        Assert.Contains("Heartbeat recorded", body["Logs"]![0]!.GetValue<string>());
        var after = await HeartbeatJob.LastRunAsync(tables, CancellationToken.None);
        Assert.NotNull(after);
        Assert.True(before is null || after > before, $"Expected a newer run than {before}, got {after}.");
    }

    [Fact]
    public async Task A_malformed_invocation_payload_is_a_400_problem()
    {
        var response = await fixture.Anonymous.PostAsync("/Heartbeat", new StringContent("not json", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_failing_run_answers_500_with_its_log_so_the_host_marks_it_failed()
    {
        // Storage on a port where nothing listens makes the heartbeat's write fail.
        await using var app = AppFixture.StartApp($"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=AAAA;TableEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;");
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var response = await client.PostAsync("/Heartbeat", new StringContent(HostPayload, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("Heartbeat failed", body["Logs"]![0]!.GetValue<string>());
        await app.StopAsync();
    }

    [Fact]
    public async Task The_standalone_scheduler_runs_heartbeat_when_its_schedule_comes_due()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 1, 0, TimeSpan.Zero));
        // A separate Azurite keeps this heartbeat row apart from the shared app's.
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        await using var app = AppFixture.StartApp(azurite.ConnectionString,
            new Dictionary<string, string?> { ["Scheduler:Enabled"] = "true" },
            builder => builder.Services.AddSingleton<TimeProvider>(clock));
        await app.StartAsync();
        var tables = app.Services.GetRequiredService<AppTables>();
        Assert.Null(await HeartbeatJob.LastRunAsync(tables, CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(4)); // 10:05, the next "0 */5 * * * *" occurrence

        DateTimeOffset? lastRun = null;
        for (var i = 0; i < 100 && lastRun is null; i++)
        {
            await Task.Delay(50);
            lastRun = await HeartbeatJob.LastRunAsync(tables, CancellationToken.None);
        }
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 5, 0, TimeSpan.Zero), lastRun);
        await app.StopAsync();
    }
}
