using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PlComms.Platform.Http;
using PlComms.Platform.Storage;
using PlComms.Visions;

namespace PlComms.Messages;

/// <summary>
/// Message drafts in table <c>Messages</c>, partitioned by vision: every read names its vision, and one
/// generation's drafts are written in a single transaction. See docs/storage.md.
/// </summary>
public sealed class MessageStore(AppTables tables)
{
    public const string TableName = "Messages";

    /// <summary>Stores all drafts of one generation atomically; they share the vision's partition.</summary>
    public async Task AddAllAsync(IReadOnlyList<StoredMessage> messages, CancellationToken ct)
    {
        if (messages.Count == 0) return;
        if (messages.Count > 100 || messages.Select(m => m.VisionId).Distinct().Count() != 1)
            throw new ArgumentException("One transaction holds at most 100 messages of one vision.", nameof(messages));
        var table = await tables.GetAsync(TableName, ct);
        await table.SubmitTransactionAsync(messages.Select(m => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(m))), ct);
    }

    /// <summary>The message and the row's ETag, which a later <see cref="ReplaceAsync"/> must present.</summary>
    public async Task<(StoredMessage Message, ETag ETag)?> GetAsync(string visionId, string messageId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(visionId, messageId, cancellationToken: ct);
        return row.HasValue ? (FromEntity(row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>Every message of a vision, oldest first (ids are time-ordered). A single-partition query.</summary>
    public async Task<IReadOnlyList<StoredMessage>> ListAsync(string visionId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var messages = new List<StoredMessage>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {visionId}"), cancellationToken: ct))
            messages.Add(FromEntity(e));
        return messages;
    }

    /// <summary>Replaces the message if the row is unchanged since it was read with <paramref name="etag"/>; false when someone else saved first.</summary>
    public async Task<bool> ReplaceAsync(StoredMessage updated, ETag etag, CancellationToken ct)
    {
        return await (await tables.GetAsync(TableName, ct)).TryReplaceAsync(ToEntity(updated), etag, ct) is not null;
    }

    /// <summary>Removes a deleted vision's messages, in batches of 100.</summary>
    public async Task DeleteAllAsync(string visionId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableName, ct);
        var keys = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {visionId}"), select: ["RowKey"], cancellationToken: ct))
            keys.Add(new TableEntity(visionId, e.RowKey));
        foreach (var batch in keys.Chunk(100))
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), ct);
    }

    private static TableEntity ToEntity(StoredMessage m) => new(m.VisionId, m.Id)
    {
        ["VisionVersion"] = m.VisionVersion,
        ["Audience"] = Shared.WireName<Shared.Audience>.Of(m.Audience),
        ["Language"] = m.Language.Tag,
        ["Channels"] = JsonSerializer.Serialize(m.Channels, Json.Options),
        ["Composer"] = m.Composer,
        ["Model"] = m.Model,
        ["PromptVersion"] = m.PromptVersion,
        ["FallbackReason"] = m.FallbackReason,
        ["Message"] = JsonSerializer.Serialize(m.Message, Json.Options),
        ["Violations"] = JsonSerializer.Serialize(m.Report.Violations, Json.Options),
        ["Revision"] = m.Revision,
        ["CreatedAt"] = m.CreatedAt,
        ["UpdatedAt"] = m.UpdatedAt,
        ["ApprovedBy"] = m.ApprovedBy,
        ["ApprovedAt"] = m.ApprovedAt,
        ["ApprovedHash"] = m.ApprovedHash,
    };

    private static StoredMessage FromEntity(TableEntity e) => new(
        e.RowKey,
        e.PartitionKey,
        e.GetInt32("VisionVersion") ?? 0,
        JsonSerializer.Deserialize<List<Channel>>(e.GetString("Channels") ?? "[]", Json.Options) ?? [],
        e.GetString("Composer"),
        e.GetString("Model"),
        e.GetString("PromptVersion"),
        e.GetString("FallbackReason"),
        JsonSerializer.Deserialize<StructuredMessage>(e.GetString("Message"), Json.Options)!,
        new GuardrailReport(JsonSerializer.Deserialize<List<GuardrailViolation>>(e.GetString("Violations") ?? "[]", Json.Options) ?? []),
        e.GetInt32("Revision") ?? 1,
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetDateTimeOffset("UpdatedAt") ?? default,
        e.GetString("ApprovedBy"),
        e.GetDateTimeOffset("ApprovedAt"),
        e.GetString("ApprovedHash"));
}
