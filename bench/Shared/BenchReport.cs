using System.Globalization;

namespace PlComms.Benchmarks;

/// <summary>
/// The one line every benchmark ends with, in the form <c>bench/run</c> collects:
/// <c>name: figure, baseline: …, ratio …, target …: met</c> (or <c>MISSED: what</c>). When
/// <c>PLCOMMS_BENCH_RESULTS</c> names a file, the same fields are appended to it, tab-separated, for the summary table.
/// </summary>
public static class BenchReport
{
    public const string ResultsFileVariable = "PLCOMMS_BENCH_RESULTS";

    /// <param name="missed">The parts of the target that were missed (empty when it was met).</param>
    public static bool Line(string name, string figure, string baseline, string ratio, string target, IReadOnlyList<string> missed)
    {
        var verdict = missed.Count == 0 ? "met" : "MISSED: " + string.Join(", ", missed);
        Console.WriteLine($"{name}: {figure}, baseline: {baseline}, ratio {ratio}, target {target}: {verdict}");
        if (Environment.GetEnvironmentVariable(ResultsFileVariable) is { Length: > 0 } path)
            File.AppendAllText(path, string.Join('\t', new[] { name, figure, baseline, ratio, target, verdict }.Select(f => f.Replace('\t', ' '))) + "\n");
        return missed.Count == 0;
    }

    /// <summary>The parts whose condition is false, by name.</summary>
    public static List<string> Missed(params (bool Met, string Part)[] parts) => [.. parts.Where(p => !p.Met).Select(p => p.Part)];

    public static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs a benchmark body with the exit codes <c>bench/run</c> reads: 0 ran and met its target, 1 ran and missed it,
    /// 2 did not run to the end (an exception: the benchmark failed, which is not a missed target).
    /// </summary>
    public static async Task<int> RunAsync(Func<Task<bool>> body)
    {
        try
        {
            return await body() ? 0 : 1;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"benchmark failed: {ex}");
            return 2;
        }
    }
}
