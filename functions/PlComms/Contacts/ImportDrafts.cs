using System.Security.Cryptography;

namespace PlComms.Contacts;

/// <summary>
/// An upload the web app keeps between its dry run and "Import these rows": the file's bytes (gone once imported), the
/// dry run's report or why the file was refused, and the import's report once it ran.
/// </summary>
public sealed record ImportDraft(
    string Key,
    ImportUpload? Upload,
    long Size,
    string? FileName,
    ImportFormat Format,
    DateTimeOffset KeptAt,
    ImportReport? DryRun,
    ImportFileException? FileProblem,
    ImportReport? Imported);

/// <summary>
/// The web app's uploads, kept in this instance's memory for <see cref="Lifetime"/> under a random key, so the officer
/// can import what the dry run showed without sending the file again. The bytes kept at once never exceed the largest
/// upload accepted (<c>Contacts__MaxUploadMegabytes</c>): keeping a new file drops the oldest ones first. Nothing is
/// written to storage until the import itself.
/// </summary>
public sealed class ImportDrafts(TimeProvider clock, ContactImports imports)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ImportDraft> _drafts = new(StringComparer.Ordinal);

    /// <summary>The bytes held now (for the tests of the bound).</summary>
    public long HeldBytes
    {
        get
        {
            lock (_gate) return _drafts.Values.Sum(d => d.Upload?.Content.LongLength ?? 0);
        }
    }

    public string Keep(ImportUpload upload, ImportReport? dryRun, ImportFileException? fileProblem)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = clock.GetUtcNow();
        // A refused file is never imported, so only its verdict is kept.
        var kept = fileProblem is null ? upload : null;
        var draft = new ImportDraft(key, kept, upload.Content.LongLength, upload.FileName, upload.Format, now, dryRun, fileProblem, null);
        lock (_gate)
        {
            Sweep(now);
            var bound = imports.MaxUploadBytes;
            var held = _drafts.Values.Sum(d => d.Upload?.Content.LongLength ?? 0);
            foreach (var oldest in _drafts.Values.Where(d => d.Upload is not null).OrderBy(d => d.KeptAt).ToList())
            {
                if (held + (kept?.Content.LongLength ?? 0) <= bound) break;
                held -= oldest.Upload!.Content.LongLength;
                _drafts[oldest.Key] = oldest with { Upload = null };
            }
            _drafts[key] = draft;
        }
        return key;
    }

    /// <summary>The draft, or null when the key is unknown or its time is up.</summary>
    public ImportDraft? Find(string? key)
    {
        if (key is null) return null;
        lock (_gate)
        {
            Sweep(clock.GetUtcNow());
            return _drafts.GetValueOrDefault(key);
        }
    }

    /// <summary>
    /// Takes the draft's bytes for its import, so a second press of the button (or a second tab) cannot import the same
    /// upload again meanwhile; null when they are gone. Give them back with <see cref="Return"/> if the import did not run.
    /// </summary>
    public ImportUpload? Take(string key)
    {
        lock (_gate)
        {
            Sweep(clock.GetUtcNow());
            if (!_drafts.TryGetValue(key, out var draft) || draft.Upload is null) return null;
            _drafts[key] = draft with { Upload = null };
            return draft.Upload;
        }
    }

    public void Return(string key, ImportUpload upload)
    {
        lock (_gate)
        {
            if (_drafts.TryGetValue(key, out var draft) && draft.Imported is null) _drafts[key] = draft with { Upload = upload };
        }
    }

    /// <summary>Records the import's report; the bytes stay gone: the same upload is imported once.</summary>
    public void RecordImported(string key, ImportReport report)
    {
        lock (_gate)
        {
            if (_drafts.TryGetValue(key, out var draft)) _drafts[key] = draft with { Upload = null, Imported = report };
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var expired in _drafts.Values.Where(d => now - d.KeptAt >= Lifetime).Select(d => d.Key).ToList()) _drafts.Remove(expired);
    }
}
