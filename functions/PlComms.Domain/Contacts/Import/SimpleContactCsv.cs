namespace PlComms.Contacts;

/// <summary>
/// The district's own contact list: one CSV (UTF-8, BOM and CRLF tolerated, RFC 4180 quoting) with a header row.
/// Columns, matched ignoring case, spaces and '_': <c>email</c> and <c>role</c> (required), <c>given_name</c>,
/// <c>family_name</c>, <c>schools</c>, <c>grades</c>, <c>language</c>, <c>external_id</c>, <c>student_ids</c>;
/// others are ignored. List cells separate items with ';'. Cells are text and never evaluated ("=1+2" stays so).
/// </summary>
/// <remarks>
/// A row with any problem is left out and each problem is an <see cref="ImportRowError"/> (file "upload.csv", the
/// row's line, the column as the header spells it). A second row with the same identity as an earlier one (role and
/// external id, or role and email when there is no external id) is an error "duplicate of line N". Whole-file
/// problems (no header, a required column missing, too many rows) throw <see cref="ImportFileException"/>.
/// </remarks>
public static class SimpleContactCsv
{
    public const string FileName = "upload.csv";

    /// <summary>Longest name, id or school cell item kept.</summary>
    public const int MaxTextLength = 200;

    public static class Columns
    {
        public const string Email = "email";
        public const string Role = "role";
        public const string GivenName = "given_name";
        public const string FamilyName = "family_name";
        public const string Schools = "schools";
        public const string Grades = "grades";
        public const string Language = "language";
        public const string ExternalId = "external_id";
        public const string StudentIds = "student_ids";
    }

    private static readonly Dictionary<string, ContactRole> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["parent"] = ContactRole.Parent,
        ["guardian"] = ContactRole.Parent,
        ["teacher"] = ContactRole.Teacher,
        ["staff"] = ContactRole.Staff,
        ["community"] = ContactRole.Community,
    };

    public static ParsedImport Parse(Stream content, ImportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(settings);
        var defaultLanguage = DefaultLanguage(settings);
        var errors = new List<ImportRowError>();
        var contacts = new List<ContactRecord>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);

        using var table = CsvTable.Open(content, FileName, settings.MaxRows, errors);
        table.Require(Columns.Email, Columns.Role);
        foreach (var row in table.Rows())
        {
            var before = errors.Count;
            void Error(string column, string reason) => errors.Add(new ImportRowError(FileName, row.Line, table.HeaderOf(column), reason));

            var email = "";
            var emailCell = row[Columns.Email];
            if (emailCell.Length == 0) Error(Columns.Email, "An email address is required.");
            else if (!EmailAddresses.TryNormalize(emailCell, out email))
                Error(Columns.Email, $"'{Clip(emailCell)}' is not a single email address such as name@example.org.");

            ContactRole role = default;
            var roleCell = row[Columns.Role];
            if (roleCell.Length == 0) Error(Columns.Role, "A role is required: parent, guardian, teacher, staff or community.");
            else if (!Roles.TryGetValue(roleCell, out role))
                Error(Columns.Role, $"Unknown role '{Clip(roleCell)}': use parent, guardian, teacher, staff or community.");

            var language = defaultLanguage;
            var languageCell = row[Columns.Language];
            if (languageCell.Length > 0 && !LanguageTags.TryCanonicalize(languageCell, out language))
                Error(Columns.Language, LanguageTags.Explain(languageCell));

            var grades = new List<string>();
            foreach (var item in CellLists.Split(row[Columns.Grades], ';'))
            {
                if (GradeCodes.TryNormalize(item, out var code)) { if (!grades.Contains(code)) grades.Add(code); }
                else Error(Columns.Grades, $"'{Clip(item)}' is not a grade: use IT, PR, PK, TK, KG, 1 to 13, PS, UG or Other.");
            }

            var schools = new List<SchoolRef>();
            foreach (var item in CellLists.Split(row[Columns.Schools], ';'))
            {
                var id = SchoolSlugs.Of(item);
                if (id.Length == 0) Error(Columns.Schools, $"'{Clip(item)}' is not a school name: it needs letters or digits.");
                else if (item.Length > MaxTextLength) Error(Columns.Schools, $"A school name is longer than {MaxTextLength} characters.");
                else if (!schools.Any(s => s.Id == id)) schools.Add(new SchoolRef(id, item));
            }

            var givenName = Text(row, Columns.GivenName, Error);
            var familyName = Text(row, Columns.FamilyName, Error);
            var externalId = Text(row, Columns.ExternalId, Error);
            var studentIds = CellLists.Split(row[Columns.StudentIds], ';');
            if (studentIds.Any(s => s.Length > MaxTextLength)) Error(Columns.StudentIds, $"A student id is longer than {MaxTextLength} characters.");

            if (errors.Count > before) continue;
            var contact = new ContactRecord(role, email, givenName, familyName, schools, grades, language,
                externalId.Length > 0 ? externalId : null, ContactSource.Csv, studentIds);
            if (seen.TryGetValue(contact.IdentityKey, out var first))
            {
                Error(contact.ExternalId is null ? Columns.Email : Columns.ExternalId, $"Duplicate of line {first}: the same role and {(contact.ExternalId is null ? "email" : "external id")}.");
                continue;
            }
            seen[contact.IdentityKey] = row.Line;
            contacts.Add(contact);
        }
        return new ParsedImport(contacts, [.. errors.OrderBy(e => e.Line)], table.RowsRead);
    }

    internal static string DefaultLanguage(ImportSettings settings) =>
        LanguageTags.TryCanonicalize(settings.DefaultLanguage, out var tag)
            ? tag
            : throw new ArgumentException($"The default language '{settings.DefaultLanguage}' is not a BCP 47 tag.", nameof(settings));

    /// <summary>A value quoted in a reason, cut short so a huge cell does not flood the report.</summary>
    internal static string Clip(string value) => value.Length <= 60 ? value : value[..57] + "...";

    private static string Text(CsvLine row, string column, Action<string, string> error)
    {
        var text = row[column];
        if (text.Length <= MaxTextLength) return text;
        error(column, $"The value is longer than {MaxTextLength} characters.");
        return "";
    }
}
