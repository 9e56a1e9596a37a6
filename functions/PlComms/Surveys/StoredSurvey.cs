using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using PlComms.Platform.Http;
using PlComms.Shared;

namespace PlComms.Surveys;

/// <summary>Active until its last wave has closed (then completed); paused by the officer, when due waves are skipped.</summary>
public enum SurveyStatus
{
    Active,
    Paused,
    Completed,
}

/// <summary>Open from its opening until its window ends; skipped when it fell due while the survey was paused or its whole window had passed.</summary>
public enum WaveStatus
{
    Open,
    Closed,
    Skipped,
}

/// <summary>A survey and the scheduler's checkpoint: <see cref="NextWave"/> is the index of the first wave not yet opened or skipped.</summary>
public sealed record StoredSurvey(string Id, SurveyDefinition Definition, SurveyStatus Status, int NextWave, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    internal TableEntity ToEntity() => new(SurveyStore.SurveysPartition, Id)
    {
        ["Definition"] = JsonSerializer.Serialize(Definition, Json.Options),
        ["Status"] = WireName<SurveyStatus>.Of(Status),
        ["NextWave"] = NextWave,
        ["CreatedAt"] = CreatedAt,
        ["UpdatedAt"] = UpdatedAt,
    };

    internal static StoredSurvey FromEntity(TableEntity e) => new(
        e.RowKey,
        JsonSerializer.Deserialize<SurveyDefinition>(e.GetString("Definition")!, Json.Options)!,
        WireName<SurveyStatus>.Parse(e.GetString("Status")),
        e.GetInt32("NextWave") ?? 0,
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetDateTimeOffset("UpdatedAt") ?? default);
}

/// <summary>One wave of a survey. <see cref="WaveId"/> is also the id of the send that carries its invitation.</summary>
public sealed record StoredWave(
    string SurveyId,
    int Index,
    string WaveId,
    DateTimeOffset DueAt,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    WaveStatus Status,
    int RemindersQueued,
    string? Note)
{
    internal static string RowKey(int index) => $"wave-{index:D4}";

    internal TableEntity ToEntity() => new(SurveyId, RowKey(Index))
    {
        ["WaveIndex"] = Index,
        ["WaveId"] = WaveId,
        ["DueAt"] = DueAt,
        ["OpensAt"] = OpensAt,
        ["ClosesAt"] = ClosesAt,
        ["Status"] = WireName<WaveStatus>.Of(Status),
        ["RemindersQueued"] = RemindersQueued,
        ["Note"] = Note,
    };

    internal static StoredWave FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.GetInt32("WaveIndex") ?? 0,
        e.GetString("WaveId") ?? "",
        e.GetDateTimeOffset("DueAt") ?? default,
        e.GetDateTimeOffset("OpensAt") ?? default,
        e.GetDateTimeOffset("ClosesAt") ?? default,
        WireName<WaveStatus>.Parse(e.GetString("Status")),
        e.GetInt32("RemindersQueued") ?? 0,
        e.GetString("Note"));
}

/// <summary>
/// Ids derived from what they name, so the timer that creates a wave or a reminder twice (a double fire, a restart)
/// computes the same id both times and the second insert finds the first: 32 hex digits, like every send id.
/// </summary>
public static class SurveyIds
{
    public static string Wave(string surveyId, int index) => Hash($"wave|{surveyId}|{index}");

    public static string Reminder(string surveyId, int index, int reminder) => Hash($"reminder|{surveyId}|{index}|{reminder}");

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
