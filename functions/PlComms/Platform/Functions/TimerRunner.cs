namespace PlComms.Platform.Functions;

public sealed record TimerOutcome(bool Succeeded, IReadOnlyList<string> Logs);

/// <summary>Runs a timer job with the same logging and error handling for both triggers.</summary>
public sealed class TimerRunner(IEnumerable<ITimerJob> jobs, TimeProvider clock, ILogger<TimerRunner> logger)
{
    private readonly Dictionary<string, ITimerJob> _jobs = jobs.ToDictionary(j => j.Function.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<ITimerJob> Jobs => _jobs.Values;

    public ITimerJob? Find(string name) => _jobs.GetValueOrDefault(name);

    public async Task<TimerOutcome> RunAsync(ITimerJob job, string source, bool isPastDue, CancellationToken cancellationToken)
    {
        var context = new TimerContext(source, clock.GetUtcNow(), isPastDue);
        try
        {
            await job.RunAsync(context, cancellationToken);
            logger.LogInformation("Timer {Function} ran ({Source}).", job.Function.Name, source);
            return new TimerOutcome(true, context.Logs);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Timer {Function} failed ({Source}).", job.Function.Name, source);
            context.Log($"{job.Function.Name} failed: {ex.GetType().Name}: {ex.Message}");
            return new TimerOutcome(false, context.Logs);
        }
    }
}
