using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using PlComms.Delivery.Sending;
using PlComms.Delivery.Sending.Outbox;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>The outbox sender as the app gets it, writing to a fresh folder under the temp directory, on a fake clock.</summary>
public sealed class OutboxHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 9, 14, 15, 30, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly string _root;

    public OutboxHarness(IDictionary<string, string?>? overrides = null)
    {
        _root = Path.Combine(Path.GetTempPath(), "plcomms-outbox-tests", Guid.NewGuid().ToString("N"));
        Directory = Path.Combine(_root, "outbox");
        var settings = new Dictionary<string, string?> { ["Outbox:Directory"] = Directory };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Time)
            .AddEmailSenders(config)
            .BuildServiceProvider();
        _services.GetRequiredService<IStartupValidator>().Validate();
        Sender = _services.GetRequiredService<IEmailSender>();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>The configured folder; it does not exist until the first send.</summary>
    public string Directory { get; }

    public string Root => _root;

    public IEmailSender Sender { get; }

    public OutboxOptions Options => _services.GetRequiredService<IOptions<OutboxOptions>>().Value;

    public IReadOnlyList<string> Files => System.IO.Directory.Exists(Directory)
        ? [.. System.IO.Directory.GetFiles(Directory).Order(StringComparer.Ordinal)]
        : [];

    public IReadOnlyList<string> EmlFiles => [.. Files.Where(f => f.EndsWith(".eml", StringComparison.Ordinal))];

    public IReadOnlyList<MimeMessage> Messages() => [.. EmlFiles.Select(f => MimeMessage.Load(f))];

    public void Dispose()
    {
        _services.Dispose();
        if (System.IO.Directory.Exists(_root)) System.IO.Directory.Delete(_root, recursive: true);
    }
}
