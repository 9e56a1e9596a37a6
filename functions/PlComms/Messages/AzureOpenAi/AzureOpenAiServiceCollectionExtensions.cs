using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PlComms.Messages.AzureOpenAi;

public static class AzureOpenAiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AzureOpenAiComposer"/> as an <see cref="IMessageComposer"/> when
    /// <c>AzureOpenAI__Endpoint</c> is set, with its options validated when the app starts, so a bad
    /// setting stops the app instead of failing every composition. Without the endpoint it registers
    /// nothing: the template composer needs no account.
    /// </summary>
    public static IServiceCollection AddAzureOpenAiComposer(this IServiceCollection services, IConfiguration config)
    {
        var section = config.GetSection(AzureOpenAiOptions.Section);
        if (string.IsNullOrWhiteSpace(section[nameof(AzureOpenAiOptions.Endpoint)])) return services;
        // Called twice, it must not offer the same composer twice.
        if (services.Any(d => d.ServiceType == typeof(AzureOpenAiComposer))) return services;

        services.AddOptions<AzureOpenAiOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureOpenAiOptions>, AzureOpenAiOptions.Validator>());
        services.TryAddSingleton(TimeProvider.System);
        // Shared with the other Azure clients when the app registered one first.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddSingleton<AzureOpenAiComposer>();
        services.AddSingleton<IMessageComposer>(sp => sp.GetRequiredService<AzureOpenAiComposer>());
        return services;
    }
}
