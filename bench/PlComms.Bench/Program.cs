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
    // Warm both up first, long enough for tiered JIT to reach its optimised code, then measure.
    var full = MedianMs(() => quick.FullSet(), iterations: 200);
    var single = MedianMs(() => quick.SingleMessage(), iterations: 1000);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"full set: {full:0.000} ms (target < {TargetMs:0} ms), baseline single message: {single:0.000} ms, ratio {full / single:0.0}"));
    return full < TargetMs ? 0 : 1;
}

// In-process: no generated project to build, so the run stays short on a small machine.
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
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

static double MedianMs(Action action, int iterations)
{
    var warmup = Stopwatch.StartNew();
    while (warmup.ElapsedMilliseconds < 1000) action();
    var samples = new double[iterations];
    for (var i = 0; i < iterations; i++)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    Array.Sort(samples);
    return iterations % 2 == 1 ? samples[iterations / 2] : (samples[iterations / 2 - 1] + samples[iterations / 2]) / 2;
}
