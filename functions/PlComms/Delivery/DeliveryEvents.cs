using Azure;
using Azure.Data.Tables;
using PlComms.Platform.Storage;

namespace PlComms.Delivery;

/// <summary>Something that happened to one delivery: a provider event, or an unsubscribe through our own link.</summary>
/// <param name="EventId">Deduplicates: the same id is applied once (SendGrid's <c>sg_event_id</c>).</param>
/// <param name="Flag">The recipient flag it sets; the batch counter of the same name counts recipients, once each.</param>
public sealed record DeliveryEvent(string EventId, string DeliveryId, DeliveryFlag Flag, string Name, DateTimeOffset At)
{
    public string Counter => Flag.ToString();
}

public sealed record EventApplyResult(int Applied, int Duplicates, int Unmatched);

/// <summary>
/// Applies delivery events exactly once. Events of one batch are applied in one transaction with the batch row's
/// ETag: an event row (<c>e|{id}</c>, the dedup key), the recipient's flag, and the batch counter, which moves only
/// the first time a recipient's flag is set. A lost race re-reads and tries again; a replayed event changes nothing.
/// </summary>
public sealed class DeliveryEvents(AppTables tables, TimeProvider clock)
{
    private const int EventsPerTransaction = 45;
    private const int MaxRetries = 8;

    /// <summary>
    /// The dedup row's key. A table key may not hold '/', '\\', '#' or '?', which event ids can (standard base64 has '/'),
    /// so those and '%' are percent-escaped: ids without them keep their key, and distinct ids keep distinct keys.
    /// </summary>
    internal static string EventRowKey(string eventId)
    {
        if (eventId.AsSpan().IndexOfAny("%/\\#?") < 0) return DeliveryStore.EventPrefix + eventId;
        var escaped = new System.Text.StringBuilder(DeliveryStore.EventPrefix, eventId.Length + 16);
        foreach (var c in eventId)
        {
            escaped.Append(c switch
            {
                '%' => "%25",
                '/' => "%2F",
                '\\' => "%5C",
                '#' => "%23",
                '?' => "%3F",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    /// <summary>
    /// True when the event is new and names a delivery we made: only then may it have effects beyond the ledger
    /// (a suppression). A replay, or an id that matches no delivery, changes nothing.
    /// </summary>
    public async Task<bool> IsFreshForKnownDeliveryAsync(DeliveryEvent e, CancellationToken ct)
    {
        if (!DeliveryIds.TryParse(e.DeliveryId, out var send, out var batch, out var contact)) return false;
        var table = await tables.GetAsync(DeliveryStore.TableName, ct);
        var partition = DeliveryIds.Partition(send, batch);
        if ((await table.GetEntityIfExistsAsync<TableEntity>(partition, EventRowKey(e.EventId), select: ["RowKey"], cancellationToken: ct)).HasValue) return false;
        return (await table.GetEntityIfExistsAsync<TableEntity>(partition, DeliveryStore.DeliveryPrefix + contact, select: ["RowKey"], cancellationToken: ct)).HasValue;
    }

    public async Task<EventApplyResult> ApplyAsync(IReadOnlyList<DeliveryEvent> events, CancellationToken ct)
    {
        var table = await tables.GetAsync(DeliveryStore.TableName, ct);
        int applied = 0, duplicates = 0, unmatched = 0;
        var byBatch = events
            .Select(e => (Event: e, Ok: DeliveryIds.TryParse(e.DeliveryId, out var send, out var batch, out var contact), Partition: DeliveryIds.Partition(send, batch), Contact: contact))
            .ToList();
        unmatched += byBatch.Count(x => !x.Ok);
        await Parallel.ForEachAsync(byBatch.Where(x => x.Ok).GroupBy(x => x.Partition), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (group, token) =>
        {
            foreach (var chunk in group.DistinctBy(x => x.Event.EventId).Chunk(EventsPerTransaction))
            {
                var (a, d, u) = await ApplyChunkAsync(table, group.Key, chunk.Select(x => (x.Event, x.Contact)).ToList(), token);
                Interlocked.Add(ref applied, a);
                Interlocked.Add(ref duplicates, d);
                Interlocked.Add(ref unmatched, u);
            }
        });
        return new EventApplyResult(applied, duplicates + (events.Count - events.DistinctBy(e => e.EventId).Count()), unmatched);
    }

    private async Task<(int Applied, int Duplicates, int Unmatched)> ApplyChunkAsync(
        TableClient table, string partition, IReadOnlyList<(DeliveryEvent Event, string Contact)> chunk, CancellationToken ct)
    {
        // First taken to be new, as nearly every event is: no dedup reads, since adding an event row that exists fails
        // the whole transaction (409), and then the chunk is read again with its dedup rows.
        var assumeNew = true;
        for (var attempt = 0; ; attempt++)
        {
            var batchRow = await table.GetEntityIfExistsAsync<TableEntity>(partition, BatchRecord.RowKey, cancellationToken: ct);
            if (!batchRow.HasValue) return (0, 0, chunk.Count);
            var batch = BatchRecord.FromEntity(batchRow.Value!);

            // The chunk's delivery rows (and dedup rows), read side by side: one round trip's wait, not one per event.
            var seen = assumeNew
                ? new bool[chunk.Count]
                : (await Task.WhenAll(chunk.Select(x => table.GetEntityIfExistsAsync<TableEntity>(partition, EventRowKey(x.Event.EventId), select: ["RowKey"], cancellationToken: ct)))).Select(r => r.HasValue).ToArray();
            var deliveries = await Task.WhenAll(chunk.Select(x => table.GetEntityIfExistsAsync<TableEntity>(partition, DeliveryStore.DeliveryPrefix + x.Contact, cancellationToken: ct)));

            var fresh = new List<(DeliveryEvent Event, string Contact)>();
            var duplicates = 0;
            var unmatched = 0;
            var flagged = new HashSet<(string, string)>();
            var actions = new List<TableTransactionAction>();
            for (var i = 0; i < chunk.Count; i++)
            {
                var (e, contact) = chunk[i];
                if (seen[i])
                {
                    duplicates++;
                    continue;
                }
                var delivery = deliveries[i];
                if (!delivery.HasValue)
                {
                    unmatched++;
                    continue;
                }
                fresh.Add((e, contact));
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(partition, EventRowKey(e.EventId))
                {
                    ["Event"] = e.Name,
                    ["At"] = e.At,
                }));
                // Counted once per recipient: the first event that sets the flag moves the counter.
                if (delivery.Value!.GetBoolean(e.Counter) != true && flagged.Add((contact, e.Counter)))
                {
                    actions.Add(new(TableTransactionActionType.UpsertMerge, new TableEntity(partition, DeliveryStore.DeliveryPrefix + contact)
                    {
                        [e.Counter] = true,
                        ["LastEvent"] = e.Name,
                        ["LastEventAt"] = e.At,
                    }));
                    batch = batch.WithCount(e.Counter, 1);
                }
            }
            if (fresh.Count == 0) return (0, duplicates, unmatched);
            // When the batch last heard from the provider: a batch in doubt waits while its events are still coming in.
            batch = batch with { LastEventAt = clock.GetUtcNow() };
            actions.Add(new(TableTransactionActionType.UpdateReplace, batch.ToEntity(), batchRow.Value!.ETag));
            try
            {
                await table.SubmitTransactionAsync(MergeSameRow(actions), ct);
                return (fresh.Count, duplicates, unmatched);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409 && assumeNew)
            {
                // One of them was applied before (a replay, or a concurrent post): read the chunk in full.
                assumeNew = false;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 && attempt < MaxRetries)
            {
                // The batch row moved (a sender or another event), or a concurrent request applied one of these events: read again.
                await Task.Delay(TimeSpan.FromMilliseconds(20 * (attempt + 1)), ct);
            }
        }
    }

    /// <summary>A transaction may touch a row once: several flags for one recipient become one merge.</summary>
    private static List<TableTransactionAction> MergeSameRow(List<TableTransactionAction> actions)
    {
        var merged = new List<TableTransactionAction>();
        var byRow = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            if (action.ActionType == TableTransactionActionType.UpsertMerge && byRow.TryGetValue(action.Entity.RowKey, out var existing))
            {
                foreach (var (key, value) in (TableEntity)action.Entity)
                {
                    if (key is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp")) existing[key] = value;
                }
                continue;
            }
            if (action.ActionType == TableTransactionActionType.UpsertMerge) byRow[action.Entity.RowKey] = (TableEntity)action.Entity;
            merged.Add(action);
        }
        return merged;
    }
}
