using Azure.Core;
using Azure.Identity;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlComms.Delivery.Sending;
using PlComms.Demo;
using PlComms.Health;
using PlComms.Heartbeat;
using PlComms.Messages;
using PlComms.Messages.AzureOpenAi;
using PlComms.Platform.Auth;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;
using PlComms.Platform.Storage;
using PlComms.Visions;

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
        services.AddProblemDetails();
        services.AddExceptionHandler<StorageExceptionHandler>();
        services.Configure<JsonOptions>(o => Json.Configure(o.SerializerOptions));

        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptions.Validator>();
        services.AddOptions<OfficerAuthOptions>().BindConfiguration(OfficerAuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OfficerAuthOptions>, OfficerAuthOptions.Validator>();

        services.AddSingleton<AppTables>();
        services.AddSingleton<VisionStore>();
        services.AddSingleton<MessageStore>();
        services.AddOptions<MessageOptions>().BindConfiguration(MessageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessageOptions>, MessageOptions.Validator>();
        services.AddSingleton<IMessageComposer, TemplateMessageComposer>();
        services.AddAzureOpenAiComposer(config);
        services.AddEmailSenders(config);

        services.AddSingleton<ITimerJob, HeartbeatJob>();
        services.AddSingleton<TimerRunner>();
        if (!hosted && config.GetValue("Scheduler:Enabled", true)) services.AddHostedService<StandaloneScheduler>();
        if (config.GetValue("Demo:Load", false)) services.AddHostedService<DemoLoader>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseMiddleware<OfficerAuthMiddleware>();

        app.MapHealthEndpoints();
        app.MapVisionEndpoints();
        app.MapMessageEndpoints();
        app.MapTimerFunctions();
        return app;
    }
}
