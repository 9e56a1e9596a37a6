using PlComms.Delivery;
using PlComms.Platform.Functions;
using PlComms.Platform.Queues;

namespace PlComms.Results;

/// <summary>One message per wave batch of an aggregation round: count that batch.</summary>
public sealed record CountBatchMessage(string WaveId, int Batch, int Round);

/// <summary>Queue function <c>AggregateResults</c>: counts one wave batch for a round (safe to run twice: it rewrites the same row).</summary>
public sealed class CountBatchJob(WaveAggregator aggregator) : IQueueJob
{
    public const string Queue = "results-aggregate";

    public FunctionDefinition Function => FunctionCatalog.AggregateResults;

    public async Task RunAsync(QueueContext context, CancellationToken ct)
    {
        if (DeliveryQueues.Deserialize<CountBatchMessage>(context.Message) is not { WaveId: { } waveId, Batch: var batch, Round: var round })
        {
            context.Log("Dropped a message that is not a count message.");
            return;
        }
        if (!await aggregator.CountBatchAsync(waveId, batch, round, ct)) context.Log($"Wave {waveId} is gone; nothing to count.");
    }
}
