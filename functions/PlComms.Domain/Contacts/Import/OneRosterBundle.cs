using System.IO.Compression;

namespace PlComms.Contacts;

/// <summary>
/// A OneRoster 1.1 or 1.2 CSV bundle (a zip): parents, guardians, teachers and staff from users.csv, school names
/// from orgs.csv, and (1.2, where users.csv has no role column) roles and schools from roles.csv.
/// </summary>
/// <remarks>
/// <para>Headers are matched ignoring case. users.csv columns read: sourcedId, status, enabledUser, role,
/// orgSourcedIds, primaryOrgSourcedId, givenName, familyName, email, grades, agentSourcedIds and, when present,
/// preferredLanguage (or metadata.preferredLanguage). List cells (orgSourcedIds, grades, agentSourcedIds) are
/// comma-separated inside a quoted cell.</para>
/// <para>Roles: guardian, parent, relative → Parent; teacher, aide → Teacher; administrator, districtAdministrator,
/// siteAdministrator, principal → Staff. Students are never contacts: they are read only to link parents to their
/// schools and grades. Users with any other role (proctor, systemAdministrator, ...), with status tobedeleted or
/// with enabledUser false are skipped: they count in <see cref="ParsedImport.RowsRead"/> but are neither contacts
/// nor errors, since a district's export routinely holds them.</para>
/// <para>A parent's StudentIds are the students among its agentSourcedIds plus the students whose agentSourcedIds
/// name the parent. A parent with no orgs of its own takes the union of its students' orgs, and likewise grades.
/// ExternalId is the sourcedId; Schools are the orgs with their orgs.csv names (the sourcedId when orgs.csv lacks
/// the org).</para>
/// <para>Row problems are <see cref="ImportRowError"/>s naming users.csv (or orgs.csv / roles.csv), the line and
/// the column; the row's contacts are left out and the other rows still import. Whole-bundle problems throw
/// <see cref="ImportFileException"/>: not a zip ("upload.zip"), no users.csv, a required column missing, more
/// than <see cref="ImportSettings.MaxRows"/> rows in a file.</para>
/// </remarks>
public static class OneRosterBundle
{
    public const string BundleName = "upload.zip";
    public const string UsersFile = "users.csv";
    public const string OrgsFile = "orgs.csv";
    public const string RolesFile = "roles.csv";

    /// <summary>Longest name or id kept.</summary>
    public const int MaxTextLength = 200;

    public static ParsedImport Parse(Stream zipContent, ImportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(zipContent);
        ArgumentNullException.ThrowIfNull(settings);
        var defaultLanguage = SimpleContactCsv.DefaultLanguage(settings);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zipContent, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new ImportFileException(BundleName, "The upload is not a zip file. A OneRoster CSV bundle is a zip holding users.csv and orgs.csv.");
        }
        using (archive)
        {
            try
            {
                return Read(archive, settings, defaultLanguage);
            }
            catch (InvalidDataException ex)
            {
                throw new ImportFileException(BundleName, $"The zip is damaged and cannot be read: {ex.Message}");
            }
        }
    }

    private static ParsedImport Read(ZipArchive archive, ImportSettings settings, string defaultLanguage)
    {
        var entries = OneRosterEntries.Find(archive);
        var errors = new List<ImportRowError>();
        var orgNames = entries.Orgs is { } orgs ? ReadOrgs(orgs, settings, errors) : [];
        var roles = entries.Roles is { } rolesEntry ? ReadRoles(rolesEntry, settings, errors) : null;
        var (users, rowsRead) = ReadUsers(entries.Users, settings, defaultLanguage, roles, errors);
        var contacts = Link(users, orgNames);
        var ordered = errors.OrderBy(e => e.File == UsersFile ? 0 : 1).ThenBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ToList();
        return new ParsedImport(contacts, ordered, rowsRead);
    }

    private static Dictionary<string, string> ReadOrgs(ZipArchiveEntry entry, ImportSettings settings, List<ImportRowError> errors)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        using var stream = Open(entry, OrgsFile);
        using var table = CsvTable.Open(stream, OrgsFile, settings.MaxRows, errors);
        table.Require("sourcedId", "name");
        foreach (var row in table.Rows())
        {
            var id = row["sourcedId"];
            var name = row["name"];
            if (id.Length == 0 || IsDeleted(row)) continue;
            names.TryAdd(id, name.Length is > 0 and <= MaxTextLength ? name : id);
        }
        return names;
    }

    private static Dictionary<string, List<RoleRow>> ReadRoles(ZipArchiveEntry entry, ImportSettings settings, List<ImportRowError> errors)
    {
        var roles = new Dictionary<string, List<RoleRow>>(StringComparer.Ordinal);
        using var stream = Open(entry, RolesFile);
        using var table = CsvTable.Open(stream, RolesFile, settings.MaxRows, errors);
        table.Require("userSourcedId", "role");
        foreach (var row in table.Rows())
        {
            var user = row["userSourcedId"];
            if (user.Length == 0 || IsDeleted(row)) continue;
            if (!roles.TryGetValue(user, out var list)) roles[user] = list = [];
            list.Add(new RoleRow(row["role"], string.Equals(row["roleType"], "primary", StringComparison.OrdinalIgnoreCase), row["orgSourcedId"]));
        }
        return roles;
    }

    private static (List<UserRow> Users, int RowsRead) ReadUsers(
        ZipArchiveEntry entry, ImportSettings settings, string defaultLanguage, Dictionary<string, List<RoleRow>>? roles, List<ImportRowError> errors)
    {
        var users = new List<UserRow>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        using var stream = Open(entry, UsersFile);
        using var table = CsvTable.Open(stream, UsersFile, settings.MaxRows, errors);
        table.Require("sourcedId", "email");
        var roleInUsers = table.Has("role");
        if (!roleInUsers && roles is null)
            throw new ImportFileException(UsersFile, "users.csv has no role column and the bundle has no roles.csv, so no user's role is known.");
        var languageColumn = table.Has("preferredLanguage") ? "preferredLanguage" : table.Has("metadata.preferredLanguage") ? "metadata.preferredLanguage" : null;

        foreach (var row in table.Rows())
        {
            var before = errors.Count;
            void Error(string? column, string reason) => errors.Add(new ImportRowError(UsersFile, row.Line, column is null ? null : table.HeaderOf(column), reason));

            var id = row["sourcedId"];
            if (id.Length == 0) { Error("sourcedId", "A sourcedId is required."); continue; }
            if (id.Length > MaxTextLength) { Error("sourcedId", $"The sourcedId is longer than {MaxTextLength} characters."); continue; }
            if (lines.TryGetValue(id, out var first)) { Error("sourcedId", $"Duplicate of line {first}: the same sourcedId."); continue; }
            lines[id] = row.Line;
            if (IsDeleted(row) || string.Equals(row["enabledUser"], "false", StringComparison.OrdinalIgnoreCase)) continue;

            // The user's roles, each with its orgs: users.csv's own role column (1.1), else roles.csv (1.2).
            var userRoles = new List<(ContactRole? Role, List<string> Orgs)>();
            var primaryOrg = row["primaryOrgSourcedId"];
            if (roleInUsers)
            {
                var roleCell = row["role"];
                if (roleCell.Length == 0) { Error("role", "A role is required."); continue; }
                var orgIds = CellLists.Split(row["orgSourcedIds"], ',');
                if (primaryOrg.Length > 0 && !orgIds.Contains(primaryOrg)) orgIds.Insert(0, primaryOrg);
                AddRole(userRoles, roleCell, orgIds);
            }
            else if (roles!.TryGetValue(id, out var roleRows))
            {
                foreach (var r in roleRows.OrderByDescending(r => r.Primary))
                {
                    var orgIds = new List<string>();
                    if (r.Primary && primaryOrg.Length > 0) orgIds.Add(primaryOrg);
                    if (r.Org.Length > 0 && !orgIds.Contains(r.Org)) orgIds.Add(r.Org);
                    AddRole(userRoles, r.Role, orgIds);
                }
            }
            else
            {
                Error(null, $"The user {SimpleContactCsv.Clip(id)} has no role in roles.csv.");
                continue;
            }
            if (userRoles.Count == 0) continue; // roles that are not imported (proctor, ...): skipped

            var grades = new List<string>();
            foreach (var item in CellLists.Split(row["grades"], ','))
            {
                if (GradeCodes.TryNormalize(item, out var code)) { if (!grades.Contains(code)) grades.Add(code); }
                else Error("grades", $"'{SimpleContactCsv.Clip(item)}' is not a grade: use IT, PR, PK, TK, KG, 01 to 13, PS, UG or Other.");
            }
            var agents = CellLists.Split(row["agentSourcedIds"], ',');
            // A student is kept (with the grades that parse) for linking, even when a cell of the row is wrong.
            var studentOrgs = userRoles.Where(r => r.Role is null).SelectMany(r => r.Orgs).Distinct().ToList();
            if (userRoles.Any(r => r.Role is null)) users.Add(new UserRow(id, row.Line, null, true, studentOrgs, grades, agents, "", "", "", ""));
            var contactRoles = userRoles.Where(r => r.Role is not null).ToList();
            if (contactRoles.Count == 0) continue;

            var email = "";
            var emailCell = row["email"];
            if (emailCell.Length == 0) Error("email", "An email address is required for a parent, guardian, teacher or staff member.");
            else if (!EmailAddresses.TryNormalize(emailCell, out email))
                Error("email", $"'{SimpleContactCsv.Clip(emailCell)}' is not a single email address such as name@example.org.");

            var language = defaultLanguage;
            var languageCell = languageColumn is null ? "" : row[languageColumn];
            if (languageCell.Length > 0 && !LanguageTags.TryCanonicalize(languageCell, out language))
                Error(languageColumn, LanguageTags.Explain(languageCell));

            var givenName = Name(row, "givenName", "preferredGivenName", Error);
            var familyName = Name(row, "familyName", "preferredFamilyName", Error);
            if (errors.Count > before) continue;
            foreach (var group in contactRoles.GroupBy(r => r.Role!.Value))
            {
                users.Add(new UserRow(id, row.Line, group.Key, false, group.SelectMany(r => r.Orgs).Distinct().ToList(), grades, agents, email, givenName, familyName, language));
            }
        }
        return (users, table.RowsRead);
    }

    private static List<ContactRecord> Link(List<UserRow> users, Dictionary<string, string> orgNames)
    {
        var students = users.Where(u => u.IsStudent).GroupBy(u => u.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var contacts = new List<ContactRecord>();
        foreach (var user in users.Where(u => u.Role is not null))
        {
            var role = user.Role!.Value;
            var orgs = user.Orgs;
            var grades = user.Grades;
            List<string> studentIds = [];
            if (role == ContactRole.Parent)
            {
                studentIds = user.Agents.Where(students.ContainsKey)
                    .Concat(students.Values.Where(s => s.Agents.Contains(user.Id)).Select(s => s.Id))
                    .Distinct(StringComparer.Ordinal).ToList();
                var linked = studentIds.Select(s => students[s]).ToList();
                if (orgs.Count == 0) orgs = linked.SelectMany(s => s.Orgs).Distinct(StringComparer.Ordinal).ToList();
                if (grades.Count == 0) grades = linked.SelectMany(s => s.Grades).Distinct(StringComparer.Ordinal).ToList();
            }
            var schools = orgs.Select(o => new SchoolRef(o, orgNames.GetValueOrDefault(o, o))).ToList();
            contacts.Add(new ContactRecord(role, user.Email, user.GivenName, user.FamilyName, schools, grades, user.Language, user.Id, ContactSource.OneRoster, studentIds));
        }
        return contacts;
    }

    private static void AddRole(List<(ContactRole? Role, List<string> Orgs)> roles, string value, List<string> orgs)
    {
        switch (OneRosterRoles.Kind(value, out var role))
        {
            case OneRosterRoleKind.Contact: roles.Add((role, orgs)); break;
            case OneRosterRoleKind.Student: roles.Add((null, orgs)); break;
        }
    }

    private static string Name(CsvLine row, string column, string fallback, Action<string?, string> error)
    {
        var name = row[column];
        if (name.Length == 0) name = row[fallback];
        if (name.Length <= MaxTextLength) return name;
        error(column, $"The name is longer than {MaxTextLength} characters.");
        return "";
    }

    private static bool IsDeleted(CsvLine row) => string.Equals(row["status"], "tobedeleted", StringComparison.OrdinalIgnoreCase);

    private static Stream Open(ZipArchiveEntry entry, string file)
    {
        // The zip format marks an encrypted entry; its bytes would read as garbage, or (a flag set on plain data) as if
        // the file were not protected at all.
        if (entry.IsEncrypted)
            throw new ImportFileException(file, $"The zip entry {entry.FullName} is password-protected. Zip the bundle again without a password.");
        try
        {
            return entry.Open();
        }
        catch (InvalidDataException ex)
        {
            throw new ImportFileException(file, $"The zip entry {entry.FullName} cannot be read: {ex.Message}");
        }
    }

    private sealed record RoleRow(string Role, bool Primary, string Org);

    /// <param name="Role">The contact role, or null for a student row (kept only for linking).</param>
    private sealed record UserRow(
        string Id, int Line, ContactRole? Role, bool IsStudent, List<string> Orgs, List<string> Grades, List<string> Agents,
        string Email, string GivenName, string FamilyName, string Language);
}
