using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlComms.Delivery.Sending;
using PlComms.Delivery.Sending.SendGrid;
using PlComms.IntegrationTests.Messages.AzureOpenAi;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>
/// The SendGrid sender as the app gets it (registered by <see cref="EmailSenderServiceCollectionExtensions.AddEmailSenders"/>
/// from settings, start-up validation run), with the real <c>SendGridClient</c> and resilience pipeline pointed at a
/// <see cref="FakeSendGrid"/>. The first backoff wait is shortened so retry tests run in milliseconds; waits SendGrid
/// asks for are not.
/// </summary>
public sealed class SendGridHarness : IAsyncDisposable
{
    public const string ApiKey = "SG.test-key.0123456789abcdefghij";
    public const string FromEmail = "encuestas@district.example.org";
    public const string FromName = "Distrito Escolar Unificado";

    private readonly ServiceProvider _services;

    private SendGridHarness(FakeSendGrid fake, ServiceProvider services, CapturingLoggerProvider log)
    {
        Fake = fake;
        Log = log;
        _services = services;
        Sender = services.GetRequiredService<IEmailSender>();
    }

    public FakeSendGrid Fake { get; }

    public IEmailSender Sender { get; }

    /// <summary>Everything logged, the resilience pipeline's retry events included.</summary>
    public CapturingLoggerProvider Log { get; }

    /// <summary>How many times the pipeline decided to try again (Polly reports each as an OnRetry event).</summary>
    public int Retries => Log.Entries.Count(e => e.Message.Contains("'OnRetry'", StringComparison.Ordinal));

    public SendGridOptions Options => _services.GetRequiredService<IOptions<SendGridOptions>>().Value;

    public static Dictionary<string, string?> Settings(Uri host) => new()
    {
        ["Delivery:Sender"] = "sendgrid",
        ["SendGrid:ApiKey"] = ApiKey,
        ["SendGrid:FromEmail"] = FromEmail,
        ["SendGrid:FromName"] = FromName,
        ["SendGrid:Host"] = host.ToString(),
    };

    public static async Task<SendGridHarness> StartAsync(IDictionary<string, string?>? overrides = null, Uri? host = null)
    {
        var fake = await FakeSendGrid.StartAsync();
        var settings = Settings(host ?? fake.Host);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var log = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(l => l.AddProvider(log).SetMinimumLevel(LogLevel.Debug))
            .AddEmailSenders(config)
            .PostConfigure<SendGridOptions>(o => o.FirstRetryDelay = TimeSpan.FromMilliseconds(20))
            .BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();
        return new SendGridHarness(fake, services, log);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
