using Azure;
using Azure.Data.Tables;
using PlComms.Contacts;
using PlComms.Platform.Storage;
using PlComms.Shared;

namespace PlComms.Delivery;

public sealed record StoredSuppression(
    string Id,
    string Email,
    SuppressionScope Scope,
    SuppressionReason Reason,
    string Source,
    string? Note,
    DateTimeOffset CreatedAt);

/// <summary>
/// Suppressions in table <c>Suppressions</c>, all in one partition keyed by the address's hash and the scope.
/// Every change also rewrites a version row in the same transaction, so a sender can keep the whole set in memory
/// and re-read it only when the version moved: checked on every send for one point read. See docs/storage.md.
/// </summary>
public sealed class SuppressionStore(AppTables tables, TimeProvider clock)
{
    public const string TableName = "Suppressions";
    private const string Partition = "suppressions";
    private const string VersionRow = "~version";

    private volatile SuppressionSet? _cached;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static string RowKey(string email, SuppressionScope scope) => $"{ContactIds.Hash(Normalize(email))}|{WireName<SuppressionScope>.Of(scope)}";

    /// <summary>API ids use '.' for the row key's '|', so they fit a URL path segment.</summary>
    public static string IdOf(string rowKey) => rowKey.Replace('|', '.');

    /// <summary>Adds a suppression; false when the same address and scope were already suppressed (the first record is kept).</summary>
    public async Task<bool> AddAsync(string email, SuppressionScope scope, SuppressionReason reason, string source, string? note, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var row = new TableEntity(Partition, RowKey(email, scope))
        {
            ["Email"] = Normalize(email),
            ["Scope"] = WireName<SuppressionScope>.Of(scope),
            ["Reason"] = WireName<SuppressionReason>.Of(reason),
            ["Source"] = source,
            ["Note"] = note,
            ["CreatedAt"] = clock.GetUtcNow(),
        };
        try
        {
            await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, row), BumpVersion()], ct);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> RemoveAsync(string id, CancellationToken ct)
    {
        var rowKey = id.Replace('.', '|');
        var table = await tables.GetAsync(TableName, ct);
        try
        {
            await table.SubmitTransactionAsync([new(TableTransactionActionType.Delete, new TableEntity(Partition, rowKey), ETag.All), BumpVersion()], ct);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    public async Task<StoredSuppression?> GetAsync(string id, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id.Replace('.', '|'), cancellationToken: ct);
        return row.HasValue ? From(row.Value!) : null;
    }

    /// <summary>A page of suppressions, optionally those of one address.</summary>
    public async Task<(IReadOnlyList<StoredSuppression> Items, string? Next)> ListAsync(string? email, string? continuation, int pageSize, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var filter = email is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {"~"}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {ContactIds.Hash(Normalize(email)) + "|"} and RowKey lt {ContactIds.Hash(Normalize(email)) + "}"}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: ct).AsPages(continuation, pageSize))
            return (page.Values.Select(From).ToList(), page.ContinuationToken);
        return ([], null);
    }

    /// <summary>The current set: one point read when nothing changed since the last call, else the whole partition's keys.</summary>
    public async Task<SuppressionSet> CurrentAsync(CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var version = await table.GetEntityIfExistsAsync<TableEntity>(Partition, VersionRow, select: ["Version"], cancellationToken: ct);
        var stamp = version.HasValue ? version.Value!.GetString("Version") ?? "" : "";
        if (_cached is { } cached && cached.Version == stamp) return cached;

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {"~"}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: ct)) keys.Add(e.RowKey);
        // Read after the version, so a change made meanwhile is either in this set or moves the version again.
        var set = new SuppressionSet(stamp, keys);
        _cached = set;
        return set;
    }

    private static TableTransactionAction BumpVersion() =>
        new(TableTransactionActionType.UpsertMerge, new TableEntity(Partition, VersionRow) { ["Version"] = Guid.NewGuid().ToString("n") });

    private static StoredSuppression From(TableEntity e) => new(
        IdOf(e.RowKey),
        e.GetString("Email") ?? "",
        WireName<SuppressionScope>.TryParse(e.GetString("Scope"), out var scope) ? scope : SuppressionScope.All,
        WireName<SuppressionReason>.TryParse(e.GetString("Reason"), out var reason) ? reason : SuppressionReason.Manual,
        e.GetString("Source") ?? "",
        e.GetString("Note"),
        e.GetDateTimeOffset("CreatedAt") ?? default);
}

/// <summary>A snapshot of the suppression keys, labelled with the version it was read at.</summary>
public sealed class SuppressionSet(string version, HashSet<string> keys)
{
    public string Version { get; } = version;

    public int Count => keys.Count;

    public bool IsSuppressed(string email, MessageStream stream) =>
        keys.Contains(SuppressionStore.RowKey(email, SuppressionScope.All))
        || keys.Contains(SuppressionStore.RowKey(email, SuppressionScopes.Of(stream)));
}
