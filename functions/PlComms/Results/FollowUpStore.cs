using System.Text.Json;
using Azure.Data.Tables;
using PlComms.Platform.Http;
using PlComms.Platform.Storage;
using PlComms.Shared;

namespace PlComms.Results;

public sealed record StoredRule(string Id, FollowUpRule Rule, DateTimeOffset CreatedAt);

/// <summary>A rule that fired for one group of one wave: the figures, the reason, and the campaign it made.</summary>
public sealed record StoredFollowUp(
    string Id, string RuleId, string RuleName, string SurveyId, int WaveIndex, string WaveId, string Group, Dimension Dimension, string Label,
    int N, double FavorablePercent, double? PreviousFavorablePercent, string Reason, FollowUpActionKind Action, string CampaignId, DateTimeOffset FiredAt);

/// <summary>
/// Follow-up rules (table <c>FollowUpRules</c>) and their firings (table <c>FollowUps</c>), each in one partition: a
/// district has a handful of rules and a few firings a wave. A firing's id is derived from its rule, wave and group,
/// so a timer that fires twice finds the first firing there (one wave, one rule, one group, one follow-up).
/// </summary>
public sealed class FollowUpStore(AppTables tables)
{
    public const string RulesTable = "FollowUpRules";
    public const string FiringsTable = "FollowUps";
    private const string Partition = "all";

    public static string FiringId(string ruleId, string waveId, string group) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"follow-up|{ruleId}|{waveId}|{group}")).AsSpan(0, 16));

    public async Task AddRuleAsync(StoredRule rule, CancellationToken ct) =>
        await (await tables.GetAsync(RulesTable, ct)).AddEntityAsync(new TableEntity(Partition, rule.Id)
        {
            ["SurveyId"] = rule.Rule.SurveyId,
            ["Rule"] = JsonSerializer.Serialize(rule.Rule, Json.Options),
            ["CreatedAt"] = rule.CreatedAt,
        }, ct);

    public async Task<StoredRule?> GetRuleAsync(string id, CancellationToken ct)
    {
        var row = await (await tables.GetAsync(RulesTable, ct)).GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: ct);
        return row.HasValue ? Rule(row.Value!) : null;
    }

    public async Task<bool> DeleteRuleAsync(string id, CancellationToken ct) =>
        (await (await tables.GetAsync(RulesTable, ct)).DeleteEntityAsync(Partition, id, Azure.ETag.All, ct)).Status != 404;

    /// <summary>Every rule, or a survey's: one partition query.</summary>
    public async Task<IReadOnlyList<StoredRule>> RulesAsync(string? surveyId, CancellationToken ct)
    {
        var filter = surveyId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and SurveyId eq {surveyId}");
        var result = new List<StoredRule>();
        await foreach (var e in (await tables.GetAsync(RulesTable, ct)).QueryAsync<TableEntity>(filter, cancellationToken: ct)) result.Add(Rule(e));
        return result;
    }

    /// <summary>Records a firing; false when it was recorded before.</summary>
    public async Task<bool> TryAddFiringAsync(StoredFollowUp f, CancellationToken ct) =>
        await (await tables.GetAsync(FiringsTable, ct)).TryAddAsync(new TableEntity(Partition, f.Id)
        {
            ["Body"] = JsonSerializer.Serialize(f, Json.Options),
            ["SurveyId"] = f.SurveyId,
            ["FiredAt"] = f.FiredAt,
        }, ct);

    public async Task<IReadOnlyList<StoredFollowUp>> FiringsAsync(string? surveyId, CancellationToken ct)
    {
        var filter = surveyId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and SurveyId eq {surveyId}");
        var result = new List<StoredFollowUp>();
        await foreach (var e in (await tables.GetAsync(FiringsTable, ct)).QueryAsync<TableEntity>(filter, cancellationToken: ct))
            result.Add(JsonSerializer.Deserialize<StoredFollowUp>(e.GetString("Body")!, Json.Options)!);
        return [.. result.OrderBy(f => f.FiredAt).ThenBy(f => f.Id, StringComparer.Ordinal)];
    }

    private static StoredRule Rule(TableEntity e) =>
        new(e.RowKey, JsonSerializer.Deserialize<FollowUpRule>(e.GetString("Rule")!, Json.Options)!, e.GetDateTimeOffset("CreatedAt") ?? default);
}
