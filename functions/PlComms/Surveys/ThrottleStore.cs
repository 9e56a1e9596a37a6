using Azure;
using Azure.Data.Tables;
using PlComms.Contacts;
using PlComms.Platform.Storage;

namespace PlComms.Surveys;

/// <summary>
/// The per-person survey throttle in table <c>SurveyThrottle</c>: partition the contact's role, row key the contact id,
/// holding when the person was last sent a survey email and for which wave. No address. A sender claims its
/// recipients here just before it sends, with ETags, so two surveys sending at once cannot both email one person.
/// </summary>
public sealed class ThrottleStore(AppTables tables)
{
    public const string TableName = "SurveyThrottle";
    private const int Attempts = 3;

    public sealed record Claim(IReadOnlyList<string> Allowed, IReadOnlyList<string> Throttled);

    /// <summary>
    /// Of <paramref name="contactIds"/> (one role, in id order), those the throttle lets <paramref name="waveId"/> email
    /// now, recorded as emailed now for that wave; the others are throttled. A chunk that loses a race is read again
    /// and decided again; one that keeps losing counts as throttled, so nobody is emailed twice.
    /// </summary>
    public async Task<Claim> ClaimAsync(ContactRole role, IReadOnlyList<string> contactIds, string waveId, TimeSpan throttle, DateTimeOffset now, CancellationToken ct)
    {
        var allowed = new List<string>();
        var throttled = new List<string>();
        if (contactIds.Count == 0) return new Claim(allowed, throttled);
        var table = await tables.GetAsync(TableName, ct);
        var partition = ContactIds.Partition(role);
        foreach (var chunk in contactIds.Chunk(100))
        {
            var settled = false;
            for (var attempt = 0; attempt < Attempts && !settled; attempt++)
            {
                var rows = await ReadAsync(table, partition, chunk[0], chunk[^1], ct);
                var ok = new List<string>();
                var no = new List<string>();
                var actions = new List<TableTransactionAction>();
                foreach (var id in chunk)
                {
                    var row = rows.GetValueOrDefault(id);
                    if (!SurveyThrottle.Allows(row?.GetDateTimeOffset("LastSentAt"), row?.GetString("LastWaveId"), waveId, throttle, now))
                    {
                        no.Add(id);
                        continue;
                    }
                    ok.Add(id);
                    var entity = new TableEntity(partition, id) { ["LastSentAt"] = now, ["LastWaveId"] = waveId };
                    actions.Add(row is null
                        ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, row.ETag));
                }
                try
                {
                    if (actions.Count > 0) await table.SubmitTransactionAsync(actions, ct);
                    allowed.AddRange(ok);
                    throttled.AddRange(no);
                    settled = true;
                }
                catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
                {
                    // Someone else's send claimed one of these people since the read: decide the chunk again.
                }
            }
            if (!settled) throttled.AddRange(chunk);
        }
        return new Claim(allowed, throttled);
    }

    private static async Task<Dictionary<string, TableEntity>> ReadAsync(TableClient table, string partition, string first, string last, CancellationToken ct)
    {
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {first} and RowKey le {last} and PartitionKey eq {partition}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct)) rows[e.RowKey] = e;
        return rows;
    }
}
