using Microsoft.Extensions.Options;
using PlComms.Messages.AzureOpenAi;
using PlComms.Messages.Pages;

namespace PlComms.Messages;

/// <summary>Audience messages: composers (template, Azure OpenAI), guardrails, approval.</summary>
public static class MessagesFeature
{
    public static IServiceCollection AddMessages(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<MessageStore>();
        services.AddSingleton<MessageWorkflow>();
        services.AddOptions<MessageOptions>().BindConfiguration(MessageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessageOptions>, MessageOptions.Validator>();
        services.AddSingleton<IMessageComposer, TemplateMessageComposer>();
        services.AddAzureOpenAiComposer(config);
        return services;
    }

    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        app.MapMessageEndpoints();
        app.MapMessageEmailFrame();
        return app;
    }
}
