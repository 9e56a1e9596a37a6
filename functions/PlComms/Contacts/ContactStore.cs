using System.Text;
using Azure;
using Azure.Data.Tables;
using PlComms.Platform.Storage;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.Contacts;

public sealed record ContactPage(IReadOnlyList<StoredContact> Items, string? ContinuationToken);

/// <summary>
/// Contacts in table <c>Contacts</c>: one partition per role, row key the contact id. Contact PII lives here and
/// nowhere else: deliveries and responses keep only the id. See docs/storage.md.
/// </summary>
public sealed class ContactStore(AppTables tables)
{
    public const string TableName = "Contacts";

    /// <summary>Projection for look-ups that need the address and name, not the whole row.</summary>
    internal static readonly string[] AddressColumns = ["RowKey", "Email", "GivenName", "FamilyName", "Language", "Lang"];

    public async Task<(StoredContact Contact, ETag ETag)?> GetAsync(string id, CancellationToken ct)
    {
        if (!ContactIds.TryParse(id, out var role)) return null;
        var table = await tables.GetAsync(TableName, ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ContactIds.Partition(role), id, cancellationToken: ct);
        return row.HasValue ? (StoredContact.FromEntity(row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>Erases the contact's row. False when there was none (or, with an ETag, when it changed).</summary>
    public async Task<WriteStatus> DeleteAsync(string id, ETag? etag, CancellationToken ct)
    {
        if (!ContactIds.TryParse(id, out var role)) return WriteStatus.NotFound;
        var table = await tables.GetAsync(TableName, ct);
        try
        {
            var response = await table.DeleteEntityAsync(ContactIds.Partition(role), id, etag ?? ETag.All, ct);
            return response.Status == 404 ? WriteStatus.NotFound : WriteStatus.Done;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return WriteStatus.Stale;
        }
    }

    /// <summary>
    /// One page of contacts matching <paramref name="filters"/> (one per role to search, in role order). The
    /// continuation token carries which role the page ended in and the service's own token.
    /// </summary>
    public async Task<ContactPage> QueryAsync(IReadOnlyList<ContactFilter> filters, string? continuation, int pageSize, CancellationToken ct)
    {
        var (index, serviceToken) = DecodeToken(continuation, filters.Count);
        var table = await tables.GetAsync(TableName, ct);
        var items = new List<StoredContact>();
        while (index < filters.Count && items.Count < pageSize)
        {
            var pages = table.QueryAsync<TableEntity>(filters[index].ToOData(), maxPerPage: pageSize - items.Count, cancellationToken: ct)
                .AsPages(serviceToken, pageSize - items.Count);
            string? next = null;
            await foreach (var page in pages)
            {
                items.AddRange(page.Values.Select(StoredContact.FromEntity));
                next = page.ContinuationToken;
                break;
            }
            if (next is not null) return new ContactPage(items, EncodeToken(index, next));
            (index, serviceToken) = (index + 1, null);
        }
        return new ContactPage(items, index < filters.Count ? EncodeToken(index, null) : null);
    }

    /// <summary>
    /// The ids of the next <paramref name="take"/> matching contacts after <paramref name="afterId"/> (and up to
    /// <paramref name="upToId"/>), in id order: all that planning a send batch reads. Addresses are read, and
    /// suppressions checked, when the batch is sent.
    /// </summary>
    /// <param name="reach">
    /// How far past <paramref name="afterId"/> the take probably ends (the planner passes twice the span of its previous
    /// page). The read first asks for that range only, and reads on past it only when the range held too few. The
    /// answer is the same either way; the bound spares Azurite, which sorts every row a query matches before it pages.
    /// </param>
    public async Task<IReadOnlyList<string>> NextIdsAsync(ContactFilter filter, string? afterId, int take, CancellationToken ct, string? upToId = null, UInt128? reach = null)
    {
        var table = await tables.GetAsync(TableName, ct);
        if (afterId is null || upToId is not null || reach is not { } span || span == UInt128.Zero) return await ReadIdsAsync(table, filter.ToOData(afterId, upToId), take, ct);
        var bound = ContactIds.Advance(afterId, span);
        var taken = await ReadIdsAsync(table, filter.ToOData(afterId, bound), take, ct);
        // Fewer than asked means the range is exhausted: the rest comes from past its bound.
        if (taken.Count < take) taken.AddRange(await ReadIdsAsync(table, filter.ToOData(bound), take - taken.Count, ct));
        return taken;
    }

    private static async Task<List<string>> ReadIdsAsync(TableClient table, string filter, int take, CancellationToken ct)
    {
        var taken = new List<string>(take);
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: take, select: ["RowKey"], cancellationToken: ct))
        {
            taken.Add(e.RowKey);
            if (taken.Count == take) break;
        }
        return taken;
    }

    /// <summary>How many contacts match, reading only their keys.</summary>
    public async Task<int> CountAsync(ContactFilter filter, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter.ToOData(), maxPerPage: 1000, select: ["RowKey"], cancellationToken: ct)) count++;
        return count;
    }

    /// <summary>
    /// Contacts matching <paramref name="filter"/> with ids in [<paramref name="firstId"/>, <paramref name="lastId"/>],
    /// address columns only: one range query per send batch. The filter keeps the other languages' contacts in the same
    /// id range out of the answer; the caller reads any id it expected and did not get on its own.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, StoredAddress>> AddressesAsync(ContactFilter filter, string firstId, string lastId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var result = new Dictionary<string, StoredAddress>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>(filter.ToOData(fromId: firstId, upToId: lastId), maxPerPage: 1000, select: AddressColumns, cancellationToken: ct))
            result[e.RowKey] = AddressOf(e);
        return result;
    }

    /// <summary>The identity and content hash of every stored contact of a role, so an import can tell new, changed and unchanged rows apart.</summary>
    public async Task<Dictionary<string, ContactKey>> KeysAsync(ContactRole role, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var keys = new Dictionary<string, ContactKey>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ContactIds.Partition(role)}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey", "IdentityHash", "ContentHash", "CreatedAt", "ImportedAt", "EngagedAt"], cancellationToken: ct))
        {
            if (e.GetString("IdentityHash") is { } identity)
                keys[identity] = new ContactKey(e.RowKey, e.GetString("ContentHash") ?? "", e.GetDateTimeOffset("CreatedAt") ?? default,
                    e.GetDateTimeOffset("ImportedAt") ?? default, e.GetDateTimeOffset("EngagedAt") ?? default, e.ETag);
        }
        return keys;
    }

    /// <summary>
    /// Writes one role's changes in transactions of 100 (one partition), a few at a time. Returns how many
    /// rows lost to a concurrent change (an erasure during the import); those are left as they are.
    /// </summary>
    public async Task<int> WriteAsync(ContactRole role, IReadOnlyList<TableTransactionAction> actions, CancellationToken ct)
    {
        if (actions.Count == 0) return 0;
        var table = await tables.GetAsync(TableName, ct);
        var conflicts = 0;
        await Parallel.ForEachAsync(actions.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (chunk, token) =>
        {
            try
            {
                await table.SubmitTransactionAsync(chunk, token);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // One row changed under the import (e.g. erased meanwhile): write the others one by one so only it is skipped.
                foreach (var action in chunk)
                {
                    try
                    {
                        await table.SubmitTransactionAsync([action], token);
                    }
                    catch (TableTransactionFailedException single) when (single.Status is 404 or 409 or 412)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        });
        return conflicts;
    }

    /// <summary>Marks a contact as engaged now (answered, clicked, opened); retention keeps engaged contacts.</summary>
    public async Task TouchEngagedAsync(string id, DateTimeOffset now, CancellationToken ct)
    {
        if (!ContactIds.TryParse(id, out var role)) return;
        var table = await tables.GetAsync(TableName, ct);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(ContactIds.Partition(role), id) { ["EngagedAt"] = now }, ETag.All, TableUpdateMode.Merge, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Erased meanwhile: nothing to keep.
        }
    }

    /// <summary>Ids of contacts neither imported nor engaged since <paramref name="cutoff"/>, for the retention purge.</summary>
    public async Task<IReadOnlyList<string>> StaleAsync(ContactRole role, DateTimeOffset cutoff, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ContactIds.Partition(role)} and ImportedAt lt {cutoff} and EngagedAt lt {cutoff}");
        var ids = new List<string>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: ct)) ids.Add(e.RowKey);
        return ids;
    }

    public async Task DeleteManyAsync(ContactRole role, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var partition = ContactIds.Partition(role);
        await WriteAsync(role, ids.Select(id => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, id), ETag.All)).ToList(), ct);
    }

    /// <summary>
    /// The schools and language of one role's contacts with ids in [<paramref name="firstId"/>, <paramref name="lastId"/>]:
    /// what results count people under, one range query per wave batch, no address read.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (IReadOnlyList<SchoolRef> Schools, string Language)>> GroupsAsync(ContactRole role, string firstId, string lastId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {firstId} and RowKey le {lastId} and PartitionKey eq {ContactIds.Partition(role)}");
        var result = new Dictionary<string, (IReadOnlyList<SchoolRef>, string)>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey", "Schools", "Language"], cancellationToken: ct))
            result[e.RowKey] = (StoredContact.SchoolsOf(e), e.GetString("Language") ?? "");
        return result;
    }

    private static StoredAddress AddressOf(TableEntity e) =>
        new(e.RowKey, e.GetString("Email") ?? "", JoinName(e.GetString("GivenName"), e.GetString("FamilyName")), e.GetString("Language") ?? "");

    /// <summary>One contact's address (a point read), or null when the contact was erased.</summary>
    public async Task<StoredAddress?> AddressAsync(string id, CancellationToken ct)
    {
        if (!ContactIds.TryParse(id, out var role)) return null;
        var table = await tables.GetAsync(TableName, ct);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(ContactIds.Partition(role), id, select: AddressColumns, cancellationToken: ct);
        return found.HasValue ? AddressOf(found.Value!) : null;
    }

    internal static string JoinName(string? given, string? family) => string.Join(' ', new[] { given, family }.Where(n => !string.IsNullOrWhiteSpace(n)));

    private static string EncodeToken(int index, string? serviceToken) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{index}|{serviceToken}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (int Index, string? ServiceToken) DecodeToken(string? token, int count)
    {
        if (string.IsNullOrEmpty(token)) return (0, null);
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            var bar = text.IndexOf('|');
            if (bar > 0 && int.TryParse(text[..bar], out var index) && index >= 0 && index < count)
                return (index, bar + 1 < text.Length ? text[(bar + 1)..] : null);
        }
        catch (FormatException)
        {
        }
        throw new FormatException("The continuation token is not one this API issued.");
    }
}

/// <summary>What a send needs of a contact: the address, a display name and the language.</summary>
public sealed record StoredAddress(string Id, string Email, string Name, string Language);
