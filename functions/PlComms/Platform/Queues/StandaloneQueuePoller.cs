using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;

namespace PlComms.Platform.Queues;

/// <summary>
/// Settings for the poller that stands in for the Functions host's queue trigger when the app runs alone.
/// Section <c>Queues</c>.
/// </summary>
public sealed class QueuePollerOptions
{
    public const string Section = "Queues";

    /// <summary><c>Queues__PollingEnabled</c>: run the standalone poller (default true; ignored under the Functions host).</summary>
    public bool PollingEnabled { get; set; } = true;

    /// <summary><c>Queues__MaxPollingIntervalMs</c>: the longest wait between polls of an empty queue.</summary>
    public int MaxPollingIntervalMs { get; set; } = 2000;

    /// <summary>
    /// <c>Queues__BatchSize</c>: messages taken per poll and run in parallel, as host.json's <c>batchSize</c>. Four keeps a
    /// 100,000-recipient dispatch under 200 MB (a send batch's SendGrid request is about 1 MB of JSON); scale out, not up.
    /// </summary>
    public int BatchSize { get; set; } = 4;

    /// <summary><c>Queues__RetryDelay</c>: how long a failed message stays hidden before its next try (host.json's <c>visibilityTimeout</c>).</summary>
    public TimeSpan RetryDelay { get; set; } = QueueSettings.RetryDelay;

    /// <summary>
    /// <c>Queues__VisibilityTimeout</c> (default 10 minutes): how long a taken message stays hidden while it runs. Longer
    /// than any job's lease (Delivery__SendLeaseSeconds, Delivery__PlanLeaseSeconds), so a running job's message is not
    /// handed to a second worker; a crashed worker's message reappears after it.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Takes messages off each queue function's queue and runs them through <see cref="QueueRunner"/> with the host's
/// rules (host.json <c>extensions.queues</c>): a success deletes the message; a failure makes it visible again after
/// <see cref="QueueSettings.RetryDelay"/>; the <see cref="QueueSettings.MaxDequeueCount"/>th failure moves it to the
/// poison queue. Local runs and tests therefore exercise the same queue path as Azure.
/// </summary>
public sealed class StandaloneQueuePoller(
    QueueRunner runner, AppQueues queues, IOptions<QueuePollerOptions> options, TimeProvider clock, ILogger<StandaloneQueuePoller> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(runner.Jobs.Select(job => PollAsync(job, stoppingToken)));

    private async Task PollAsync(IQueueJob job, CancellationToken stoppingToken)
    {
        var o = options.Value;
        var queueName = job.Function.QueueName!;
        var idle = TimeSpan.FromMilliseconds(50);
        var maxIdle = TimeSpan.FromMilliseconds(Math.Max(50, o.MaxPollingIntervalMs));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var queue = await queues.GetAsync(queueName, stoppingToken);
                var received = await queue.ReceiveMessagesAsync(Math.Clamp(o.BatchSize, 1, 32), o.VisibilityTimeout, stoppingToken);
                if (received.Value.Length == 0)
                {
                    await Task.Delay(idle, clock, stoppingToken);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, maxIdle.Ticks));
                    continue;
                }
                idle = TimeSpan.FromMilliseconds(50);
                await Task.WhenAll(received.Value.Select(m => HandleAsync(job, queue, m, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Storage unreachable (Azurite still starting, a network blip): wait and poll again.
                logger.LogWarning("Polling {Queue} failed ({Error}); retrying.", queueName, ex.Message);
                try { await Task.Delay(maxIdle, clock, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task HandleAsync(IQueueJob job, QueueClient queue, QueueMessage message, CancellationToken stoppingToken)
    {
        var outcome = await runner.RunAsync(job, message.MessageText, message.DequeueCount, "standalone", stoppingToken);
        try
        {
            if (outcome.Succeeded)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
            }
            else if (message.DequeueCount >= QueueSettings.MaxDequeueCount)
            {
                var poison = await queues.GetAsync(QueueSettings.PoisonQueueName(queue.Name), stoppingToken);
                await poison.SendMessageAsync(message.MessageText, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: stoppingToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
                logger.LogError("{Function}: message {MessageId} moved to {Poison} after {Count} tries.", job.Function.Name, message.MessageId, poison.Name, message.DequeueCount);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.Value.RetryDelay, cancellationToken: stoppingToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The pop receipt is stale: the message became visible again and another worker has it. Its run decides.
            logger.LogWarning("{Function}: message {MessageId} was taken over by another worker.", job.Function.Name, message.MessageId);
        }
    }
}
