using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PlComms.Bench;

const double TargetMs = 100;

if (args.Contains("--quick"))
{
    var quick = new MessageBenchmarks();
    var (full, single) = InterleavedMedianMs(() => quick.FullSet(), () => quick.SingleMessage(), rounds: 300);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"full set: {full:0.000} ms (target < {TargetMs:0} ms), baseline single message: {single:0.000} ms, ratio {full / single:0.0}"));
    return full < TargetMs ? 0 : 1;
}

// In-process: no generated project to build, so the run stays short on a small machine.
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
var summary = BenchmarkRunner.Run<MessageBenchmarks>(config, args);

double? MeanMs(string method) =>
    summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)?.ResultStatistics?.Mean / 1e6;

if (MeanMs(nameof(MessageBenchmarks.FullSet)) is { } fullMean && MeanMs(nameof(MessageBenchmarks.SingleMessage)) is { } singleMean)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"full set: {fullMean:0.000} ms mean (target < {TargetMs:0} ms), baseline single message: {singleMean:0.000} ms, ratio {fullMean / singleMean:0.0}"));
    return fullMean < TargetMs ? 0 : 1;
}
return 1;

// Each round times the full set once and the single message once, so both see the same machine
// load (CI machines are shared) and the ratio stays meaningful; a one-second warm-up first lets
// tiered JIT reach its optimised code.
static (double Full, double Single) InterleavedMedianMs(Action full, Action single, int rounds)
{
    var warmup = Stopwatch.StartNew();
    while (warmup.ElapsedMilliseconds < 1000) { full(); single(); }
    var fullSamples = new double[rounds];
    var singleSamples = new double[rounds];
    for (var i = 0; i < rounds; i++)
    {
        fullSamples[i] = TimeMs(full);
        singleSamples[i] = TimeMs(single);
    }
    return (Median(fullSamples), Median(singleSamples));
}

static double TimeMs(Action action)
{
    var start = Stopwatch.GetTimestamp();
    action();
    return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

static double Median(double[] samples)
{
    Array.Sort(samples);
    var n = samples.Length;
    return n % 2 == 1 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
}
