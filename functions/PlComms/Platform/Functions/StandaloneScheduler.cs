using Cronos;

namespace PlComms.Platform.Functions;

/// <summary>
/// Runs the timer functions on their schedules when no Functions host is present
/// (FUNCTIONS_CUSTOMHANDLER_PORT unset), so local runs behave like Azure without the host.
/// </summary>
public sealed class StandaloneScheduler(TimerRunner runner, TimeProvider clock, ILogger<StandaloneScheduler> logger) : BackgroundService
{
    /// <summary>Parses an NCRONTAB schedule as the Functions host does: six fields, seconds first.</summary>
    public static CronExpression Parse(string schedule) => CronExpression.Parse(schedule, CronFormat.IncludeSeconds);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(runner.Jobs.Select(job => RunLoopAsync(job, stoppingToken)));

    private async Task RunLoopAsync(ITimerJob job, CancellationToken stoppingToken)
    {
        var schedule = Parse(job.Function.Schedule!);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = schedule.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null) return;
            try
            {
                await Task.Delay(next.Value - now, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var outcome = await runner.RunAsync(job, "standalone", isPastDue: false, stoppingToken);
            if (!outcome.Succeeded) logger.LogWarning("Standalone run of {Function} failed; it runs again at its next occurrence.", job.Function.Name);
        }
    }
}
