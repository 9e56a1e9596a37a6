namespace PlComms.Platform.Queues;

/// <summary>The app's Storage queues (Azurite locally). Messages are base64-encoded, as the Functions host expects.</summary>
public sealed class AppQueues
{
    /// <summary>Adds a message; <paramref name="delay"/> keeps it invisible for that long first.</summary>
    public Task EnqueueAsync(string queueName, string message, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        throw new NotImplementedException("Platform queues are being implemented.");
}
