using Azure.Data.Tables;
using PlComms.Platform.Functions;
using PlComms.Platform.Storage;

namespace PlComms.Heartbeat;

/// <summary>Records each run in table <c>TimerRuns</c>, so an operator can see that the schedule fires and storage is writable.</summary>
public sealed class HeartbeatJob(AppTables tables) : ITimerJob
{
    public const string TableName = "TimerRuns";

    public FunctionDefinition Function => FunctionCatalog.Heartbeat;

    public async Task RunAsync(TimerContext context, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        // One row per function: the last run is what is read, and an upsert keeps the partition tiny.
        await table.UpsertEntityAsync(new TableEntity(Function.Name, "last")
        {
            ["LastRunAt"] = context.StartedAt,
            ["Source"] = context.Source,
            ["IsPastDue"] = context.IsPastDue,
        }, TableUpdateMode.Replace, cancellationToken);
        context.Log($"Heartbeat recorded at {context.StartedAt:O} ({context.Source}).");
    }

    public static async Task<DateTimeOffset?> LastRunAsync(AppTables tables, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(FunctionCatalog.Heartbeat.Name, "last", cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetDateTimeOffset("LastRunAt") : null;
    }
}
