namespace PlComms.Platform.Queues;

public sealed record QueueOutcome(bool Succeeded, IReadOnlyList<string> Logs);

/// <summary>Runs a queue job with the same logging and error handling for the host's trigger and the standalone poller.</summary>
public sealed class QueueRunner(IEnumerable<IQueueJob> jobs, ILogger<QueueRunner> logger)
{
    private readonly Dictionary<string, IQueueJob> _jobs = jobs.ToDictionary(j => j.Function.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<IQueueJob> Jobs => _jobs.Values;

    public IQueueJob? Find(string name) => _jobs.GetValueOrDefault(name);

    public async Task<QueueOutcome> RunAsync(IQueueJob job, string message, long dequeueCount, string source, CancellationToken cancellationToken)
    {
        var context = new QueueContext(message, dequeueCount, source);
        try
        {
            await job.RunAsync(context, cancellationToken);
            foreach (var line in context.Logs) logger.LogInformation("{Function}: {Line}", job.Function.Name, line);
            return new QueueOutcome(true, context.Logs);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Expected retries (a busy or failing batch) are warnings; the poison queue is where real failures end.
            logger.Log(context.IsFinalAttempt ? LogLevel.Error : LogLevel.Warning, ex,
                "Queue function {Function} failed on try {Try} of {Max} ({Source}).", job.Function.Name, dequeueCount, QueueSettings.MaxDequeueCount, source);
            context.Log($"{job.Function.Name} failed on try {dequeueCount}: {ex.GetType().Name}: {ex.Message}");
            return new QueueOutcome(false, context.Logs);
        }
    }
}
