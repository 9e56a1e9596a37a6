using System.IO.Compression;

namespace PlComms.Contacts;

/// <summary>
/// The files of a OneRoster bundle in its zip: at the top, or inside one top-level folder (as zipping a folder
/// makes it). Names match ignoring case; macOS resource entries (__MACOSX/, ._name) are ignored.
/// </summary>
internal sealed record OneRosterEntries(ZipArchiveEntry Users, ZipArchiveEntry? Orgs, ZipArchiveEntry? Roles)
{
    public static OneRosterEntries Find(ZipArchive archive)
    {
        var files = archive.Entries
            .Select(e => (Entry: e, Path: e.FullName.Replace('\\', '/').Trim('/')))
            .Where(f => f.Path.Length > 0 && !f.Entry.FullName.EndsWith('/') && !f.Path.StartsWith("__MACOSX/", StringComparison.OrdinalIgnoreCase))
            .Select(f => (f.Entry, Parts: f.Path.Split('/')))
            .Where(f => f.Parts.Length <= 2 && !f.Parts[^1].StartsWith("._", StringComparison.Ordinal))
            .ToList();

        var users = files.Where(f => Named(f.Parts, OneRosterBundle.UsersFile)).ToList();
        var atTop = users.Where(f => f.Parts.Length == 1).ToList();
        var chosen = atTop.Count > 0 ? atTop : users;
        if (chosen.Count == 0)
            throw new ImportFileException(OneRosterBundle.UsersFile,
                "The zip has no users.csv. A OneRoster CSV bundle holds users.csv (and optionally orgs.csv) at its top or in one folder.");
        if (chosen.Count > 1)
            throw new ImportFileException(OneRosterBundle.UsersFile,
                $"The zip holds users.csv in more than one place ({string.Join(", ", chosen.Select(f => f.Entry.FullName))}); upload one bundle at a time.");

        var folder = chosen[0].Parts.Length == 2 ? chosen[0].Parts[0] : null;
        ZipArchiveEntry? Sibling(string name) => files
            .Where(f => Named(f.Parts, name) && (folder is null ? f.Parts.Length == 1 : f.Parts.Length == 2 && f.Parts[0] == folder))
            .Select(f => f.Entry).FirstOrDefault();
        return new OneRosterEntries(chosen[0].Entry, Sibling(OneRosterBundle.OrgsFile), Sibling(OneRosterBundle.RolesFile));
    }

    private static bool Named(string[] parts, string name) => string.Equals(parts[^1], name, StringComparison.OrdinalIgnoreCase);
}
