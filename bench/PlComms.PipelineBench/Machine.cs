using System.Globalization;

namespace PlComms.PipelineBench;

/// <summary>The whole machine's CPU and load, so a benchmark can say what other processes took while it ran (Linux /proc).</summary>
public static class Machine
{
    /// <summary>Busy CPU seconds of all cores since boot: cores × uptime, less idle and iowait from /proc/stat (1/100 s).</summary>
    public static double BusyCpuSeconds()
    {
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
        var uptime = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);
        return Environment.ProcessorCount * uptime - (ticks[3] + ticks[4]) / 100.0;
    }

    /// <summary>The 1-minute load average now: other work on the machine shows here too.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>CPU seconds this process has used so far.</summary>
    public static double OwnCpuSeconds() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
