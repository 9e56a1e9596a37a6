using Microsoft.Extensions.Options;
using PlComms.Delivery.SendGrid;
using PlComms.Delivery.Sending;
using PlComms.Platform;
using PlComms.Platform.Queues;

namespace PlComms.Delivery;

/// <summary>The delivery pipeline: senders, planning and sending on queues, suppressions, unsubscribe links, provider events.</summary>
public static class DeliveryFeature
{
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section)
            // People's links point at the public URL; a local run's links point at the local app.
            .PostConfigure(o => o.PublicBaseUrl ??= new Uri(config["App:PublicBaseUrl"] is { Length: > 0 } url ? url : config[PlCommsApp.LocalUrlSetting] ?? PlCommsApp.DefaultLocalUrl))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptions.Validator>();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryTimingValidator>();
        services.AddOptions<LinkTokenOptions>().BindConfiguration(LinkTokenOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LinkTokenOptions>, LinkTokenOptions.Validator>();
        services.AddSingleton(sp => new LinkTokens(sp.GetRequiredService<IOptions<LinkTokenOptions>>().Value.Parse()));
        services.AddSingleton(sp => new WebhookSignature(config["SendGrid:WebhookPublicKey"], sp.GetRequiredService<TimeProvider>()));

        services.AddEmailSenders(config);
        services.AddSingleton<SuppressionStore>();
        services.AddSingleton<SuppressionCommands>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<DeliveryEvents>();
        services.AddSingleton<SignedLinks>();
        services.AddSingleton<IQueueJob, DeliveryPlanner>();
        services.AddSingleton<IQueueJob, BatchSender>();
        return services;
    }

    public static IEndpointRouteBuilder MapDelivery(this IEndpointRouteBuilder app)
    {
        app.MapSuppressionEndpoints();
        app.MapUnsubscribeEndpoints();
        app.MapSendGridWebhook();
        return app;
    }
}
