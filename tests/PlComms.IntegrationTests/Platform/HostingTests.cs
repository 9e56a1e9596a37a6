using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Functions;

namespace PlComms.IntegrationTests.Platform;

[Collection(AppCollection.Name)]
public sealed class HostingTests(AppFixture fixture)
{
    [Fact]
    public async Task With_the_custom_handler_port_set_the_app_listens_there_and_leaves_the_schedule_to_the_host()
    {
        var port = FreePort.Next();
        await using var app = AppFixture.StartApp(fixture.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(),
            ["Scheduler:Enabled"] = "true",
        });
        await app.StartAsync();

        Assert.Equal($"http://127.0.0.1:{port}", Assert.Single(app.Urls));
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s is StandaloneScheduler);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task Without_the_port_the_standalone_scheduler_is_registered()
    {
        await using var app = AppFixture.StartApp(fixture.Azurite.ConnectionString, new Dictionary<string, string?> { ["Scheduler:Enabled"] = "true" });
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is StandaloneScheduler);
    }

    [Theory]
    [InlineData("Officer:ApiKeys", "", "Officer__ApiKeys")]
    [InlineData("Officer:ApiKeys", "short", "Officer__ApiKeys")]
    [InlineData("Officer:ApiKeys", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/officer-api-keys/)", "Officer__ApiKeys")]
    [InlineData("Storage:ConnectionString", "", "Storage__")]
    public async Task A_missing_or_bad_setting_stops_start_up_with_a_message_naming_it(string setting, string value, string named)
    {
        await using var app = AppFixture.StartApp(fixture.Azurite.ConnectionString, new Dictionary<string, string?> { [setting] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task Health_is_503_when_storage_is_unreachable()
    {
        await using var app = AppFixture.StartApp(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=AAAA;TableEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;");
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var response = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"reachable\":false", body);
        await app.StopAsync();
    }
}
