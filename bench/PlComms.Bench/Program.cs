using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PlComms.Bench;
using PlComms.Benchmarks;

const double TargetMs = 100;
const string Name = "template composition";
var set = MessageBenchmarks.SetDescription();

if (args.Contains("--quick"))
{
    var quick = new MessageBenchmarks();
    var (full, single) = InterleavedMedianMs(() => quick.FullSet(), () => quick.SingleMessage(), rounds: 300);
    return Report($"full set ({set}) {full:0.000} ms, Stopwatch median of 300 interleaved rounds", $"one message (parents, English) {single:0.000} ms", full, single) ? 0 : 1;
}

// In-process: no generated project to build, so the run stays short on a small machine.
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
var summary = BenchmarkRunner.Run<MessageBenchmarks>(config, args);

double? MeanMs(string method) =>
    summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)?.ResultStatistics?.Mean / 1e6;

if (MeanMs(nameof(MessageBenchmarks.FullSet)) is { } fullMean && MeanMs(nameof(MessageBenchmarks.SingleMessage)) is { } singleMean)
{
    var allocated = summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(MessageBenchmarks.FullSet))?.GcStats.GetBytesAllocatedPerOperation(
        summary.Reports.First(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(MessageBenchmarks.FullSet)).BenchmarkCase);
    return Report($"full set ({set}) {fullMean:0.000} ms mean (BenchmarkDotNet{(allocated is { } b ? $", {b / 1048576.0:0.0} MB allocated" : "")})",
        $"one message (parents, English) {singleMean:0.000} ms mean", fullMean, singleMean) ? 0 : 1;
}
Console.Error.WriteLine("benchmark failed: BenchmarkDotNet reported no result for the full set or the single message.");
return 2;

static bool Report(FormattableString figure, FormattableString baseline, double fullMs, double singleMs) =>
    BenchReport.Line(Name, BenchReport.F(figure), BenchReport.F(baseline), BenchReport.F($"{fullMs / singleMs:0.0}x"), BenchReport.F($"< {TargetMs:0} ms for the full set"),
        BenchReport.Missed((fullMs < TargetMs, BenchReport.F($"{fullMs:0.0} ms"))));

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
