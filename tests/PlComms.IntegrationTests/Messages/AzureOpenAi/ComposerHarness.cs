using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PlComms.Messages;
using PlComms.Messages.AzureOpenAi;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.IntegrationTests.Messages.AzureOpenAi;

/// <summary>
/// The composer as the app gets it: registered by <see cref="AzureOpenAiServiceCollectionExtensions.AddAzureOpenAiComposer"/>
/// from settings, with the real <c>AzureOpenAIClient</c> pointed at a <see cref="FakeAzureOpenAi"/>.
/// </summary>
public sealed class ComposerHarness : IDisposable
{
    public const string Deployment = "plcomms-test";
    public const string Contact = "Ana Ruiz, 555-0100";

    private readonly ServiceProvider _services;

    public ComposerHarness(Uri endpoint, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureOpenAI:Endpoint"] = endpoint.ToString(),
            ["AzureOpenAI:Deployment"] = Deployment,
            ["AzureOpenAI:ApiKey"] = "test-api-key",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        _services = new ServiceCollection()
            .AddLogging(l => l.AddProvider(Log).SetMinimumLevel(LogLevel.Information))
            .AddAzureOpenAiComposer(config)
            .BuildServiceProvider();
        Composer = Assert.Single(_services.GetServices<IMessageComposer>());
    }

    public IMessageComposer Composer { get; }

    public CapturingLoggerProvider Log { get; } = new();

    public static CompositionRequest Request(Audience audience = Audience.Parents, Language language = Language.En) =>
        new(DemoVision.Content, audience, language, ChannelRenderer.AllChannels, Contact);

    /// <summary>
    /// What a model that follows the prompt would answer: the template's sections for the demo
    /// vision (grounded, readable, within every limit), with a headline of its own so a test can
    /// tell the model's text from the template's.
    /// </summary>
    internal static ModelMessage GoodAnswer(CompositionRequest request)
    {
        var template = TemplateMessageComposer.Compose(request);
        Assert.True(template.Draft.Report.Passes, "Premise: the template's draft passes the guardrails. "
            + string.Join("; ", template.Draft.Report.Blocking.Select(v => v.Message)));
        var m = template.Draft.Message;
        var headline = request.Language == Language.Es ? "Lo que cambia en la escuela de su hijo o hija" : "What changes at school for your child";
        return new ModelMessage(headline, m.WhatChanges, m.WhatStaysTheSame, m.Why, m.WhatItMeansForYou, m.NextStep);
    }

    /// <summary>A good answer with education jargon and a number the vision never gives.</summary>
    internal static ModelMessage JargonAndUngroundedNumber(CompositionRequest request)
    {
        var good = GoodAnswer(request);
        return good with { WhatItMeansForYou = good.WhatItMeansForYou + " Blended learning helps 95% of students." };
    }

    public void Dispose() => _services.Dispose();
}

public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((logLevel, category, formatter(state, exception)));
    }
}
