using Microsoft.Extensions.Options;

namespace PlComms.Contacts;

/// <summary>
/// What an import run came to: the report, or the file as a whole refused (<see cref="FileProblem"/>), or another import
/// holding the lock (<see cref="Busy"/>).
/// </summary>
public sealed record ImportOutcome(ImportReport? Report, ImportFileException? FileProblem, bool Busy);

/// <summary>
/// One path for every import, the API's (<c>POST /api/contacts/import</c>) and the web app's upload form: the upload is
/// parsed, then diffed against the stored roster; a real import holds the <see cref="ImportLock"/> while it writes, and a
/// dry run writes nothing. The same upload therefore gives the same counts dry and for real.
/// </summary>
public sealed class ContactImports(ContactImporter importer, ImportLock importLock, IOptions<ContactOptions> options)
{
    /// <summary>The largest file accepted (<c>Contacts__MaxUploadMegabytes</c>).</summary>
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public async Task<ImportOutcome> RunAsync(ImportUpload upload, bool dryRun, CancellationToken ct)
    {
        ParsedImport parsed;
        try
        {
            using var content = new MemoryStream(upload.Content, writable: false);
            parsed = importer.Parse(content, upload.Format);
        }
        catch (ImportFileException ex)
        {
            return new ImportOutcome(null, ex, false);
        }

        if (dryRun) return new ImportOutcome(await importer.ApplyAsync(parsed, upload.Format, dryRun: true, ct), null, false);
        if (await importLock.TryAcquireAsync(ct) is not { } held) return new ImportOutcome(null, null, true);
        try
        {
            return new ImportOutcome(await importer.ApplyAsync(parsed, upload.Format, dryRun: false, ct), null, false);
        }
        finally
        {
            await importLock.ReleaseAsync(held);
        }
    }
}
