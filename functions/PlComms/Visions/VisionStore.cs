using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PlComms.Platform.Http;
using PlComms.Platform.Storage;

namespace PlComms.Visions;

public sealed record StoredVision(string Id, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, VisionContent Content);

public sealed record VisionSummary(string Id, string Title, string Author, int Version, DateTimeOffset UpdatedAt);

/// <summary>A version as listed: when it was saved and under which title, without its content.</summary>
public sealed record VisionVersionSummary(int Version, DateTimeOffset SavedAt, string Title, string Author);

public enum WriteStatus
{
    Done,
    NotFound,
    Stale,
    AlreadyExists,
}

/// <summary>
/// Visions in table <c>Visions</c>. All rows share one partition, so a vision's head row and its new
/// version row are written in one atomic transaction, guarded by the head's ETag. See docs/storage.md.
/// </summary>
public sealed class VisionStore(AppTables tables, TimeProvider clock)
{
    public const string TableName = "Visions";

    /// <summary>A new vision's id: GUID v7, so ids sort by creation.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("n");
    private const string Partition = "district";
    private const string HeadPrefix = "head|";
    private const string VersionPrefix = "ver|";

    private static string HeadKey(string id) => HeadPrefix + id;

    // Zero-padded so versions sort numerically within the range query.
    private static string VersionKey(string id, int version) => $"{VersionPrefix}{id}|{version:D6}";

    public async Task<(WriteStatus Status, StoredVision? Vision)> CreateAsync(string id, VisionContent content, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var now = clock.GetUtcNow();
        var head = ToEntity(HeadKey(id), id, 1, content, now, now);
        var version = ToEntity(VersionKey(id, 1), id, 1, content, now, now);
        try
        {
            await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, head), new(TableTransactionActionType.Add, version)], ct);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return (WriteStatus.AlreadyExists, null);
        }
        return (WriteStatus.Done, new StoredVision(id, 1, now, now, content));
    }

    public async Task<StoredVision?> GetAsync(string id, CancellationToken ct)
    {
        var entity = await ReadAsync(HeadKey(id), ct);
        return entity is null ? null : FromEntity(entity);
    }

    /// <summary>Writes version <paramref name="expectedVersion"/> + 1 if the head is still at <paramref name="expectedVersion"/>.</summary>
    public async Task<(WriteStatus Status, StoredVision? Vision)> UpdateAsync(string id, int expectedVersion, VisionContent content, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var current = await ReadAsync(HeadKey(id), ct);
        if (current is null) return (WriteStatus.NotFound, null);
        var stored = FromEntity(current);
        if (stored.Version != expectedVersion) return (WriteStatus.Stale, null);

        var now = clock.GetUtcNow();
        var next = stored.Version + 1;
        var head = ToEntity(HeadKey(id), id, next, content, stored.CreatedAt, now);
        var version = ToEntity(VersionKey(id, next), id, next, content, stored.CreatedAt, now);
        try
        {
            // The head's ETag makes a concurrent writer lose with 412 instead of overwriting.
            await table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.UpdateReplace, head, current.ETag),
                new(TableTransactionActionType.Add, version),
            ], ct);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404)
        {
            return (ex.Status == 404 ? WriteStatus.NotFound : WriteStatus.Stale, null);
        }
        return (WriteStatus.Done, stored with { Version = next, UpdatedAt = now, Content = content });
    }

    public async Task<WriteStatus> DeleteAsync(string id, int? expectedVersion, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var head = await ReadAsync(HeadKey(id), ct);
        if (head is null) return WriteStatus.NotFound;
        if (expectedVersion is { } expected && FromEntity(head).Version != expected) return WriteStatus.Stale;

        var versionKeys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(RangeFilter(VersionPrefix + id + "|"), select: ["RowKey"], cancellationToken: ct))
            versionKeys.Add(row.RowKey);

        // The head goes in the first batch so the vision disappears atomically; any later batch only
        // removes version rows nobody can reach any more.
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Delete, head, head.ETag) };
        actions.AddRange(versionKeys.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, k), ETag.All)));
        try
        {
            foreach (var batch in actions.Chunk(100))
                await table.SubmitTransactionAsync(batch, ct);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 412)
        {
            return WriteStatus.Stale;
        }
        return WriteStatus.Done;
    }

    public async Task<(IReadOnlyList<VisionSummary> Items, string? Next)> ListAsync(string? continuation, int pageSize, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var pages = table.QueryAsync<TableEntity>(RangeFilter(HeadPrefix), maxPerPage: pageSize,
            select: ["RowKey", "Title", "Author", "Version", "UpdatedAt"], cancellationToken: ct).AsPages(continuation, pageSize);
        await foreach (var page in pages)
        {
            var items = page.Values.Select(e => new VisionSummary(
                e.RowKey[HeadPrefix.Length..], e.GetString("Title"), e.GetString("Author"),
                e.GetInt32("Version") ?? 0, e.GetDateTimeOffset("UpdatedAt") ?? default)).ToList();
            return (items, page.ContinuationToken);
        }
        return ([], null);
    }

    /// <summary>Every version of a vision, oldest first, without content; null when the vision does not exist.</summary>
    public async Task<IReadOnlyList<VisionVersionSummary>?> ListVersionsAsync(string id, CancellationToken ct)
    {
        if (await ReadAsync(HeadKey(id), ct) is null) return null;
        var table = await tables.GetAsync(TableName, ct);
        var versions = new List<VisionVersionSummary>();
        await foreach (var e in table.QueryAsync<TableEntity>(RangeFilter(VersionPrefix + id + "|"),
            select: ["Version", "UpdatedAt", "Title", "Author"], cancellationToken: ct))
        {
            versions.Add(new VisionVersionSummary(e.GetInt32("Version") ?? 0, e.GetDateTimeOffset("UpdatedAt") ?? default, e.GetString("Title"), e.GetString("Author")));
        }
        return versions;
    }

    public async Task<StoredVision?> GetVersionAsync(string id, int version, CancellationToken ct)
    {
        var entity = await ReadAsync(VersionKey(id, version), ct);
        return entity is null ? null : FromEntity(entity);
    }

    private async Task<TableEntity?> ReadAsync(string rowKey, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>All row keys starting with <paramref name="prefix"/> in the one partition: a range query, never a scan.</summary>
    private static string RangeFilter(string prefix)
    {
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {prefix} and RowKey lt {upper}");
    }

    /// <summary>
    /// Characters per string property. A string property holds at most 64 KiB (UTF-16, so 32,768 characters); a
    /// component's JSON longer than this continues in "Focus2", "Focus3", ... (translations can make one that long).
    /// </summary>
    internal const int ChunkCharacters = 30_000;

    // Each component is its own property (or run of properties); VisionLimits keeps the whole entity under 1 MiB.
    private static TableEntity ToEntity(string rowKey, string id, int version, VisionContent c, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        var entity = new TableEntity(Partition, rowKey)
        {
            ["VisionId"] = id,
            ["Version"] = version,
            ["CreatedAt"] = createdAt,
            ["UpdatedAt"] = updatedAt,
            ["Title"] = c.Title,
            ["Author"] = c.Author,
        };
        Put(entity, "Focus", JsonSerializer.Serialize(c.Focus, Json.Options));
        Put(entity, "ShortTermImpacts", JsonSerializer.Serialize(c.ShortTermImpacts, Json.Options));
        Put(entity, "LongTermImpacts", JsonSerializer.Serialize(c.LongTermImpacts, Json.Options));
        Put(entity, "Supports", JsonSerializer.Serialize(c.Supports, Json.Options));
        Put(entity, "Shifts", JsonSerializer.Serialize(c.Shifts, Json.Options));
        return entity;
    }

    private static void Put(TableEntity entity, string property, string json)
    {
        var part = 1;
        for (var start = 0; part == 1 || start < json.Length; part++)
        {
            var length = Math.Min(ChunkCharacters, json.Length - start);
            // Never split a surrogate pair: each property must be valid text on its own.
            if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1])) length--;
            entity[part == 1 ? property : property + part] = json.Substring(start, length);
            start += length;
        }
    }

    private static string Get(TableEntity entity, string property)
    {
        var first = entity.GetString(property);
        if (first is null) return "[]";
        if (entity.GetString(property + 2) is null) return first;
        var json = new System.Text.StringBuilder(first);
        for (var part = 2; entity.GetString(property + part) is { } more; part++) json.Append(more);
        return json.ToString();
    }

    private static StoredVision FromEntity(TableEntity e) => new(
        e.GetString("VisionId"),
        e.GetInt32("Version") ?? 0,
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetDateTimeOffset("UpdatedAt") ?? default,
        new VisionContent(
            e.GetString("Title"),
            e.GetString("Author"),
            Read<List<FocusItem>>(e, "Focus"),
            Read<List<Impact>>(e, "ShortTermImpacts"),
            Read<List<Impact>>(e, "LongTermImpacts"),
            Read<List<SupportItem>>(e, "Supports"),
            Read<List<Shift>>(e, "Shifts")));

    // Visions stored before translations existed have no "translations" fields; they read as none.
    private static T Read<T>(TableEntity e, string property) where T : new() =>
        JsonSerializer.Deserialize<T>(Get(e, property), Json.Options) ?? new T();
}
