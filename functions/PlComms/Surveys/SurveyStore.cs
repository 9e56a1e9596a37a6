using Azure;
using Azure.Data.Tables;
using PlComms.Platform.Storage;
using PlComms.Shared;

namespace PlComms.Surveys;

/// <summary>
/// Surveys and their waves in table <c>Surveys</c>: survey rows in partition <c>surveys</c> (a district runs a handful,
/// so the timer's "which surveys" and the officer's list are one partition query), each survey's waves in a partition
/// named by the survey id. Every change is ETag-guarded. See docs/storage.md.
/// </summary>
public sealed class SurveyStore(AppTables tables)
{
    public const string TableName = "Surveys";
    internal const string SurveysPartition = "surveys";

    public async Task AddAsync(StoredSurvey survey, CancellationToken ct) =>
        await (await tables.GetAsync(TableName, ct)).AddEntityAsync(survey.ToEntity(), ct);

    public async Task<(StoredSurvey Survey, ETag ETag)?> GetAsync(string id, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(SurveysPartition, id, cancellationToken: ct);
        return row.HasValue ? (StoredSurvey.FromEntity(row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>Replaces the survey if unchanged since <paramref name="etag"/>; the new ETag, or null when another writer won.</summary>
    public async Task<ETag?> ReplaceAsync(StoredSurvey survey, ETag etag, CancellationToken ct)
    {
        return await (await tables.GetAsync(TableName, ct)).TryReplaceAsync(survey.ToEntity(), etag, ct);
    }

    /// <summary>Surveys in the given states with their ETags, oldest first.</summary>
    public async Task<IReadOnlyList<(StoredSurvey Survey, ETag ETag)>> InStatesAsync(IReadOnlyList<SurveyStatus> states, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var statusFilter = string.Join(" or ", states.Select(s => TableClient.CreateQueryFilter($"Status eq {WireName<SurveyStatus>.Of(s)}")));
        var result = new List<(StoredSurvey, ETag)>();
        await foreach (var e in table.QueryAsync<TableEntity>($"{TableClient.CreateQueryFilter($"PartitionKey eq {SurveysPartition}")} and ({statusFilter})", cancellationToken: ct))
            result.Add((StoredSurvey.FromEntity(e), e.ETag));
        return result;
    }

    public async Task<(IReadOnlyList<StoredSurvey> Items, string? Next)> ListAsync(string? continuation, int pageSize, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SurveysPartition}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: ct).AsPages(continuation, pageSize))
            return (page.Values.Select(StoredSurvey.FromEntity).ToList(), page.ContinuationToken);
        return ([], null);
    }

    /// <summary>Inserts a wave row; false when it already exists (another timer run wrote it).</summary>
    public async Task<bool> AddWaveAsync(StoredWave wave, CancellationToken ct)
    {
        return await (await tables.GetAsync(TableName, ct)).TryAddAsync(wave.ToEntity(), ct);
    }

    public async Task<ETag?> ReplaceWaveAsync(StoredWave wave, ETag etag, CancellationToken ct)
    {
        return await (await tables.GetAsync(TableName, ct)).TryReplaceAsync(wave.ToEntity(), etag, ct);
    }

    /// <summary>A survey's waves in order, with their ETags: one partition query.</summary>
    public async Task<IReadOnlyList<(StoredWave Wave, ETag ETag)>> WavesAsync(string surveyId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var result = new List<(StoredWave, ETag)>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {surveyId}"), cancellationToken: ct))
            result.Add((StoredWave.FromEntity(e), e.ETag));
        return result;
    }
}
