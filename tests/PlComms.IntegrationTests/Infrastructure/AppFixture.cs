using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Platform;
using PlComms.Platform.Auth;

namespace PlComms.IntegrationTests.Infrastructure;

/// <summary>The real app on Kestrel (loopback, free port) against the fixture's Azurite.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string ApiKey = "test-officer-key-0123456789abcdef";

    /// <summary>A link-signing key made for the tests (37 bytes); production keys come from Key Vault.</summary>
    public const string SigningKeys = "test1:dGVzdC1vbmx5LWxpbmstc2lnbmluZy1rZXktMDEyMzQ1Njc4OQ==";

    /// <summary>Each app writes its outbox here unless a test names another folder.</summary>
    public static string NewOutbox() => Path.Combine(Path.GetTempPath(), "plcomms-outbox-" + Guid.NewGuid().ToString("N")[..12]);

    public AzuriteFixture Azurite { get; } = new();

    public WebApplication App { get; private set; } = null!;

    public HttpClient Officer { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public IServiceProvider Services => App.Services;

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        App = StartApp(Azurite.ConnectionString);
        await App.StartAsync();
        var address = new Uri(App.Urls.First());
        Officer = new HttpClient { BaseAddress = address };
        Officer.DefaultRequestHeaders.Add(OfficerAuthOptions.HeaderName, ApiKey);
        Anonymous = new HttpClient { BaseAddress = address };
    }

    /// <summary>Builds (not starts) an app with test settings; <paramref name="overrides"/> win over them.</summary>
    public static WebApplication StartApp(string connectionString, IDictionary<string, string?>? overrides = null, Action<WebApplicationBuilder>? configure = null) =>
        PlCommsApp.Build([], builder =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = connectionString,
                ["Officer:ApiKeys"] = ApiKey,
                ["App:LocalUrl"] = "http://127.0.0.1:0",
                ["Scheduler:Enabled"] = "false",
                ["Tokens:SigningKeys"] = SigningKeys,
                ["Tokens:ActiveKeyId"] = "test1",
                ["App:PublicBaseUrl"] = "http://127.0.0.1",
                ["Outbox:Directory"] = NewOutbox(),
                ["Queues:MaxPollingIntervalMs"] = "200",
                ["Queues:RetryDelay"] = "00:00:01",
                ["Logging:LogLevel:Default"] = "Warning",
            };
            foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
            builder.Configuration.AddInMemoryCollection(settings);
            configure?.Invoke(builder);
        });

    public async Task DisposeAsync()
    {
        Officer?.Dispose();
        Anonymous?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app on Azurite";
}
