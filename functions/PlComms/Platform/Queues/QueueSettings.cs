namespace PlComms.Platform.Queues;

/// <summary>
/// Queue behaviour shared by the Functions host (host.json <c>extensions.queues</c>) and the standalone poller,
/// so a message is retried and poisoned the same way in both. A test proves host.json agrees.
/// </summary>
public static class QueueSettings
{
    /// <summary>Tries before a message moves to <c>&lt;queue&gt;-poison</c>.</summary>
    public const int MaxDequeueCount = 5;

    /// <summary>How long a failed message stays invisible before its next try.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    public static string PoisonQueueName(string queueName) => queueName + "-poison";
}
