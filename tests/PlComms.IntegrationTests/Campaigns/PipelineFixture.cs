using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Delivery.Sending.SendGrid;
using PlComms.IntegrationTests.Delivery;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Auth;

namespace PlComms.IntegrationTests.Campaigns;

/// <summary>
/// One Azurite and one loopback SendGrid for the delivery-pipeline tests. Each test starts its own app instances (two
/// at once for the concurrency tests) through <see cref="StartAsync"/>, all sending through the real SendGrid client.
/// </summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();

    public FakeSendGrid SendGrid { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        SendGrid = await FakeSendGrid.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await SendGrid.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>Settings of an app that sends through the loopback SendGrid in batches of <paramref name="batchSize"/>.</summary>
    public Dictionary<string, string?> Settings(int batchSize, IDictionary<string, string?>? overrides = null)
    {
        var settings = SendGridHarness.Settings(SendGrid.Host);
        // One-click unsubscribe links must be https for SendGrid; nothing fetches them in these tests.
        settings["App:PublicBaseUrl"] = "https://plcomms.test";
        settings["Delivery:BatchSize"] = batchSize.ToString();
        settings["Delivery:PlanStepBatches"] = "2";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    public async Task<RunningApp> StartAsync(IDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        var app = AppFixture.StartApp(Azurite.ConnectionString, settings, builder =>
        {
            // Retries of 429/5xx wait milliseconds, not seconds.
            builder.Services.PostConfigure<SendGridOptions>(o => o.FirstRetryDelay = TimeSpan.FromMilliseconds(20));
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new RunningApp(app);
    }
}

/// <summary>An app instance and an officer client for it; disposing stops it as a crash would leave things.</summary>
public sealed class RunningApp(WebApplication app) : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    public IServiceProvider Services => App.Services;

    public HttpClient Officer { get; } = Client(app);

    private static HttpClient Client(WebApplication app)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Add(OfficerAuthOptions.HeaderName, AppFixture.ApiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Officer.Dispose();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await App.StopAsync(stop.Token); } catch (OperationCanceledException) { }
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "delivery pipeline on Azurite and a loopback SendGrid";
}
