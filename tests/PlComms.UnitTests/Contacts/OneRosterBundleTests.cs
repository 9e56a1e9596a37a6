using System.Text;
using PlComms.Contacts;
using static PlComms.UnitTests.Contacts.OneRosterZip;

namespace PlComms.UnitTests.Contacts;

public class OneRosterBundleTests
{
    private static readonly ImportSettings Settings = new("en", 1000);

    private static readonly string Orgs = Crlf(OrgsHeader, Org("org1", "Lincoln Elementary"), Org("org2", "Roosevelt Middle School"));

    private static ParsedImport Parse(Stream zip, ImportSettings? settings = null) => OneRosterBundle.Parse(zip, settings ?? Settings);

    private static ContactRecord Contact(ParsedImport parsed, string sourcedId) => Assert.Single(parsed.Contacts, c => c.ExternalId == sourcedId);

    [Fact]
    public void A_1_1_bundle_gives_parents_teachers_and_staff_but_not_students()
    {
        var users = Crlf(Users11Header,
            User11("s1", "student", orgs: "org1", grades: "2", agents: "p1"),
            User11("p1", "parent", "Maria.Lopez@Example.org", given: "María", family: "López"),
            User11("g1", "guardian", "g1@example.org", orgs: "org2", grades: "07"),
            User11("r1", "relative", "r1@example.org", orgs: "org1"),
            User11("t1", "teacher", "t1@example.org", orgs: "org1,org2", grades: "KG,01"),
            User11("a1", "aide", "a1@example.org", orgs: "org1"),
            User11("ad1", "administrator", "ad1@example.org", orgs: "org9"));
        var parsed = Parse(Build(("users.csv", users), ("orgs.csv", Orgs)));

        Assert.Empty(parsed.Errors);
        Assert.Equal(7, parsed.RowsRead);
        Assert.Equal(["p1", "g1", "r1", "t1", "a1", "ad1"], parsed.Contacts.Select(c => c.ExternalId));
        Assert.All(parsed.Contacts, c => Assert.Equal(ContactSource.OneRoster, c.Source));
        Assert.All(parsed.Contacts, c => Assert.Equal("en", c.Language));

        var p1 = Contact(parsed, "p1");
        Assert.Equal((ContactRole.Parent, "maria.lopez@example.org", "María", "López"), (p1.Role, p1.Email, p1.GivenName, p1.FamilyName));
        Assert.Equal(ContactRole.Parent, Contact(parsed, "g1").Role);
        Assert.Equal(ContactRole.Parent, Contact(parsed, "r1").Role);
        var t1 = Contact(parsed, "t1");
        Assert.Equal(ContactRole.Teacher, t1.Role);
        Assert.Equal([new SchoolRef("org1", "Lincoln Elementary"), new SchoolRef("org2", "Roosevelt Middle School")], t1.Schools);
        Assert.Equal(["KG", "01"], t1.Grades);
        Assert.Empty(t1.StudentIds);
        Assert.Equal(ContactRole.Teacher, Contact(parsed, "a1").Role);
        var ad1 = Contact(parsed, "ad1");
        Assert.Equal(ContactRole.Staff, ad1.Role);
        Assert.Equal([new SchoolRef("org9", "org9")], ad1.Schools); // not in orgs.csv: the id is the name
    }

    [Fact]
    public void Without_orgs_csv_a_school_is_named_by_its_sourced_id()
    {
        var parsed = Parse(Build(("users.csv", Crlf(Users11Header, User11("t1", "teacher", "t1@example.org", orgs: "org1")))));
        Assert.Equal([new SchoolRef("org1", "org1")], Assert.Single(parsed.Contacts).Schools);
    }

    [Fact]
    public void A_1_2_bundle_takes_roles_and_orgs_from_roles_csv_and_reads_preferred_language()
    {
        var users = Crlf(Users12Header,
            "s1,active,2025-08-01,true,s1,,Lucas,Lopez,,,,,,,\"03\",,,,,,,org1,,",
            "p1,active,2025-08-01,true,p1,,María,López,,,maria@example.org,,,s1,,,,,,,,,,ES-mx",
            "t1,active,2025-08-01,true,t1,,Rachel,Kim,,,rachel@example.org,,,,\"KG,01\",,,,,,,org2,,zh-hant-tw",
            "x1,active,2025-08-01,true,x1,,Dual,Role,,,dual@example.org,,,,,,,,,,,org1,,");
        var roles = Crlf(Roles12Header,
            "r1,active,2025-08-01,s1,primary,student,,,org1,",
            "r2,active,2025-08-01,p1,primary,parent,,,,",
            "r3,active,2025-08-01,t1,primary,teacher,,,org2,",
            "r4,active,2025-08-01,t1,secondary,teacher,,,org1,",
            "r5,active,2025-08-01,x1,primary,teacher,,,org1,",
            "r6,active,2025-08-01,x1,secondary,guardian,,,org2,");
        var parsed = Parse(Build(("users.csv", users), ("roles.csv", roles), ("orgs.csv", Orgs)));

        Assert.Empty(parsed.Errors);
        var p1 = Contact(parsed, "p1");
        Assert.Equal("es-MX", p1.Language);
        Assert.Equal(["s1"], p1.StudentIds);
        Assert.Equal([new SchoolRef("org1", "Lincoln Elementary")], p1.Schools); // from the student
        Assert.Equal(["03"], p1.Grades);
        var t1 = Contact(parsed, "t1");
        Assert.Equal("zh-Hant-TW", t1.Language);
        Assert.Equal(["org2", "org1"], t1.Schools.Select(s => s.Id));
        // One person with two roles is two contacts, one per role.
        var dual = parsed.Contacts.Where(c => c.ExternalId == "x1").ToList();
        Assert.Equal([ContactRole.Teacher, ContactRole.Parent], dual.Select(c => c.Role));
        Assert.Equal(["org1"], dual[0].Schools.Select(s => s.Id));
        Assert.Equal(["org2"], dual[1].Schools.Select(s => s.Id));
    }

    [Fact]
    public void A_1_2_users_csv_without_role_column_or_roles_csv_fails_the_file()
    {
        var ex = Assert.Throws<ImportFileException>(() => Parse(Build(("users.csv", Crlf(Users12Header)))));
        Assert.Equal("users.csv", ex.File);
        Assert.Contains("roles.csv", ex.Message);
    }

    [Fact]
    public void Bom_crlf_quoted_lists_and_multi_line_cells_are_tolerated_and_headers_match_ignoring_case()
    {
        var header = Users11Header.ToUpperInvariant();
        var users = Crlf(header,
            User11("t1", "teacher", "t1@example.org", orgs: "org1,org2", grades: "1,2", given: "\"Ana, María\"", family: "\"two\r\nlines\""),
            User11("t2", "Teacher", "t2@example.org", orgs: "org2"));
        var parsed = Parse(Build(bom: true, ("users.csv", users), ("orgs.csv", Orgs)));

        Assert.Empty(parsed.Errors);
        var t1 = Contact(parsed, "t1");
        Assert.Equal(["org1", "org2"], t1.Schools.Select(s => s.Id));
        Assert.Equal(["01", "02"], t1.Grades);
        Assert.Equal("Ana, María", t1.GivenName);
        Assert.Equal("two\r\nlines", t1.FamilyName);
        Assert.Equal("t2@example.org", Contact(parsed, "t2").Email);
    }

    [Fact]
    public void A_parent_links_to_students_in_both_directions_and_inherits_their_schools_and_grades()
    {
        var users = Crlf(Users11Header,
            User11("s1", "student", orgs: "org1", grades: "KG", agents: "p1"),        // the student names the parent
            User11("s2", "student", orgs: "org2", grades: "07"),
            User11("p1", "parent", "p1@example.org"),
            User11("p2", "guardian", "p2@example.org", agents: "s2,s-unknown,t1"),   // the parent names the student
            User11("p3", "parent", "p3@example.org", orgs: "org2", grades: "08", agents: "s1"),
            User11("t1", "teacher", "t1@example.org", orgs: "org1"));
        var parsed = Parse(Build(("users.csv", users), ("orgs.csv", Orgs)));

        Assert.Empty(parsed.Errors);
        var p1 = Contact(parsed, "p1");
        Assert.Equal(["s1"], p1.StudentIds);
        Assert.Equal([new SchoolRef("org1", "Lincoln Elementary")], p1.Schools);
        Assert.Equal(["KG"], p1.Grades);
        var p2 = Contact(parsed, "p2");
        Assert.Equal(["s2"], p2.StudentIds); // only students in the file
        Assert.Equal([new SchoolRef("org2", "Roosevelt Middle School")], p2.Schools);
        Assert.Equal(["07"], p2.Grades);
        var p3 = Contact(parsed, "p3"); // has its own orgs and grades: they are kept
        Assert.Equal(["s1"], p3.StudentIds);
        Assert.Equal(["org2"], p3.Schools.Select(s => s.Id));
        Assert.Equal(["08"], p3.Grades);
    }

    [Fact]
    public void Students_deleted_and_disabled_users_and_other_roles_are_skipped_without_errors()
    {
        var users = Crlf(Users11Header,
            User11("s1", "student", "s1@example.org", orgs: "org1"),
            User11("p1", "parent", "p1@example.org", status: "tobedeleted"),
            User11("p2", "parent", "p2@example.org", enabled: "FALSE"),
            User11("x1", "proctor", "x1@example.org"),
            User11("p3", "parent", "p3@example.org"));
        var parsed = Parse(Build(("users.csv", users)));

        Assert.Empty(parsed.Errors);
        Assert.Equal(5, parsed.RowsRead);
        Assert.Equal(["p3"], parsed.Contacts.Select(c => c.ExternalId));
    }

    [Fact]
    public void Malformed_rows_are_reported_with_file_line_and_column_and_valid_rows_are_kept()
    {
        var users = Crlf(Users11Header + ",preferredLanguage",
            User11("p1", "parent", "p1@example.org") + ",es",        // line 2
            User11("p2", "parent", "not-an-email") + ",",            // line 3
            User11("p3", "parent", "") + ",",                        // line 4: no email
            User11("p4", "parent", "p4@example.org") + ",es_MX",     // line 5
            User11("t1", "teacher", "t1@example.org", grades: "1,X") + ",", // line 6
            "t2,active,2025-08-01,true,org1,teacher",                // line 7: too few fields
            User11("", "teacher", "t3@example.org") + ",",           // line 8: no sourcedId
            User11("p1", "parent", "again@example.org") + ",",       // line 9: duplicate sourcedId
            User11("p5", "", "p5@example.org") + ",",                // line 10: no role
            User11("t4", "teacher", "t4@example.org") + ",en-US");   // line 11
        var parsed = Parse(Build(("users.csv", users)));

        Assert.Equal(["p1", "t4"], parsed.Contacts.Select(c => c.ExternalId));
        Assert.Equal("es", Contact(parsed, "p1").Language);
        Assert.Equal(10, parsed.RowsRead);
        Assert.All(parsed.Errors, e => Assert.Equal("users.csv", e.File));
        Assert.Collection(parsed.Errors,
            e => Assert.Equal((3, "email"), (e.Line, e.Column)),
            e => { Assert.Equal((4, "email"), (e.Line, e.Column)); Assert.Contains("required", e.Reason); },
            e => { Assert.Equal((5, "preferredLanguage"), (e.Line, e.Column)); Assert.Contains("'_'", e.Reason); },
            e => { Assert.Equal((6, "grades"), (e.Line, e.Column)); Assert.Contains("'X'", e.Reason); },
            e => { Assert.Equal(7, e.Line); Assert.Null(e.Column); Assert.Contains("fields", e.Reason); },
            e => Assert.Equal((8, "sourcedId"), (e.Line, e.Column)),
            e => { Assert.Equal((9, "sourcedId"), (e.Line, e.Column)); Assert.Contains("Duplicate of line 2", e.Reason); },
            e => Assert.Equal((10, "role"), (e.Line, e.Column)));
    }

    [Fact]
    public void A_bundle_inside_a_single_top_level_folder_is_found_ignoring_case()
    {
        var zip = Build(
            ("Roster-2025/USERS.CSV", Crlf(Users11Header, User11("t1", "teacher", "t1@example.org", orgs: "org1"))),
            ("Roster-2025/Orgs.csv", Orgs),
            ("__MACOSX/Roster-2025/._users.csv", "junk"));
        var parsed = Parse(zip);

        Assert.Empty(parsed.Errors);
        Assert.Equal("Lincoln Elementary", Assert.Single(Assert.Single(parsed.Contacts).Schools).Name);
    }

    [Fact]
    public void Users_csv_in_two_folders_fails_the_file()
    {
        var users = Crlf(Users11Header);
        var ex = Assert.Throws<ImportFileException>(() => Parse(Build(("a/users.csv", users), ("b/users.csv", users))));
        Assert.Equal("users.csv", ex.File);
    }

    [Fact]
    public void A_bundle_without_users_csv_fails_naming_users_csv()
    {
        var ex = Assert.Throws<ImportFileException>(() => Parse(Build(("orgs.csv", Orgs), ("deep/er/users.csv", Crlf(Users11Header)))));
        Assert.Equal("users.csv", ex.File);
        Assert.Contains("users.csv", ex.Message);
    }

    [Fact]
    public void An_upload_that_is_not_a_zip_fails_the_file()
    {
        var ex = Assert.Throws<ImportFileException>(() => Parse(new MemoryStream(Encoding.UTF8.GetBytes(Crlf(Users11Header)))));
        Assert.Equal("upload.zip", ex.File);
    }

    [Fact]
    public void A_users_csv_missing_a_required_header_fails_naming_users_csv()
    {
        var ex = Assert.Throws<ImportFileException>(() => Parse(Build(("users.csv", "sourcedId,role,givenName\r\nt1,teacher,Ana\r\n"))));
        Assert.Equal("users.csv", ex.File);
        Assert.Contains("email", ex.Message);
    }

    [Fact]
    public void More_users_than_the_limit_fails_the_file()
    {
        var users = Crlf([Users11Header, .. Enumerable.Range(1, 4).Select(i => User11($"t{i}", "teacher", $"t{i}@example.org"))]);
        Assert.Equal(4, Parse(Build(("users.csv", users)), new ImportSettings("en", 4)).Contacts.Count);
        var ex = Assert.Throws<ImportFileException>(() => Parse(Build(("users.csv", users)), new ImportSettings("en", 3)));
        Assert.Equal("users.csv", ex.File);
    }
    [Theory]
    [InlineData("../users.csv")]
    [InlineData("roster/../../users.csv")]
    [InlineData("/etc/users.csv")]
    [InlineData("..\\..\\users.csv")]
    [InlineData("C:/users.csv")]
    [InlineData("notes/../readme.txt")]
    public void An_entry_named_to_point_outside_the_bundle_fails_the_bundle(string name)
    {
        var users = Crlf(Users11Header, User11("t1", "teacher", "t1@example.org"));
        var ex = Assert.Throws<ImportFileException>(() => Parse(Build(("users.csv", users), (name, users))));
        Assert.Equal(OneRosterBundle.BundleName, ex.File);
        Assert.Contains("outside the bundle", ex.Message);
    }

    [Fact]
    public void A_bundle_whose_files_declare_more_than_the_unpacked_limit_fails_before_reading_them()
    {
        var zip = Build(("users.csv", Crlf(Users11Header, User11("t1", "teacher", "t1@example.org"))));
        // The sizes a zip bomb declares: patch users.csv's uncompressed size (local header and central directory) to 2 GiB.
        var bytes = zip.ToArray();
        PatchUncompressedSize(bytes, 0x04034B50, 22, 2L * 1024 * 1024 * 1024);
        PatchUncompressedSize(bytes, 0x02014B50, 24, 2L * 1024 * 1024 * 1024);

        var ex = Assert.Throws<ImportFileException>(() => Parse(new MemoryStream(bytes)));
        Assert.Contains("unpack to 2,048 MB", ex.Message);
    }

    [Fact]
    public void A_zip_bomb_of_empty_rows_fails_at_the_row_limit_without_reading_to_its_end()
    {
        var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("users.csv", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            entry.Write(Encoding.UTF8.GetBytes(Users11Header + "\r\n"));
            var empty = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(new string(',', 17) + "\r\n", 10_000)));
            for (var i = 0; i < 100; i++) entry.Write(empty);   // 20 MB unpacked
        }
        Assert.True(buffer.Length < 200_000, $"{buffer.Length} bytes");
        buffer.Position = 0;

        var ex = Assert.Throws<ImportFileException>(() => Parse(buffer));
        Assert.Equal(OneRosterBundle.UsersFile, ex.File);
        Assert.Contains("blank rows", ex.Message);
    }

    [Fact]
    public void A_password_protected_users_csv_fails_naming_it()
    {
        var bytes = Build(("users.csv", Crlf(Users11Header, User11("t1", "teacher", "t1@example.org")))).ToArray();
        // The general-purpose flag's bit 0, in the local header and the central directory: the entry is encrypted.
        PatchFlag(bytes, 0x04034B50, 6);
        PatchFlag(bytes, 0x02014B50, 8);

        var ex = Assert.Throws<ImportFileException>(() => Parse(new MemoryStream(bytes)));
        Assert.Equal(OneRosterBundle.UsersFile, ex.File);
        Assert.Contains("password-protected", ex.Message);
    }

    private static void PatchFlag(byte[] zip, uint signature, int offset)
    {
        for (var i = 0; i + 4 <= zip.Length; i++)
        {
            if (BitConverter.ToUInt32(zip, i) != signature) continue;
            zip[i + offset] |= 1;
            return;
        }
        throw new InvalidOperationException($"No record {signature:X8} in the zip.");
    }

    private static void PatchUncompressedSize(byte[] zip, uint signature, int offset, long size)
    {
        for (var i = 0; i + 4 <= zip.Length; i++)
        {
            if (BitConverter.ToUInt32(zip, i) != signature) continue;
            BitConverter.GetBytes((uint)size).CopyTo(zip, i + offset);
            return;
        }
        throw new InvalidOperationException($"No record {signature:X8} in the zip.");
    }
}
