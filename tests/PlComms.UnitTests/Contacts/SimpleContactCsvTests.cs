using System.Text;
using PlComms.Contacts;

namespace PlComms.UnitTests.Contacts;

public class SimpleContactCsvTests
{
    private static readonly ImportSettings Settings = new("en", 1000);
    private const string Header = "email,role,given_name,family_name,schools,grades,language,external_id,student_ids";

    private static ParsedImport Parse(string text, ImportSettings? settings = null, bool bom = false) =>
        SimpleContactCsv.Parse(new MemoryStream([.. new UTF8Encoding(bom).GetPreamble(), .. Encoding.UTF8.GetBytes(text)]), settings ?? Settings);

    [Fact]
    public void A_clean_file_gives_normalised_contacts()
    {
        var parsed = Parse(Header + "\n" +
            " Maria.Lopez@Example.ORG ,Guardian,María,López,Lincoln Elementary; Roosevelt Middle School ,k;1;02,ES-mx,P-1,S-1;S-2\n" +
            "rachel.kim@example.org,teacher,Rachel,Kim,Lincoln Elementary,,,,\n");

        Assert.Empty(parsed.Errors);
        Assert.Equal(2, parsed.RowsRead);
        var maria = parsed.Contacts[0];
        Assert.Equal(ContactRole.Parent, maria.Role);
        Assert.Equal("maria.lopez@example.org", maria.Email);
        Assert.Equal(("María", "López"), (maria.GivenName, maria.FamilyName));
        Assert.Equal([new SchoolRef("lincoln-elementary", "Lincoln Elementary"), new SchoolRef("roosevelt-middle-school", "Roosevelt Middle School")], maria.Schools);
        Assert.Equal(["KG", "01", "02"], maria.Grades);
        Assert.Equal("es-MX", maria.Language);
        Assert.Equal("P-1", maria.ExternalId);
        Assert.Equal(ContactSource.Csv, maria.Source);
        Assert.Equal(["S-1", "S-2"], maria.StudentIds);

        var rachel = parsed.Contacts[1];
        Assert.Equal(ContactRole.Teacher, rachel.Role);
        Assert.Equal("en", rachel.Language); // the default
        Assert.Null(rachel.ExternalId);
        Assert.Empty(rachel.Grades);
        Assert.Empty(rachel.StudentIds);
    }

    [Theory]
    [InlineData("parent", ContactRole.Parent)]
    [InlineData("GUARDIAN", ContactRole.Parent)]
    [InlineData("Teacher", ContactRole.Teacher)]
    [InlineData("staff", ContactRole.Staff)]
    [InlineData("community", ContactRole.Community)]
    public void Roles_map_to_contact_roles(string role, ContactRole expected) =>
        Assert.Equal(expected, Assert.Single(Parse($"email,role\na@example.org,{role}\n").Contacts).Role);

    [Fact]
    public void The_default_language_is_the_settings_one_in_canonical_case() =>
        Assert.Equal("es-MX", Assert.Single(Parse("email,role\na@example.org,parent\n", new ImportSettings("ES-mx", 10)).Contacts).Language);

    [Fact]
    public void Bom_crlf_quoted_fields_header_case_and_extra_columns_are_tolerated()
    {
        var text = "EMAIL,Role,Given Name,Family_Name,Notes,Schools\r\n" +
                   "\"ana@example.org\",parent,\"Ana, María\",\"O\"\"Neil\",\"line one\r\nline two\",\"Lincoln Elementary;Roosevelt Middle School\"\r\n" +
                   "\r\n" +
                   "li@example.org,parent,Li,Chen,,\r\n";
        var parsed = Parse(text, bom: true);

        Assert.Empty(parsed.Errors);
        Assert.Equal(2, parsed.RowsRead);
        Assert.Equal(["ana@example.org", "li@example.org"], parsed.Contacts.Select(c => c.Email));
        Assert.Equal("Ana, María", parsed.Contacts[0].GivenName);
        Assert.Equal("O\"Neil", parsed.Contacts[0].FamilyName);
        Assert.Equal(2, parsed.Contacts[0].Schools.Count);
    }

    [Fact]
    public void A_formula_looking_cell_is_kept_as_text()
    {
        var contact = Assert.Single(Parse("email,role,given_name,family_name\na@example.org,parent,=1+2,\"=HYPERLINK(\"\"http://x\"\")\"\n").Contacts);
        Assert.Equal("=1+2", contact.GivenName);
        Assert.Equal("=HYPERLINK(\"http://x\")", contact.FamilyName);
    }

    [Theory]
    [InlineData("not-an-email,parent", "email", "not a single email address")]
    [InlineData("Ana <ana@example.org>,parent", "email", "not a single email address")]
    [InlineData("ana@localhost,parent", "email", "not a single email address")]
    [InlineData(",parent", "email", "email address is required")]
    [InlineData("a@example.org,principal", "role", "Unknown role 'principal'")]
    [InlineData("a@example.org,", "role", "role is required")]
    [InlineData("a@example.org,parent,es_MX", "language", "'-', not '_'")]
    [InlineData("a@example.org,parent,english", "language", "not a BCP 47 language tag")]
    [InlineData("a@example.org,parent,en,14", "grades", "'14' is not a grade")]
    [InlineData("\"a@example.org; b@example.org\",parent", "email", "not a single email address")]
    public void Each_bad_cell_is_a_row_error_naming_file_line_and_column_and_other_rows_still_import(string row, string column, string reason)
    {
        // The bad row sits between two good ones, on line 3.
        var cells = row.Split(',').Length;
        var padding = new string(',', 3 - Math.Min(cells - 1, 3));
        var parsed = Parse("email,role,language,grades\n" +
            "good1@example.org,parent,,\n" +
            row + (cells < 4 ? padding : "") + "\n" +
            "good2@example.org,teacher,,\n");

        var error = Assert.Single(parsed.Errors);
        Assert.Equal("upload.csv", error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(reason, error.Reason);
        Assert.Equal(["good1@example.org", "good2@example.org"], parsed.Contacts.Select(c => c.Email));
        Assert.Equal(3, parsed.RowsRead);
    }

    [Fact]
    public void The_column_in_an_error_is_spelled_as_the_header_spells_it()
    {
        var error = Assert.Single(Parse("E-Mail,ROLE\nbad,parent\n").Errors);
        Assert.Equal("E-Mail", error.Column);
    }

    [Fact]
    public void A_row_with_several_bad_cells_reports_each()
    {
        var parsed = Parse("email,role,language\nbad,wizard,english\n");
        Assert.Empty(parsed.Contacts);
        Assert.Equal(["email", "role", "language"], parsed.Errors.Select(e => e.Column));
        Assert.All(parsed.Errors, e => Assert.Equal(2, e.Line));
    }

    [Fact]
    public void A_wrong_field_count_is_a_row_error_without_a_column()
    {
        var parsed = Parse("email,role,given_name\r\na@example.org,parent,Ana\r\nb@example.org,parent\r\nc@example.org,parent,Cy,extra\r\nd@example.org,parent,Di\r\n");

        Assert.Equal(["a@example.org", "d@example.org"], parsed.Contacts.Select(c => c.Email));
        Assert.Equal([3, 4], parsed.Errors.Select(e => e.Line));
        Assert.All(parsed.Errors, e => Assert.Null(e.Column));
        Assert.Contains("2 fields where the header has 3", parsed.Errors[0].Reason);
        Assert.Contains("4 fields where the header has 3", parsed.Errors[1].Reason);
        Assert.Equal(4, parsed.RowsRead);
    }

    [Fact]
    public void Bad_quoting_is_a_row_error_and_line_numbers_count_lines_inside_quotes()
    {
        var parsed = Parse("email,role,given_name\n" +
            "a@example.org,parent,\"two\nlines\"\n" +  // lines 2–3
            "b@example.org,parent,Bo\"b\n" +           // line 4: stray quote
            "c@example.org,parent,Cy\n");              // line 5

        Assert.Equal(["a@example.org", "c@example.org"], parsed.Contacts.Select(c => c.Email));
        var error = Assert.Single(parsed.Errors);
        Assert.Equal(4, error.Line);
        Assert.Contains("quote", error.Reason);
    }

    [Fact]
    public void A_later_row_with_the_same_identity_is_a_duplicate_of_the_first()
    {
        var parsed = Parse(Header + "\n" +
            "a@example.org,parent,,,,,,,\n" +               // line 2
            "A@Example.org,parent,,,,,,,\n" +               // line 3: same role and email
            "a@example.org,teacher,,,,,,,\n" +              // line 4: another role, fine
            "x@example.org,parent,,,,,,P-9,\n" +            // line 5
            "y@example.org,guardian,,,,,,P-9,\n" +          // line 6: same role (parent) and external id
            "a@example.org,parent,,,,,,P-10,\n");           // line 7: has an external id, so not the email duplicate

        Assert.Equal(4, parsed.Contacts.Count);
        Assert.Collection(parsed.Errors,
            e => { Assert.Equal(3, e.Line); Assert.Equal("email", e.Column); Assert.StartsWith("Duplicate of line 2", e.Reason); },
            e => { Assert.Equal(6, e.Line); Assert.Equal("external_id", e.Column); Assert.StartsWith("Duplicate of line 5", e.Reason); });
    }

    [Theory]
    [InlineData("role,given_name\nparent,Ana\n", "email")]
    [InlineData("email,given_name\na@example.org,Ana\n", "role")]
    [InlineData("mail,kind\na@example.org,parent\n", "email, role")]
    public void A_missing_required_header_fails_the_file(string text, string missing)
    {
        var ex = Assert.Throws<ImportFileException>(() => Parse(text));
        Assert.Equal("upload.csv", ex.File);
        Assert.Contains(missing, ex.Message);
    }

    [Fact]
    public void An_empty_file_fails_the_file()
    {
        var ex = Assert.Throws<ImportFileException>(() => Parse(""));
        Assert.Equal("upload.csv", ex.File);
    }

    [Fact]
    public void More_rows_than_the_limit_fails_the_file()
    {
        var rows = string.Concat(Enumerable.Range(1, 4).Select(i => $"p{i}@example.org,parent\n"));
        Assert.Equal(3, Parse("email,role\n" + rows[..^("p4@example.org,parent\n".Length)], new ImportSettings("en", 3)).Contacts.Count);
        var ex = Assert.Throws<ImportFileException>(() => Parse("email,role\n" + rows, new ImportSettings("en", 3)));
        Assert.Equal("upload.csv", ex.File);
        Assert.Contains("more than 3", ex.Message);
    }

    [Fact]
    public void School_ids_are_slugs_and_repeats_are_kept_once()
    {
        var contact = Assert.Single(Parse("email,role,schools\na@example.org,staff,\"St. Mary's  K-8 ;st mary s k 8;;\"\n").Contacts);
        Assert.Equal([new SchoolRef("st-mary-s-k-8", "St. Mary's  K-8")], contact.Schools);
    }
    [Theory]
    [InlineData(1)]   // the header
    [InlineData(3)]
    public void A_file_in_another_encoding_fails_the_file_naming_the_first_line_that_is_not_utf8(int line)
    {
        // "José" as Windows-1252 writes it: one byte 0xE9 where UTF-8 needs two.
        var lines = new List<byte[]>
        {
            Encoding.UTF8.GetBytes(Header + "\r\n"),
            Encoding.UTF8.GetBytes("ana@example.org,parent,Ana,Ruiz,Lincoln,,,,\r\n"),
            Encoding.UTF8.GetBytes("jose@example.org,parent,Jos"), new byte[] { 0xE9 }, Encoding.UTF8.GetBytes(",Pérez,Lincoln,,,,\r\n"),
        };
        if (line == 1) lines.Insert(0, new byte[] { 0xE9, (byte)',' });
        var ex = Assert.Throws<ImportFileException>(() => SimpleContactCsv.Parse(new MemoryStream([.. lines.SelectMany(b => b)]), Settings));

        Assert.Equal(SimpleContactCsv.FileName, ex.File);
        Assert.Contains($"line {line} ", ex.Message);
        Assert.Contains("CSV UTF-8", ex.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xFE, 0xFF })]
    public void A_utf16_file_fails_the_file_saying_so(byte[] bom)
    {
        var utf16 = bom[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
        var ex = Assert.Throws<ImportFileException>(() => SimpleContactCsv.Parse(new MemoryStream([.. bom, .. utf16.GetBytes(Header + "\r\n")]), Settings));
        Assert.Contains("UTF-16", ex.Message);
    }

    [Fact]
    public void A_multi_byte_character_split_across_reads_is_still_utf8()
    {
        // Long enough that the reader's buffer ends inside some "é" (two bytes) and "😀" (four).
        var rows = string.Concat(Enumerable.Range(0, 3000).Select(i => $"p{i}@example.org,parent,Éé😀{i},Núñez,Lincoln,,,,\r\n"));
        var parsed = Parse(Header + "\r\n" + rows, new ImportSettings("en", 5000));
        Assert.Empty(parsed.Errors);
        Assert.Equal(3000, parsed.Contacts.Count);
        Assert.Equal("Éé😀7", parsed.Contacts[7].GivenName);
    }

    [Fact]
    public void Rows_of_empty_cells_beyond_the_row_limit_fail_the_file()
    {
        var blank = string.Concat(Enumerable.Repeat(",,,,,,,,\r\n", 5));
        Assert.Empty(Parse(Header + "\r\n" + blank, new ImportSettings("en", 5)).Contacts);
        var ex = Assert.Throws<ImportFileException>(() => Parse(Header + "\r\n" + blank + ",,,,,,,,\r\n", new ImportSettings("en", 5)));
        Assert.Contains("blank rows", ex.Message);
    }
}
