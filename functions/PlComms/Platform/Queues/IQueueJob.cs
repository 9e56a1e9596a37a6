using PlComms.Platform.Functions;

namespace PlComms.Platform.Queues;

/// <summary>
/// Work done for one queue message, whether the Functions host (queue trigger) or the standalone poller delivered it.
/// Queues deliver at least once, so every job must be safe to run twice for the same message.
/// Throwing (or failing) leaves the message on the queue for another try; after
/// <see cref="QueueSettings.MaxDequeueCount"/> tries it moves to the poison queue.
/// </summary>
public interface IQueueJob
{
    FunctionDefinition Function { get; }

    Task RunAsync(QueueContext context, CancellationToken cancellationToken);
}

/// <summary>One delivery of one message. Log lines go back to the Functions host in the response's <c>Logs</c>.</summary>
public sealed class QueueContext(string message, long dequeueCount, string source)
{
    private readonly List<string> _logs = [];

    /// <summary>The message text as it was enqueued (already decoded from base64).</summary>
    public string Message { get; } = message;

    /// <summary>1 on the first delivery.</summary>
    public long DequeueCount { get; } = dequeueCount;

    /// <summary>"host" or "standalone".</summary>
    public string Source { get; } = source;

    /// <summary>True on the last try before the message goes to the poison queue: the job should record the failure.</summary>
    public bool IsFinalAttempt => DequeueCount >= QueueSettings.MaxDequeueCount;

    public IReadOnlyList<string> Logs => _logs;

    public void Log(string message) => _logs.Add(message);
}
