using System.Collections.Concurrent;
using Azure.Core;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using PlComms.Platform.Storage;

namespace PlComms.Platform.Queues;

/// <summary>
/// The app's Storage queues (Azurite locally). Messages are base64-encoded, as the Functions host's queue trigger
/// expects, so a message enqueued here reads the same whether the host or the standalone poller takes it.
/// Each queue (and its poison queue) is created on first use, like the tables.
/// </summary>
public sealed class AppQueues
{
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _queues = new(StringComparer.Ordinal);

    public AppQueues(IOptions<StorageOptions> options, TokenCredential credential, StoragePolicies? policies = null)
    {
        var o = options.Value;
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        foreach (var policy in policies?.Policies ?? []) clientOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        Service = o.ConnectionString is { Length: > 0 } connection
            ? new QueueServiceClient(connection, clientOptions)
            : new QueueServiceClient(o.QueueServiceUri, credential, clientOptions);
    }

    public QueueServiceClient Service { get; }

    /// <summary>Adds a message; <paramref name="delay"/> keeps it invisible for that long first.</summary>
    public async Task EnqueueAsync(string queueName, string message, CancellationToken cancellationToken, TimeSpan? delay = null)
    {
        var queue = await GetAsync(queueName, cancellationToken);
        await queue.SendMessageAsync(message, delay, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken);
    }

    /// <summary>How many messages wait on a queue (approximate, as Storage reports it).</summary>
    public async Task<int> CountAsync(string queueName, CancellationToken cancellationToken)
    {
        var queue = await GetAsync(queueName, cancellationToken);
        var properties = await queue.GetPropertiesAsync(cancellationToken);
        return properties.Value.ApproximateMessagesCount;
    }

    public async Task<QueueClient> GetAsync(string queueName, CancellationToken cancellationToken)
    {
        var lazy = _queues.GetOrAdd(queueName, name => new Lazy<Task<QueueClient>>(() => CreateAsync(name)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch when (lazy.Value.IsFaulted)
        {
            _queues.TryRemove(new KeyValuePair<string, Lazy<Task<QueueClient>>>(queueName, lazy));
            throw;
        }
    }

    private async Task<QueueClient> CreateAsync(string name)
    {
        var client = Service.GetQueueClient(name);
        await client.CreateIfNotExistsAsync();
        return client;
    }
}
