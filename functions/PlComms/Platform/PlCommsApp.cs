using Azure.Core;
using Azure.Identity;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlComms.ApiDocs;
using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.Demo;
using PlComms.Health;
using PlComms.Heartbeat;
using PlComms.Messages;
using PlComms.Platform.Auth;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;
using PlComms.Platform.Pages;
using PlComms.Platform.Queues;
using PlComms.Platform.Storage;
using PlComms.Results;
using PlComms.Surveys;
using PlComms.Visions;
using PlComms.WebApp;

namespace PlComms.Platform;

/// <summary>Builds the web app. Program.cs and the integration tests both start it through here.</summary>
public static class PlCommsApp
{
    /// <summary>Set by the Functions host; when present the host owns the schedule.</summary>
    public const string CustomHandlerPortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string LocalUrlSetting = "App:LocalUrl";
    public const string DefaultLocalUrl = "http://127.0.0.1:7071";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        configure?.Invoke(builder);
        var config = builder.Configuration;

        var hostPort = config[CustomHandlerPortSetting];
        var hosted = !string.IsNullOrWhiteSpace(hostPort);
        // The host talks to the handler over loopback; nothing else should reach it directly.
        builder.WebHost.UseUrls(hosted ? $"http://127.0.0.1:{hostPort}" : config[LocalUrlSetting] ?? DefaultLocalUrl);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = JsonBody.MaxBytes);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        // One credential for every Azure client: it caches tokens and probes the identity chain once.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        // Routing answers a wrong content type itself (the endpoints declare what they accept, for the OpenAPI
        // document); give that 415 a plain explanation naming what the endpoint takes (JSON, or the import's files).
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (c.ProblemDetails.Status != StatusCodes.Status415UnsupportedMediaType || c.ProblemDetails.Detail is not null) return;
            // Routing has put its own 415 endpoint in place of the one refused; the one refused is found by its path
            // (only the import, whose route has no parameters, takes anything but JSON).
            var path = c.HttpContext.Request.Path.Value;
            var accepted = c.HttpContext.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(e => "/" + e.RoutePattern.RawText?.TrimStart('/') == path)
                .Select(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes)
                .FirstOrDefault(t => t is { Count: > 0 }) ?? [];
            c.ProblemDetails.Detail = accepted.Count == 0 || accepted.Contains("application/json")
                ? "Send the body as JSON with the header Content-Type: application/json."
                : $"Send the body with the header Content-Type: {string.Join(", ", accepted.SkipLast(1))}{(accepted.Count > 1 ? " or " : "")}{accepted[^1]}.";
        });
        services.AddExceptionHandler<StorageExceptionHandler>();
        services.Configure<JsonOptions>(o => Json.Configure(o.SerializerOptions));

        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptions.Validator>();
        services.AddOptions<OfficerAuthOptions>().BindConfiguration(OfficerAuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OfficerAuthOptions>, OfficerAuthOptions.Validator>();

        services.AddSingleton<AppTables>();
        services.AddSingleton<AppQueues>();
        services.AddSingleton<TimerRunner>();
        services.AddSingleton<QueueRunner>();
        services.AddOptions<QueuePollerOptions>().BindConfiguration(QueuePollerOptions.Section);
        // Without the Functions host the app fires its own timers and polls its own queues, through the same runners.
        if (!hosted && config.GetValue("Scheduler:Enabled", true)) services.AddHostedService<StandaloneScheduler>();
        if (!hosted && config.GetValue($"{QueuePollerOptions.Section}:PollingEnabled", true)) services.AddHostedService<StandaloneQueuePoller>();

        services.AddSingleton<ITimerJob, HeartbeatJob>();
        services.AddVisions();
        services.AddMessages(config);
        services.AddContacts();
        services.AddDelivery(config);
        services.AddCampaigns();
        services.AddSurveys();
        services.AddResults();
        services.AddWebApp(config);
        services.AddApiDocs();
        if (config.GetValue("Demo:Load", false)) services.AddHostedService<DemoLoader>();
        // Last: antiforgery, cookies and Razor components each add data protection's defaults, start-up warm-up included.
        services.AddSharedDataProtection();

        var app = builder.Build();
        // The web app's pages get pages when something goes wrong; everything else, RFC 7807 problems.
        app.UseWebAppPages();
        app.UseWhen(c => !c.Request.Path.StartsWithSegments(WebAppFeature.Prefix), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<OfficerAuthMiddleware>();
        app.UseAntiforgery();
        app.UseFormTokenRequired();

        app.MapHealthEndpoints();
        app.MapVisions();
        app.MapMessages();
        app.MapContacts();
        app.MapDelivery();
        app.MapCampaigns();
        app.MapSurveys();
        app.MapResults();
        app.MapPageAssets();
        app.MapWebApp();
        app.MapApiDocs();
        app.MapTimerFunctions();
        app.MapQueueFunctions();
        return app;
    }
}
