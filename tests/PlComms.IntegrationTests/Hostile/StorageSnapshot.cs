using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Platform.Queues;
using PlComms.Platform.Storage;

namespace PlComms.IntegrationTests.Hostile;

/// <summary>
/// Everything the app has written, as it stands: every entity of every table in the storage account (partition key,
/// row key and ETag, so an update shows as well as an insert or a delete), every queue's approximate length and the ids
/// of the messages it shows, and the outbox's files. Two snapshots that are equal mean nothing was written between them.
/// Tables and queues are listed from the account, not from a list in the app, so a store added later is covered too.
/// </summary>
public sealed record StorageSnapshot(IReadOnlyDictionary<string, IReadOnlyList<string>> Tables, IReadOnlyDictionary<string, string> Queues, IReadOnlyList<string> OutboxFiles)
{
    public int Entities => Tables.Values.Sum(t => t.Count);

    public static async Task<StorageSnapshot> TakeAsync(IServiceProvider services, string? outbox)
    {
        var tables = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var service = services.GetRequiredService<AppTables>().Service;
        await foreach (var table in service.QueryAsync())
        {
            var rows = new List<string>();
            await foreach (var entity in service.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                rows.Add($"{entity.PartitionKey} | {entity.RowKey} | {entity.ETag}");
            rows.Sort(StringComparer.Ordinal);
            // A table created empty on first use (tables are created lazily) is not a write of data.
            if (rows.Count > 0) tables[table.Name] = rows;
        }

        var queues = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var queueService = services.GetRequiredService<AppQueues>().Service;
        await foreach (var queue in queueService.GetQueuesAsync())
        {
            var client = queueService.GetQueueClient(queue.Name);
            var count = (await client.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            var peeked = (await client.PeekMessagesAsync(32)).Value.Select(m => m.MessageId).Order(StringComparer.Ordinal);
            if (count > 0) queues[queue.Name] = $"{count} message(s): {string.Join(", ", peeked)}";
        }

        var files = outbox is not null && Directory.Exists(outbox)
            ? Directory.GetFiles(outbox).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()
            : [];
        return new StorageSnapshot(tables, queues, files!);
    }

    /// <summary>What changed from <paramref name="before"/> to this snapshot, one line per difference; empty when nothing did.</summary>
    public IReadOnlyList<string> Since(StorageSnapshot before)
    {
        var changes = new List<string>();
        foreach (var name in Tables.Keys.Union(before.Tables.Keys).Order(StringComparer.Ordinal))
        {
            var was = before.Tables.GetValueOrDefault(name) ?? [];
            var now = Tables.GetValueOrDefault(name) ?? [];
            changes.AddRange(now.Except(was).Select(r => $"table {name}: + {r}"));
            changes.AddRange(was.Except(now).Select(r => $"table {name}: - {r}"));
        }
        foreach (var name in Queues.Keys.Union(before.Queues.Keys).Order(StringComparer.Ordinal))
        {
            var was = before.Queues.GetValueOrDefault(name) ?? "empty";
            var now = Queues.GetValueOrDefault(name) ?? "empty";
            if (was != now) changes.Add($"queue {name}: {was} -> {now}");
        }
        changes.AddRange(OutboxFiles.Except(before.OutboxFiles).Select(f => $"outbox: + {f}"));
        changes.AddRange(before.OutboxFiles.Except(OutboxFiles).Select(f => $"outbox: - {f}"));
        return changes;
    }

    public static string Describe(IReadOnlyList<string> changes, int max = 20)
    {
        var text = new StringBuilder();
        foreach (var change in changes.Take(max)) text.AppendLine(change);
        if (changes.Count > max) text.AppendLine($"… and {changes.Count - max} more");
        return text.ToString();
    }
}
