using Azure;
using Azure.Data.Tables;
using PlComms.Platform.Storage;
using PlComms.Shared;

namespace PlComms.Campaigns;

/// <summary>
/// Campaigns in table <c>Campaigns</c>, one partition (a district runs tens of campaigns a year, not thousands): the
/// timer's "what is due" and "what is in flight" queries stay inside it. Every state change is ETag-guarded, which is
/// what makes a double timer fire or two planners harmless. See docs/storage.md.
/// </summary>
public sealed class CampaignStore(AppTables tables)
{
    public const string TableName = "Campaigns";
    internal const string Partition = "campaigns";

    public async Task AddAsync(StoredCampaign campaign, CancellationToken ct) =>
        await (await tables.GetAsync(TableName, ct)).AddEntityAsync(campaign.ToEntity(), ct);

    /// <summary>Inserts a send whose id is derived from what it sends (a survey wave or reminder); false when it exists already.</summary>
    public async Task<bool> TryAddAsync(StoredCampaign campaign, CancellationToken ct) =>
        await (await tables.GetAsync(TableName, ct)).TryAddAsync(campaign.ToEntity(), ct);

    public async Task<(StoredCampaign Campaign, ETag ETag)?> GetAsync(string id, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: ct);
        return row.HasValue ? (StoredCampaign.FromEntity(row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>Replaces the campaign if unchanged since <paramref name="etag"/>; the new ETag, or null when another writer won.</summary>
    public async Task<ETag?> ReplaceAsync(StoredCampaign campaign, ETag etag, CancellationToken ct)
    {
        return await (await tables.GetAsync(TableName, ct)).TryReplaceAsync(campaign.ToEntity(), etag, ct);
    }

    /// <summary>Campaigns in the given states, with their ETags (the timer's due and in-flight checks).</summary>
    public async Task<IReadOnlyList<(StoredCampaign Campaign, ETag ETag)>> InStatesAsync(IReadOnlyList<CampaignStatus> states, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var statusFilter = string.Join(" or ", states.Select(s => TableClient.CreateQueryFilter($"Status eq {WireName<CampaignStatus>.Of(s)}")));
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")} and ({statusFilter})";
        var result = new List<(StoredCampaign, ETag)>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) result.Add((StoredCampaign.FromEntity(e), e.ETag));
        return result;
    }

    /// <summary>A page of campaigns, oldest first (ids are time-ordered).</summary>
    public async Task<(IReadOnlyList<StoredCampaign> Items, string? Next)> ListAsync(string? continuation, int pageSize, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: ct).AsPages(continuation, pageSize))
            return (page.Values.Select(StoredCampaign.FromEntity).ToList(), page.ContinuationToken);
        return ([], null);
    }
}
