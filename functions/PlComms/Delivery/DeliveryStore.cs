using Azure;
using Azure.Data.Tables;
using PlComms.Platform.Storage;
using PlComms.Shared;

namespace PlComms.Delivery;

/// <summary>A recipient as planned: the contact and whether it was already suppressed.</summary>
public sealed record PlannedRecipient(string ContactId, RecipientStatus Status);

/// <summary>
/// Batches and deliveries in table <c>Deliveries</c>. Each batch is one partition (<c>{sendId}|{batch}</c>) holding
/// the batch row, one row per recipient (<c>d|{contactId}</c>) and one row per provider event (<c>e|{eventId}</c>),
/// so a claim, its skips and each event with its counters are single-partition transactions. See docs/storage.md.
/// </summary>
public sealed class DeliveryStore(AppTables tables)
{
    public const string TableName = "Deliveries";
    internal const string DeliveryPrefix = "d|";
    internal const string EventPrefix = "e|";

    public async Task<(BatchRecord Batch, ETag ETag)?> GetBatchAsync(string sendId, int batch, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(DeliveryIds.Partition(sendId, batch), BatchRecord.RowKey, cancellationToken: ct);
        return row.HasValue ? (BatchRecord.FromEntity(row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>
    /// Writes a planned batch: its delivery records first, then the batch row, which is what makes the batch exist.
    /// With <paramref name="removeLeftovers"/>, records left by an attempt that crashed before its batch row are removed
    /// first, so a recipient is never in two batches. Returns false when the batch row already existed (another planner finished it).
    /// </summary>
    public async Task<bool> WritePlannedAsync(BatchRecord batch, IReadOnlyList<PlannedRecipient> recipients, bool removeLeftovers, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var partition = DeliveryIds.Partition(batch.SendId, batch.Batch);
        var leftovers = new List<TableTransactionAction>();
        if (removeLeftovers)
        {
            var wanted = recipients.Select(r => DeliveryPrefix + r.ContactId).ToHashSet(StringComparer.Ordinal);
            await foreach (var e in table.QueryAsync<TableEntity>(RangeFilter(partition, DeliveryPrefix), select: ["RowKey"], cancellationToken: ct))
            {
                if (!wanted.Contains(e.RowKey)) leftovers.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, e.RowKey), ETag.All));
            }
        }
        // A fresh batch's partition is empty, so plain inserts do; a resumed one may hold rows of its first attempt.
        var write = removeLeftovers ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.Add;
        var writes = recipients.Select(r => new TableTransactionAction(write, new TableEntity(partition, DeliveryPrefix + r.ContactId)
        {
            ["Status"] = WireName<RecipientStatus>.Of(r.Status),
        }));
        await SubmitAsync(table, leftovers.Concat(writes).ToList(), ct);
        return await table.TryAddAsync(batch.ToEntity(), ct);
    }

    /// <summary>Replaces the batch row if it has not changed since <paramref name="etag"/>; the new ETag, or null when it lost.</summary>
    public async Task<ETag?> ReplaceBatchAsync(BatchRecord batch, ETag etag, CancellationToken ct)
    {
        return await (await tables.GetAsync(TableName, ct)).TryReplaceAsync(batch.ToEntity(), etag, ct);
    }

    /// <summary>Records recipients skipped at send time. Idempotent: a retried batch writes the same statuses.</summary>
    public async Task MarkAsync(string sendId, int batch, IReadOnlyList<string> contactIds, RecipientStatus status, CancellationToken ct)
    {
        if (contactIds.Count == 0) return;
        var table = await tables.GetAsync(TableName, ct);
        var partition = DeliveryIds.Partition(sendId, batch);
        await SubmitAsync(table, contactIds.Select(id => new TableTransactionAction(TableTransactionActionType.UpsertMerge,
            new TableEntity(partition, DeliveryPrefix + id) { ["Status"] = WireName<RecipientStatus>.Of(status) })).ToList(), ct);
    }

    /// <summary>
    /// The contacts of one batch whose delivery has <paramref name="status"/>, in id order: one partition query. Of a sent
    /// batch, the <c>queued</c> ones are those it went out to (skips are recorded on their rows at send time).
    /// </summary>
    public async Task<IReadOnlyList<string>> RecipientsAsync(string sendId, int batch, RecipientStatus status, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var filter = RangeFilter(DeliveryIds.Partition(sendId, batch), DeliveryPrefix) + " and " + TableClient.CreateQueryFilter($"Status eq {WireName<RecipientStatus>.Of(status)}");
        var ids = new List<string>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct)) ids.Add(e.RowKey[DeliveryPrefix.Length..]);
        return ids;
    }

    /// <summary>
    /// The deliveries of one batch with their status and the provider's flags, in id order: one partition query.
    /// Results count a delivery as reaching its person when it was sent and not reported bounced, blocked or dropped.
    /// </summary>
    public async Task<IReadOnlyList<(string ContactId, RecipientStatus Status, IReadOnlySet<DeliveryFlag> Flags)>> DeliveriesAsync(string sendId, int batch, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var result = new List<(string, RecipientStatus, IReadOnlySet<DeliveryFlag>)>();
        await foreach (var e in table.QueryAsync<TableEntity>(RangeFilter(DeliveryIds.Partition(sendId, batch), DeliveryPrefix), cancellationToken: ct))
        {
            var flags = Enum.GetValues<DeliveryFlag>().Where(f => e.GetBoolean(f.ToString()) == true).ToHashSet();
            result.Add((e.RowKey[DeliveryPrefix.Length..], WireName<RecipientStatus>.Parse(e.GetString("Status")), flags));
        }
        return result;
    }

    /// <summary>
    /// The batch rows of a send with their ETags, read by point reads (the send knows how many it has). A caller that
    /// acts on a row writes with that ETag, so whatever changed since this read wins.
    /// </summary>
    public async Task<IReadOnlyList<(BatchRecord Batch, ETag ETag)>> BatchesAsync(string sendId, int count, CancellationToken ct)
    {
        var found = new (BatchRecord Batch, ETag ETag)?[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, token) =>
            found[i] = await GetBatchAsync(sendId, i, token));
        return found.OfType<(BatchRecord, ETag)>().ToList();
    }

    private static async Task SubmitAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken ct)
    {
        if (actions.Count == 0) return;
        await Parallel.ForEachAsync(actions.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (chunk, token) => await table.SubmitTransactionAsync(chunk, token));
    }

    internal static string RangeFilter(string partition, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");
}
