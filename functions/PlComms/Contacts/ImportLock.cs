using Azure;
using Azure.Data.Tables;
using PlComms.Platform.Storage;

namespace PlComms.Contacts;

/// <summary>
/// One import at a time. Two imports diffing against the same roster could both create the same new person, so
/// an import claims this row (ETag-guarded) first. The claim expires, so a crashed import never blocks the next.
/// </summary>
public sealed class ImportLock(AppTables tables, TimeProvider clock)
{
    private const string Partition = "~import";
    private const string Row = "lock";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>The held lock's ETag, or null when another import holds it.</summary>
    public async Task<ETag?> TryAcquireAsync(CancellationToken ct)
    {
        var table = await tables.GetAsync(ContactStore.TableName, ct);
        var now = clock.GetUtcNow();
        var entity = new TableEntity(Partition, Row) { ["Until"] = now + Lifetime };
        try
        {
            return (await table.AddEntityAsync(entity, ct)).Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }
        var current = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: ct);
        if (current.HasValue && current.Value!.GetDateTimeOffset("Until") > now) return null;
        try
        {
            return current.HasValue
                ? (await table.UpdateEntityAsync(entity, current.Value!.ETag, TableUpdateMode.Replace, ct)).Headers.ETag
                : (await table.AddEntityAsync(entity, ct)).Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return null;
        }
    }

    public async Task ReleaseAsync(ETag etag)
    {
        var table = await tables.GetAsync(ContactStore.TableName, CancellationToken.None);
        try
        {
            await table.DeleteEntityAsync(Partition, Row, etag, CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Expired and taken over by a later import: that one releases it.
        }
    }
}
