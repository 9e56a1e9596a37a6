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

    [Theory]
    [InlineData("Delivery:SendLeaseSeconds", "60", "SendGrid__BudgetSeconds (180) must be at most four fifths of Delivery__SendLeaseSeconds (60)")]
    [InlineData("Queues:VisibilityTimeout", "00:01:00", "Queues__VisibilityTimeout (00:01:00) must be at least Delivery__SendLeaseSeconds")]
    [InlineData("Delivery:SendLeaseSeconds", "2", "Delivery__SendLeaseSeconds must be between 5 and 900")]
    [InlineData("Delivery:InDoubtWaitSeconds", "-1", "Delivery__InDoubtWaitSeconds must be between 0 and 86,400")]
    public async Task Delivery_timings_that_do_not_fit_together_stop_start_up_naming_them(string setting, string value, string named)
    {
        await using var app = AppFixture.StartApp(fixture.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Delivery:Sender"] = "sendgrid",
            ["SendGrid:ApiKey"] = "SG.test-key.0123456789abcdefghij",
            ["SendGrid:FromEmail"] = "surveys@district.example.org",
            ["App:PublicBaseUrl"] = "https://plcomms.test",
            [setting] = value,
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task An_officer_request_while_storage_is_unreachable_is_a_503_problem_that_says_when_to_retry()
    {
        await using var app = AppFixture.StartApp(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=AAAA;TableEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;");
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AppFixture.ApiKey);

        var response = await client.GetAsync("/api/visions");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(PlComms.Platform.Http.StorageExceptionHandler.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        await app.StopAsync();
    }
}
