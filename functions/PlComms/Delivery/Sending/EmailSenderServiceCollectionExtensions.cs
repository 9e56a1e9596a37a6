using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlComms.Delivery.Sending.Outbox;
using PlComms.Delivery.Sending.SendGrid;

namespace PlComms.Delivery.Sending;

public static class EmailSenderServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="IEmailSender"/> that <c>Delivery__Sender</c> names: the outbox (default) or SendGrid,
    /// with its options validated when the app starts, so a missing key or address stops the app instead of failing
    /// every send. Only the chosen sender's settings are checked: a local run needs no SendGrid settings.
    /// </summary>
    public static IServiceCollection AddEmailSenders(this IServiceCollection services, IConfiguration config)
    {
        // Called twice, it must not register a second sender.
        if (services.Any(d => d.ServiceType == typeof(IEmailSender))) return services;

        services.AddOptions<EmailSenderOptions>().Bind(config.GetSection(EmailSenderOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailSenderOptions>, EmailSenderOptions.Validator>());
        services.TryAddSingleton(TimeProvider.System);

        switch (EmailSenderOptions.Chosen(config))
        {
            case SendGridEmailSender.SenderName:
                AddSendGrid(services, config);
                break;
            case OutboxEmailSender.SenderName:
                AddOutbox(services, config);
                break;
            // Anything else: the validator above stops the app at start-up, naming Delivery__Sender.
        }
        return services;
    }

    private static void AddOutbox(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<OutboxOptions>().Bind(config.GetSection(OutboxOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxOptions>, OutboxOptions.Validator>());
        services.AddSingleton<IEmailSender, OutboxEmailSender>();
    }

    private static void AddSendGrid(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SendGridOptions>().Bind(config.GetSection(SendGridOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SendGridOptions>, SendGridOptions.Validator>());

        services.AddHttpClient(SendGridEmailSender.HttpClientName)
            // The pipeline owns every timeout; HttpClient's own 100 s would cut across the retry budget.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A connect that fails is safe to retry (nothing was sent); one that hangs would only end in the try's timeout, which is not.
                ConnectTimeout = TimeSpan.FromSeconds(10),
                // Picks up DNS changes of api.sendgrid.com on long-running instances.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddResilienceHandler(SendGridResilience.PipelineName, (pipeline, context) => SendGridResilience.Configure(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptions<SendGridOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>()));

        services.AddSingleton<IEmailSender, SendGridEmailSender>();
    }
}
