using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PlComms.Shared;

namespace PlComms.Contacts;

public enum ImportFormat
{
    Csv,
    OneRoster,
}

/// <summary>What an import did, or with <c>dryRun</c> would do. <see cref="Changed"/> is created + updated.</summary>
public sealed record ImportReport(
    bool DryRun,
    ImportFormat Format,
    int Rows,
    int Valid,
    int Created,
    int Updated,
    int Unchanged,
    int Changed,
    int Conflicts,
    int ErrorCount,
    IReadOnlyList<ImportRowError> Errors,
    bool ErrorsTruncated);

/// <summary>
/// Upserts a parsed file into the contacts table. It diffs against the stored roster (identity and content hash
/// only), so re-importing the same file writes nothing, and writes each role's changes in batched transactions.
/// </summary>
public sealed class ContactImporter(ContactStore store, IOptions<ContactOptions> options, TimeProvider clock)
{
    /// <summary>Only the first errors are listed; the count says how many there were.</summary>
    public const int ListedErrors = 1000;

    /// <summary>An unchanged contact's ImportedAt is refreshed at most this often, so a re-import the same day writes nothing.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromDays(1);

    public ImportSettings Settings => new(options.Value.DefaultLanguage, options.Value.MaxRows);

    public ParsedImport Parse(Stream content, ImportFormat format) => format switch
    {
        ImportFormat.OneRoster => OneRosterBundle.Parse(content, Settings),
        _ => SimpleContactCsv.Parse(content, Settings),
    };

    public async Task<ImportReport> ApplyAsync(ParsedImport parsed, ImportFormat format, bool dryRun, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        int created = 0, updated = 0, unchanged = 0, conflicts = 0;
        foreach (var group in parsed.Contacts.GroupBy(c => c.Role))
        {
            var keys = await store.KeysAsync(group.Key, ct);
            var actions = new List<TableTransactionAction>();
            foreach (var record in group)
            {
                var hash = StoredContact.HashOf(record);
                if (!keys.TryGetValue(ContactIds.Hash(record.IdentityKey), out var existing))
                {
                    created++;
                    actions.Add(new(TableTransactionActionType.Add, new StoredContact(ContactIds.New(record.Role, now), record, hash, now, now, now, now).ToEntity()));
                }
                else if (existing.ContentHash != hash)
                {
                    updated++;
                    // Replace, not merge: a school or grade the contact left must lose its flag property too.
                    var entity = new StoredContact(existing.Id, record, hash, existing.CreatedAt, now, now, existing.EngagedAt).ToEntity();
                    actions.Add(new(TableTransactionActionType.UpdateReplace, entity, existing.ETag));
                }
                else
                {
                    unchanged++;
                    if (now - existing.ImportedAt >= RefreshInterval)
                        actions.Add(new(TableTransactionActionType.UpdateMerge, new TableEntity(ContactIds.Partition(record.Role), existing.Id) { ["ImportedAt"] = now }, existing.ETag));
                }
            }
            if (!dryRun) conflicts += await store.WriteAsync(group.Key, actions, ct);
        }
        return new ImportReport(dryRun, format, parsed.RowsRead, parsed.Contacts.Count, created, updated, unchanged, created + updated, conflicts,
            parsed.Errors.Count, parsed.Errors.Take(ListedErrors).ToList(), parsed.Errors.Count > ListedErrors);
    }
}
