using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Auth;

namespace PlComms.IntegrationTests.Platform;

/// <summary>
/// Instances share one key ring in table storage: what one protects (a session cookie, a form's antiforgery token),
/// another unprotects, and so does an instance started after the first has stopped.
/// </summary>
public sealed class DataProtectionKeysTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    [Fact]
    public async Task What_one_instance_protects_another_and_a_later_one_unprotect_and_the_ring_is_one_key_in_the_table()
    {
        const string purpose = "Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1";
        string protectedByFirst;
        await using (var first = AppFixture.StartApp(_azurite.ConnectionString))
        await using (var second = AppFixture.StartApp(_azurite.ConnectionString))
        {
            protectedByFirst = Protector(first.Services, purpose).Protect("a form token");
            Assert.Equal("a form token", Protector(second.Services, purpose).Unprotect(protectedByFirst));
            // Both directions: the second instance found the first one's key rather than making its own.
            Assert.Equal("a cookie", Protector(first.Services, purpose).Unprotect(Protector(second.Services, purpose).Protect("a cookie")));
        }

        await using (var later = AppFixture.StartApp(_azurite.ConnectionString))
            Assert.Equal("a form token", Protector(later.Services, purpose).Unprotect(protectedByFirst));

        var rows = new TableClient(_azurite.ConnectionString, TableXmlRepository.TableName).Query<TableEntity>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal("keys", row.PartitionKey);
        Assert.StartsWith("key-", row.RowKey);
        Assert.StartsWith("<key id=", row.GetString("Xml"));
    }

    [Fact]
    public async Task An_instance_that_meets_a_key_added_since_it_read_the_ring_reads_the_ring_again()
    {
        await using var first = AppFixture.StartApp(_azurite.ConnectionString);
        Protector(first.Services, "p").Protect("loads the ring and makes its first key");

        // A key made elsewhere (as by an instance that created the first key at the same moment), then stored here.
        await using var elsewhere = new AzuriteFixture();
        await elsewhere.InitializeAsync();
        string token;
        await using (var other = AppFixture.StartApp(elsewhere.ConnectionString))
            token = Protector(other.Services, "p").Protect("under a key the first has not seen");
        var shared = new TableClient(_azurite.ConnectionString, TableXmlRepository.TableName);
        foreach (var row in new TableClient(elsewhere.ConnectionString, TableXmlRepository.TableName).Query<TableEntity>()) await shared.AddEntityAsync(row);

        Assert.Equal("under a key the first has not seen", Protector(first.Services, "p").Unprotect(token));
        Assert.Equal(2, shared.Query<TableEntity>().Count());
    }

    [Fact]
    public async Task The_ring_is_not_read_at_start_so_an_app_whose_storage_is_down_starts_and_answers_the_api()
    {
        const string unreachable = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=AAAA;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;";
        await using var app = AppFixture.StartApp(unreachable);
        Assert.DoesNotContain(app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s.GetType().FullName == DataProtectionKeys.WarmUpServiceName);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await app.StartAsync();
        // The SDK's retries against a closed port take several seconds; a start that waited for them would show it.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(3), $"Start took {started.Elapsed}.");
        using var officer = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        officer.DefaultRequestHeaders.Add(PlComms.Platform.Auth.OfficerAuthOptions.HeaderName, AppFixture.ApiKey);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await officer.GetAsync("/api/vision-catalog")).StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_ring_that_could_not_be_read_while_storage_was_down_is_read_once_it_is_back()
    {
        var outage = new KeyRingOutage { Down = true };
        await using var app = AppFixture.StartApp(_azurite.ConnectionString, configure: b => b.Services.AddSingleton(new PlComms.Platform.Storage.StoragePolicies(outage)));
        Assert.ThrowsAny<Exception>(() => Protector(app.Services, "p").Protect("while down"));
        outage.Down = false;
        var token = Protector(app.Services, "p").Protect("once back");
        Assert.Equal("once back", Protector(app.Services, "p").Unprotect(token));
    }

    /// <summary>Storage refusing the key ring's (synchronous) calls while down.</summary>
    private sealed class KeyRingOutage : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        public volatile bool Down;

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            if (Down) throw new Azure.RequestFailedException(503, "Storage is down (test).");
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline) =>
            ProcessNextAsync(message, pipeline);
    }

    [Fact]
    public async Task A_separate_district_s_storage_has_its_own_ring()
    {
        await using var other = new AzuriteFixture();
        await other.InitializeAsync();
        await using var here = AppFixture.StartApp(_azurite.ConnectionString);
        await using var there = AppFixture.StartApp(other.ConnectionString);
        var token = Protector(here.Services, "p").Protect("x");
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Protector(there.Services, "p").Unprotect(token));
    }

    private static IDataProtector Protector(IServiceProvider services, string purpose) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose);
}
