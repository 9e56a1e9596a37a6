using System.IO.Compression;

namespace PlComms.Contacts;

/// <summary>
/// The files of a OneRoster bundle in its zip: at the top, or inside one top-level folder (as zipping a folder
/// makes it). Names match ignoring case; macOS resource entries (__MACOSX/, ._name) are ignored.
/// </summary>
internal sealed record OneRosterEntries(ZipArchiveEntry Users, ZipArchiveEntry? Orgs, ZipArchiveEntry? Roles)
{
    /// <summary>
    /// The most the entries read (users.csv, orgs.csv, roles.csv) may unpack to together, as their headers declare
    /// (reading never goes past the declared size). A district's users.csv of a million rows is a few hundred MB; a
    /// "zip bomb" that unpacks a small upload into gigabytes is refused before anything is read.
    /// </summary>
    public const long MaxUnpackedBytes = 1024L * 1024 * 1024;

    public static OneRosterEntries Find(ZipArchive archive)
    {
        // A bundle is read in memory and never unpacked to disk, but an entry named to climb out of its folder
        // ("../users.csv", "/etc/users.csv", "C:\users.csv") is not something an export writes: refuse the bundle.
        if (archive.Entries.FirstOrDefault(e => IsOutside(e.FullName)) is { } climbing)
            throw new ImportFileException(OneRosterBundle.BundleName,
                $"The zip holds an entry named '{Clip(climbing.FullName)}', which points outside the bundle. Zip the bundle's files again from their folder.");

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
        var found = new OneRosterEntries(chosen[0].Entry, Sibling(OneRosterBundle.OrgsFile), Sibling(OneRosterBundle.RolesFile));
        var unpacked = new[] { found.Users, found.Orgs, found.Roles }.Sum(e => e?.Length ?? 0);
        if (unpacked > MaxUnpackedBytes)
            throw new ImportFileException(OneRosterBundle.BundleName,
                $"The bundle's files unpack to {unpacked / (1024 * 1024):N0} MB, more than the {MaxUnpackedBytes / (1024 * 1024):N0} MB one import reads. Split the export into smaller bundles.");
        return found;
    }

    private static bool IsOutside(string name)
    {
        var path = name.Replace('\\', '/');
        return path.StartsWith('/') || path.Contains(':') || path.Split('/').Any(part => part == "..");
    }

    private static string Clip(string name) => name.Length <= 80 ? name : name[..77] + "...";

    private static bool Named(string[] parts, string name) => string.Equals(parts[^1], name, StringComparison.OrdinalIgnoreCase);
}
