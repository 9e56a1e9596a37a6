using Azure;
using Azure.Data.Tables;

namespace PlComms.Platform.Storage;

/// <summary>
/// The two writes every store's state changes are made of: an insert that may find the row there already (a double
/// timer fire, a retried message), and a replace under the ETag just read. Both report a lost race as a value, so
/// callers decide what losing means, and never overwrite what another writer saved.
/// </summary>
public static class GuardedWrites
{
    /// <summary>Inserts the row; false when a row with its keys already exists.</summary>
    public static async Task<bool> TryAddAsync(this TableClient table, ITableEntity entity, CancellationToken ct)
    {
        try
        {
            await table.AddEntityAsync(entity, ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces the row if it has not changed since <paramref name="etag"/>: the new ETag, or null when it changed or is gone.</summary>
    public static async Task<ETag?> TryReplaceAsync(this TableClient table, ITableEntity entity, ETag etag, CancellationToken ct)
    {
        try
        {
            return (await table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, ct)).Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }
}
