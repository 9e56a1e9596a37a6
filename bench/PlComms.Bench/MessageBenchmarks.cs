using BenchmarkDotNet.Attributes;
using PlComms.Messages;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.Bench;

/// <summary>
/// The demo set (5 audiences × 2 languages, each composed, rendered for 5 channels and checked by
/// the guardrails: 50 renderings) against the same pipeline for one message, measured in one run.
/// </summary>
[MemoryDiagnoser]
public class MessageBenchmarks
{
    public static readonly VisionContent Vision = DemoVision.Content;

    /// <summary>One message: parents, English, composed, rendered for 5 channels, checked.</summary>
    [Benchmark(Baseline = true)]
    public MessageDraft SingleMessage() => MessageDrafts.Compose(Vision, Audience.Parents, Language.En);

    /// <summary>The full demo set: 10 messages, 50 renderings, 10 guardrail reports.</summary>
    [Benchmark]
    public IReadOnlyList<MessageDraft> FullSet() => MessageDrafts.ComposeAll(Vision);

    /// <summary>What the full set holds, counted from one composition (so the report stays true if the set grows).</summary>
    public static string SetDescription()
    {
        var set = MessageDrafts.ComposeAll(Vision);
        return $"{set.Count} messages, {set.Sum(m => m.Renderings.Count)} renderings";
    }
}
