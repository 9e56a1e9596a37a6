using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PlComms.Platform.Http;
using PlComms.Platform.Storage;

namespace PlComms.Results;

/// <summary>
/// Where a wave's aggregation stands. A round recounts every batch of the wave; once every batch row has counted the
/// round it is merged into the wave row. <see cref="Final"/> is set by the first merge of a round that began after the
/// wave closed: from then on the figures never change, and follow-up rules may read them.
/// </summary>
public sealed record AggregationState(int Round, DateTimeOffset? RoundStartedAt, int MergedRound, DateTimeOffset? AggregatedAt, bool Final, bool FollowUpsEvaluated)
{
    public static AggregationState None { get; } = new(0, null, 0, null, false, false);

    public bool RoundOpen => Round > MergedRound;
}

/// <summary>
/// Aggregates in table <c>SurveyResults</c>, one partition per wave: a row per wave batch (<c>batch-{n}</c>, its tally
/// and the round it counted) and the wave's merged tally with the aggregation state (<c>wave</c>). Results read the
/// wave rows only: one point read per wave, never a response. See docs/storage.md.
/// </summary>
public sealed class ResultsStore(AppTables tables)
{
    public const string TableName = "SurveyResults";
    private const string WaveRow = "wave";

    private static string BatchRow(int batch) => $"batch-{batch:D5}";

    public async Task WriteBatchAsync(string waveId, int batch, int round, WaveTally tally, CancellationToken ct)
    {
        var entity = new TableEntity(waveId, BatchRow(batch)) { ["Round"] = round };
        ChunkedText.Write(entity, "Tally", JsonSerializer.Serialize(tally, Json.Options));
        await (await tables.GetAsync(TableName, ct)).UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
    }

    /// <summary>Every batch row of a wave: its number, the round it counted, its tally (one partition query).</summary>
    public async Task<IReadOnlyList<(int Batch, int Round, WaveTally Tally)>> BatchesAsync(string waveId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {waveId} and RowKey ge {"batch-"} and RowKey lt {"batch."}");
        var result = new List<(int, int, WaveTally)>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            result.Add((int.Parse(e.RowKey["batch-".Length..]), e.GetInt32("Round") ?? 0, Tally(e) ?? new WaveTally()));
        return result;
    }

    /// <summary>The wave's merged tally (null before the first merge) and its aggregation state, with the row's ETag (null when there is no row).</summary>
    public async Task<(WaveTally? Tally, AggregationState State, ETag? ETag)> WaveAsync(string waveId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(waveId, WaveRow, cancellationToken: ct);
        if (!row.HasValue) return (null, AggregationState.None, null);
        var e = row.Value!;
        var state = new AggregationState(e.GetInt32("Round") ?? 0, e.GetDateTimeOffset("RoundStartedAt"), e.GetInt32("MergedRound") ?? 0,
            e.GetDateTimeOffset("AggregatedAt"), e.GetBoolean("Final") ?? false, e.GetBoolean("FollowUpsEvaluated") ?? false);
        return (Tally(e), state, e.ETag);
    }

    /// <summary>Writes the wave row (its tally when given, else the one stored stays) under <paramref name="etag"/> (null: insert); false when another writer won.</summary>
    public async Task<bool> WriteWaveAsync(string waveId, AggregationState state, WaveTally? tally, ETag? etag, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var entity = new TableEntity(waveId, WaveRow)
        {
            ["Round"] = state.Round,
            ["RoundStartedAt"] = state.RoundStartedAt,
            ["MergedRound"] = state.MergedRound,
            ["AggregatedAt"] = state.AggregatedAt,
            ["Final"] = state.Final,
            ["FollowUpsEvaluated"] = state.FollowUpsEvaluated,
        };
        if (tally is not null) ChunkedText.Write(entity, "Tally", JsonSerializer.Serialize(tally, Json.Options));
        if (etag is not { } known) return await table.TryAddAsync(entity, ct);
        // Merge keeps the stored tally when this write carries none (a round starting, follow-ups recorded).
        try
        {
            await table.UpdateEntityAsync(entity, known, tally is null ? TableUpdateMode.Merge : TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    private static WaveTally? Tally(TableEntity e) =>
        ChunkedText.Read(e, "Tally") is { } json ? JsonSerializer.Deserialize<WaveTally>(json, Json.Options) : null;
}
