namespace PlComms.Platform.Functions;

/// <summary>Work run on a timer function's schedule, whether the Functions host or the standalone scheduler triggers it.</summary>
public interface ITimerJob
{
    FunctionDefinition Function { get; }

    Task RunAsync(TimerContext context, CancellationToken cancellationToken);
}

/// <summary>One invocation. Log lines go back to the Functions host in the response's <c>Logs</c>.</summary>
public sealed class TimerContext(string source, DateTimeOffset startedAt, bool isPastDue)
{
    private readonly List<string> _logs = [];

    /// <summary>"host" when the Functions host invoked it, "standalone" for the app's own scheduler.</summary>
    public string Source { get; } = source;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public bool IsPastDue { get; } = isPastDue;

    public IReadOnlyList<string> Logs => _logs;

    public void Log(string message) => _logs.Add(message);
}
