using Azure.Data.Tables;
using PlComms.Delivery;
using PlComms.Platform.Storage;
using PlComms.Shared;

namespace PlComms.Surveys;

/// <summary>A stored response: the wave's delivery it answers, the answers by question id, and how and when it came.</summary>
public sealed record StoredResponse(string DeliveryId, string SurveyId, int WaveIndex, SurveyAnswers Answers, ResponseChannel Channel, string Language, DateTimeOffset AnsweredAt);

/// <summary>
/// Responses in table <c>SurveyResponses</c>, one row per wave delivery: partition <c>{waveId}|{batch}</c> (the wave
/// batch the invitation went out in, at most 1,000 people), row key the contact id. No address, no name: the row is
/// reached through the delivery id the signed link carries. A later answer merges into the same row, so each
/// delivery has one response. The partitioning keeps any one partition to at most 1,000 writers (docs/storage.md).
/// </summary>
public sealed class ResponseStore(AppTables tables, [FromKeyedServices(ResponseStore.WriteGateKey)] WriteGate gate)
{
    public const string TableName = "SurveyResponses";
    internal const string AnswerPrefix = "A_";

    /// <summary>The DI key of the gate every answer's write goes through (<see cref="DefaultWriteGate"/> unless a test registers its own).</summary>
    public const string WriteGateKey = "survey-answers";

    /// <summary>Sixteen answer writes in flight per instance; an answer that cannot start within 10 s gets a retryable 503.</summary>
    public static WriteGate DefaultWriteGate() => new(16, TimeSpan.FromSeconds(10));

    /// <summary>Records (or updates) the response of one wave delivery in a single upsert-merge: answers given now replace earlier ones to the same questions.</summary>
    public async Task RecordAsync(StoredResponse response, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var entity = ToEntity(response);
        await gate.RunAsync(c => table.UpsertEntityAsync(entity, TableUpdateMode.Merge, c), ct);
    }

    internal static TableEntity ToEntity(StoredResponse response)
    {
        if (!DeliveryIds.TryParse(response.DeliveryId, out var waveId, out var batch, out var contactId))
            throw new ArgumentException("Not a delivery id.", nameof(response));
        var entity = new TableEntity(DeliveryIds.Partition(waveId, batch), contactId)
        {
            ["DeliveryId"] = response.DeliveryId,
            ["SurveyId"] = response.SurveyId,
            ["WaveIndex"] = response.WaveIndex,
            ["Channel"] = WireName<ResponseChannel>.Of(response.Channel),
            ["Language"] = response.Language,
            ["AnsweredAt"] = response.AnsweredAt,
        };
        foreach (var (question, value) in response.Answers.Values) entity[AnswerPrefix + ColumnName(question)] = value;
        return entity;
    }

    public async Task<StoredResponse?> GetAsync(string deliveryId, CancellationToken ct)
    {
        if (!DeliveryIds.TryParse(deliveryId, out var waveId, out var batch, out var contactId)) return null;
        var table = await tables.GetAsync(TableName, ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(DeliveryIds.Partition(waveId, batch), contactId, cancellationToken: ct);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>The contacts of one wave batch who have answered: one partition query, keys only.</summary>
    public async Task<IReadOnlySet<string>> RespondentsAsync(string waveId, int batch, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var result = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {DeliveryIds.Partition(waveId, batch)}"), select: ["RowKey"], cancellationToken: ct))
            result.Add(e.RowKey);
        return result;
    }

    /// <summary>Every response of one wave batch, by contact id: one partition query, for aggregation (never on a request path).</summary>
    public async Task<IReadOnlyList<(string ContactId, SurveyAnswers Answers)>> AnswersAsync(string waveId, int batch, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var result = new List<(string, SurveyAnswers)>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {DeliveryIds.Partition(waveId, batch)}"), cancellationToken: ct))
            result.Add((e.RowKey, FromEntity(e).Answers));
        return result;
    }

    // Question ids are kebab-case; table property names may not hold '-'.
    private static string ColumnName(string questionId) => questionId.Replace('-', '_');

    internal static StoredResponse FromEntity(TableEntity e)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in e)
        {
            if (key.StartsWith(AnswerPrefix, StringComparison.Ordinal) && value is string s) answers[key[AnswerPrefix.Length..].Replace('_', '-')] = s;
        }
        return new StoredResponse(e.GetString("DeliveryId") ?? "", e.GetString("SurveyId") ?? "", e.GetInt32("WaveIndex") ?? 0, new SurveyAnswers(answers),
            WireName<ResponseChannel>.Parse(e.GetString("Channel")), e.GetString("Language") ?? "en", e.GetDateTimeOffset("AnsweredAt") ?? default);
    }
}
