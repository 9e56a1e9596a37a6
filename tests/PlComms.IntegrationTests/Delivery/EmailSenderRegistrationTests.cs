using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlComms.Delivery.Sending;
using PlComms.Delivery.Sending.Outbox;
using PlComms.Delivery.Sending.SendGrid;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>Choosing and configuring the sender, checked as the app checks it when it starts.</summary>
public sealed class EmailSenderRegistrationTests
{
    private static ServiceProvider Register(IDictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddEmailSenders(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    private static Dictionary<string, string?> SendGrid() => SendGridHarness.Settings(new Uri(SendGridOptions.DefaultHost));

    [Fact]
    public void Without_settings_the_outbox_sends_into_local_outbox_and_needs_nothing_else()
    {
        using var services = Register(new Dictionary<string, string?>());

        services.GetRequiredService<IStartupValidator>().Validate();
        var sender = Assert.IsType<OutboxEmailSender>(Assert.Single(services.GetServices<IEmailSender>()));
        Assert.Equal("outbox", sender.Name);
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, ".local", "outbox"), sender.Directory);
    }

    [Fact]
    public void Sendgrid_with_a_key_and_a_sender_address_registers_SendGrid_with_the_documented_defaults()
    {
        using var services = Register(SendGrid());

        services.GetRequiredService<IStartupValidator>().Validate();
        var sender = Assert.Single(services.GetServices<IEmailSender>());
        Assert.IsType<SendGridEmailSender>(sender);
        Assert.Equal(("sendgrid", 1000), (sender.Name, sender.MaxRecipientsPerBatch));

        var options = services.GetRequiredService<IOptions<SendGridOptions>>().Value;
        Assert.Equal((4, 60, 30, 180), (options.MaxRetries, options.MaxRetryDelaySeconds, options.TimeoutSeconds, options.BudgetSeconds));
        Assert.Equal((false, false, false), (options.SandboxMode, options.ClickTracking, options.OpenTracking));
    }

    [Fact]
    public void Registering_twice_registers_one_sender()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(SendGrid()).Build();
        using var services = new ServiceCollection().AddLogging().AddEmailSenders(config).AddEmailSenders(config).BuildServiceProvider();

        Assert.Single(services.GetServices<IEmailSender>());
    }

    [Theory]
    [InlineData("SendGrid:ApiKey", null, "SendGrid__ApiKey is not set")]
    [InlineData("SendGrid:ApiKey", "  ", "SendGrid__ApiKey is not set")]
    [InlineData("SendGrid:ApiKey", "@Microsoft.KeyVault(SecretUri=https://kv-plcomms.vault.azure.net/secrets/SendGrid-ApiKey/)", "SendGrid__ApiKey is an unresolved Key Vault reference")]
    [InlineData("SendGrid:ApiKey", "SG.abc def", "SendGrid__ApiKey must not contain spaces")]
    [InlineData("SendGrid:FromEmail", null, "SendGrid__FromEmail is not set")]
    [InlineData("SendGrid:FromEmail", "Surveys <surveys@district.example.org>", "SendGrid__FromEmail must be a plain email address")]
    [InlineData("SendGrid:FromName", "Line one\nBcc: everyone", "SendGrid__FromName must be at most 100 characters, without line breaks")]
    [InlineData("SendGrid:Host", "http://api.sendgrid.com", "SendGrid__Host must use https")]
    [InlineData("SendGrid:Host", "http://10.0.0.5:8080", "SendGrid__Host must use https")]
    [InlineData("SendGrid:Host", "api.sendgrid.com", "SendGrid__Host must be an absolute https URI")]
    [InlineData("SendGrid:Host", "https://user:pw@api.sendgrid.com", "SendGrid__Host must be the API's base URI")]
    [InlineData("SendGrid:MaxRetries", "11", "SendGrid__MaxRetries must be between 0 and 10")]
    [InlineData("SendGrid:MaxRetryDelaySeconds", "0", "SendGrid__MaxRetryDelaySeconds must be between 1 and 600")]
    [InlineData("SendGrid:TimeoutSeconds", "301", "SendGrid__TimeoutSeconds must be between 1 and 300")]
    [InlineData("SendGrid:BudgetSeconds", "10", "SendGrid__BudgetSeconds must be at least SendGrid__TimeoutSeconds")]
    [InlineData("Delivery:Sender", "smtp", "Delivery__Sender must be 'outbox' or 'sendgrid'")]
    public void A_bad_setting_stops_the_app_with_a_message_naming_it(string key, string? value, string expected)
    {
        var settings = SendGrid();
        settings[key] = value;
        using var services = Register(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:5000/")]
    [InlineData("https://api.eu.sendgrid.com")]
    public void Https_hosts_and_plain_http_to_loopback_are_accepted(string host)
    {
        var settings = SendGrid();
        settings["SendGrid:Host"] = host;
        using var services = Register(settings);

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void The_outbox_ignores_SendGrid_settings_so_a_local_run_never_trips_over_them()
    {
        var settings = SendGrid();
        settings["Delivery:Sender"] = "outbox";
        settings["SendGrid:ApiKey"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/SendGrid-ApiKey/)";
        using var services = Register(settings);

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<OutboxEmailSender>(services.GetRequiredService<IEmailSender>());
    }

    [Theory]
    [InlineData("Outbox:FromEmail", "not an address", "Outbox__FromEmail must be a plain email address")]
    [InlineData("Outbox:Directory", " ", "Outbox__Directory must be a folder path")]
    public void A_bad_outbox_setting_stops_the_app_with_a_message_naming_it(string key, string value, string expected)
    {
        using var services = Register(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_app_registers_the_sender_its_settings_name()
    {
        // Built, not started: nothing here touches storage.
        await using var local = AppFixture.StartApp("UseDevelopmentStorage=true");
        await using var production = AppFixture.StartApp("UseDevelopmentStorage=true", SendGrid());

        Assert.IsType<OutboxEmailSender>(local.Services.GetRequiredService<IEmailSender>());
        Assert.IsType<SendGridEmailSender>(production.Services.GetRequiredService<IEmailSender>());
    }
}
