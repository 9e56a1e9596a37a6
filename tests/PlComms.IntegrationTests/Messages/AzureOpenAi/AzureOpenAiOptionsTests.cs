using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlComms.Messages;
using PlComms.Messages.AzureOpenAi;

namespace PlComms.IntegrationTests.Messages.AzureOpenAi;

/// <summary>The composer's registration and settings, checked as the app checks them when it starts.</summary>
public sealed class AzureOpenAiOptionsTests
{
    private static ServiceProvider Register(IDictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddAzureOpenAiComposer(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    private static Dictionary<string, string?> Valid() => new()
    {
        ["AzureOpenAI:Endpoint"] = "https://oai-test.openai.azure.com/",
        ["AzureOpenAI:Deployment"] = "gpt-4o-mini",
    };

    [Fact]
    public void Without_an_endpoint_no_composer_is_registered_and_nothing_is_validated()
    {
        using var services = Register(new Dictionary<string, string?> { ["AzureOpenAI:Deployment"] = "gpt-4o-mini" });

        Assert.Empty(services.GetServices<IMessageComposer>());
        Assert.Empty(services.GetServices<IValidateOptions<AzureOpenAiOptions>>());
        services.GetService<IStartupValidator>()?.Validate();
    }

    [Fact]
    public void An_endpoint_and_deployment_register_the_openai_composer_with_the_documented_defaults()
    {
        // No ApiKey: the composer authenticates with Entra ID, as the deployed app (key auth disabled) does.
        using var services = Register(Valid());

        services.GetRequiredService<IStartupValidator>().Validate();
        var composer = Assert.Single(services.GetServices<IMessageComposer>());
        Assert.IsType<AzureOpenAiComposer>(composer);
        Assert.Equal("openai", composer.Name);
        Assert.Same(composer, services.GetServices<IMessageComposer>().Single()); // One singleton.

        var options = services.GetRequiredService<IOptions<AzureOpenAiOptions>>().Value;
        Assert.Equal(30, options.TimeoutSeconds);
        Assert.Equal(2, options.MaxRetries);
        Assert.False(options.UsesApiKey);
        Assert.Equal("gpt-4o-mini", options.ModelLabel);
    }

    [Fact]
    public void Registering_twice_offers_the_composer_once()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(Valid()).Build();
        using var services = new ServiceCollection().AddLogging().AddAzureOpenAiComposer(config).AddAzureOpenAiComposer(config).BuildServiceProvider();

        Assert.Single(services.GetServices<IMessageComposer>());
    }

    [Theory]
    [InlineData("AzureOpenAI:Deployment", null, "AzureOpenAI__Deployment is not set")]
    [InlineData("AzureOpenAI:Deployment", "gpt/../../admin", "AzureOpenAI__Deployment must be")]
    [InlineData("AzureOpenAI:Endpoint", "oai-test.openai.azure.com", "AzureOpenAI__Endpoint must be an absolute https URI")]
    [InlineData("AzureOpenAI:Endpoint", "ftp://oai-test.openai.azure.com/", "AzureOpenAI__Endpoint must be an absolute https URI")]
    [InlineData("AzureOpenAI:Endpoint", "http://oai-test.openai.azure.com/", "AzureOpenAI__Endpoint must use https")]
    [InlineData("AzureOpenAI:Endpoint", "https://oai-test.openai.azure.com/?api-key=x", "AzureOpenAI__Endpoint must be the account's base URI")]
    [InlineData("AzureOpenAI:ApiKey", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/openai/)", "AzureOpenAI__ApiKey is an unresolved Key Vault reference")]
    [InlineData("AzureOpenAI:TimeoutSeconds", "0", "AzureOpenAI__TimeoutSeconds must be between 1 and 300")]
    [InlineData("AzureOpenAI:MaxRetries", "11", "AzureOpenAI__MaxRetries must be between 0 and 10")]
    public void A_bad_setting_stops_the_app_with_a_message_naming_it(string key, string? value, string expected)
    {
        var settings = Valid();
        settings[key] = value;
        using var services = Register(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000/")]
    [InlineData("https://oai-test.openai.azure.com")]
    public void Https_endpoints_and_plain_http_to_loopback_are_accepted(string endpoint)
    {
        var settings = Valid();
        settings["AzureOpenAI:Endpoint"] = endpoint;
        using var services = Register(settings);

        services.GetRequiredService<IStartupValidator>().Validate();
    }
}
