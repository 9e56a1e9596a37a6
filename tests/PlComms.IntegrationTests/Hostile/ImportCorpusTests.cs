using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PlComms.IntegrationTests.Contacts;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.IntegrationTests.Surveys;

namespace PlComms.IntegrationTests.Hostile;

/// <summary>
/// The import files of the bad-input corpus, through <c>POST /api/contacts/import</c> for real (not a dry run), so a
/// file refused part-way would show as a partial write: CSVs in other encodings, UTF-16 and mixed files, files over
/// the size limit, endless blank rows; OneRoster bundles with files missing, zip bombs, entries named to climb out of
/// the bundle, damaged and unsupported zips. Each is a 4xx problem naming the file and writes nothing.
/// <para>
/// Designed answers that are not a 4xx, and tested as such: a CSV whose cells look like formulas is imported with the
/// cells as text, never evaluated (the one CSV the app writes, the results, neutralises such cells: ResultsCsvTests); a
/// CSV with some rows of the wrong column count, or otherwise bad, is a 200 report naming each bad row, and only the
/// valid rows are written; a UTF-8 byte order mark is tolerated.
/// </para>
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class ImportCorpusTests(HostileFixture fixture)
{
    private const string Header = "email,role,given_name,family_name,schools,grades,language,external_id";

    private static string Row(string school, int i, string given = "Ana") => $"p{i}-{school}@example.org,parent,{given},Ruiz,{school},03,es,ext-{school}-{i}";

    private static ByteArrayContent Content(byte[] bytes, string? type)
    {
        var content = new ByteArrayContent(bytes);
        if (type is not null) content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A zip of the given entries (name → bytes), each deflated.</summary>
    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(bytes);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] SampleFile(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Contacts", "oneroster-sample", name));

    /// <summary>Writes a 32-bit field of the first zip record with <paramref name="signature"/> (local header or central directory).</summary>
    private static byte[] Patch(byte[] zip, uint signature, int offset, uint value, int bytes = 4)
    {
        var patched = zip.ToArray();
        for (var i = 0; i + 4 <= patched.Length; i++)
        {
            if (BitConverter.ToUInt32(patched, i) != signature) continue;
            var field = BitConverter.GetBytes(value);
            Array.Copy(field, 0, patched, i + offset, bytes);
            return patched;
        }
        throw new InvalidOperationException($"No zip record {signature:X8}.");
    }

    private static byte[] PatchBoth(byte[] zip, int localOffset, int centralOffset, uint value, int bytes = 4) =>
        Patch(Patch(zip, 0x04034B50, localOffset, value, bytes), 0x02014B50, centralOffset, value, bytes);

    /// <summary>The refused files: name, body, content type and the status and file the problem must name.</summary>
    private static IEnumerable<(string Case, Func<HttpContent> Body, int Status, string? File)> Refused(string school)
    {
        var rows = Enumerable.Range(0, 400).Select(i => Row(school, i)).ToList();
        var goodCsv = Header + "\r\n" + string.Join("\r\n", rows) + "\r\n";

        // Encodings.
        yield return ("Windows-1252 CSV (José)", () => Content([.. Utf8(Header + "\r\n" + Row(school, 1, "Jos")), 0xE9, .. Utf8("\r\n")], "text/csv"), 400, "upload.csv");
        yield return ("UTF-8 CSV with one Latin-1 row at line 300", () => Content([.. Utf8(Header + "\r\n" + string.Join("\r\n", rows[..298]) + "\r\n" + Row(school, 999, "Mu")), 0xF1, .. Utf8("oz\r\n" + string.Join("\r\n", rows[298..]) + "\r\n")], "text/csv"), 400, "upload.csv");
        yield return ("UTF-16 LE CSV with BOM", () => Content([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(goodCsv)], "text/csv"), 400, "upload.csv");
        yield return ("UTF-16 BE CSV with BOM", () => Content([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(goodCsv)], "text/csv"), 400, "upload.csv");
        yield return ("UTF-32 CSV", () => Content([0xFF, 0xFE, 0, 0, .. Encoding.UTF32.GetBytes(goodCsv)], "text/csv"), 400, "upload.csv");
        yield return ("overlong UTF-8", () => Content([.. Utf8(Header + "\r\n" + Row(school, 1, "A")), 0xC0, 0xAF, .. Utf8("\r\n")], "text/csv"), 400, "upload.csv");
        yield return ("file cut inside a character", () => Content([.. Utf8(goodCsv + Row(school, 1000, "Zo")), 0xC3], "text/csv"), 400, "upload.csv");
        yield return ("a PNG sent as CSV", () => Content([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[64]], "text/csv"), 400, "upload.csv");

        // Structure.
        yield return ("header without email", () => Content(Utf8("name,role\r\nAna,parent\r\n"), "text/csv"), 400, "upload.csv");
        yield return ("header naming a column twice", () => Content(Utf8("email,role,email\r\na@example.org,parent,b@example.org\r\n"), "text/csv"), 400, "upload.csv");
        yield return ("blank header", () => Content(Utf8(",,,\r\na@example.org,parent,,\r\n"), "text/csv"), 400, "upload.csv");
        yield return ("empty file", () => Content([], "text/csv"), 400, null);
        yield return ("200,001 rows of three empty cells", () => Content(Utf8(Header + "\r\n" + string.Concat(Enumerable.Repeat(",,\r\n", 200_001))), "text/csv"), 400, "upload.csv");

        // Sizes and types.
        yield return ("CSV over the 1 MB limit", () => Content(Utf8(Header + "\r\n" + string.Concat(Enumerable.Repeat(Row(school, 1) + "\r\n", 20_000))), "text/csv"), 413, null);
        yield return ("JSON instead of a file", () => Content(Utf8("{\"email\":\"a@example.org\"}"), "application/json"), 415, null);
        yield return ("an HTML form post", () => new FormUrlEncodedContent([new("email", "a@example.org")]), 415, null);
        yield return ("no content type", () => Content(Utf8(goodCsv), null), 415, null);
        yield return ("multipart without a file", () => new MultipartFormDataContent { { new StringContent("x"), "note" } }, 400, null);
        yield return ("multipart with an empty file", () => new MultipartFormDataContent { { Content([], "text/csv"), "file", "empty.csv" } }, 400, null);

        // OneRoster bundles.
        var users = SampleFile("users.csv");
        var orgs = SampleFile("orgs.csv");
        yield return ("bundle without users.csv", () => Content(Zip(("orgs.csv", orgs)), "application/zip"), 400, "users.csv");
        yield return ("bundle with users.csv deeper than one folder", () => Content(Zip(("a/b/users.csv", users), ("orgs.csv", orgs)), "application/zip"), 400, "users.csv");
        yield return ("bundle with users.csv in two folders", () => Content(Zip(("a/users.csv", users), ("b/users.csv", users)), "application/zip"), 400, "users.csv");
        yield return ("users.csv without a role column and no roles.csv", () => Content(Zip(("users.csv", Utf8("sourcedId,email\r\nt1,t1@example.org\r\n"))), "application/zip"), 400, "users.csv");
        yield return ("users.csv in Windows-1252", () => Content(Zip(("users.csv", [.. users[..^2], .. Utf8(",Jos"), 0xE9, .. Utf8("\r\n")]), ("orgs.csv", orgs)), "application/zip"), 400, "users.csv");
        yield return ("a bundle holding only a zip", () => Content(Zip(("inner.zip", Zip(("users.csv", users)))), "application/zip"), 400, "users.csv");
        foreach (var name in new[] { "../users.csv", "roster/../../users.csv", "/etc/users.csv", "..\\..\\users.csv", "C:/Windows/users.csv" })
            yield return ($"entry named {name}", () => Content(Zip((name, users), ("orgs.csv", orgs)), "application/zip"), 400, "upload.zip");
        yield return ("a harmless entry beside one named ../../evil.sh", () => Content(Zip(("users.csv", users), ("../../evil.sh", Utf8("#!/bin/sh\n"))), "application/zip"), 400, "upload.zip");

        // Zip bombs: declared sizes past the bound; a small zip of endless empty rows; sizes that lie.
        var declared = PatchBoth(Zip(("users.csv", users)), 22, 24, 3u * 1024 * 1024 * 1024);
        yield return ("zip bomb declaring 3 GiB", () => Content(declared, "application/zip"), 400, "upload.zip");
        var empties = Utf8(string.Concat(Enumerable.Repeat(new string(',', 18) + "\r\n", 1_500_000)));
        yield return ("zip bomb of 30 MB of empty rows", () => Content(Zip(("users.csv", [.. users, .. empties])), "application/zip"), 400, "users.csv");
        yield return ("zip whose users.csv claims to be smaller than it is", () => Content(PatchBoth(Zip(("users.csv", [.. users, .. empties])), 22, 24, 100), "application/zip"), 400, null);
        yield return ("zip with a password-protected users.csv", () => Content(PatchBoth(Zip(("users.csv", users)), 6, 8, 1, bytes: 2), "application/zip"), 400, "users.csv");
        yield return ("zip with an unknown compression method", () => Content(PatchBoth(Zip(("users.csv", users)), 8, 10, 99, bytes: 2), "application/zip"), 400, null);
        yield return ("zip cut short", () => Content(Zip(("users.csv", users), ("orgs.csv", orgs))[..200], "application/zip"), 400, null);
        yield return ("zip header and garbage", () => Content([0x50, 0x4B, 0x03, 0x04, .. new byte[500]], "application/zip"), 400, null);
        yield return ("zip of 5,000 empty entries", () => Content(Zip([.. Enumerable.Range(0, 5_000).Select(i => ($"f{i}.txt", Array.Empty<byte>()))]), "application/zip"), 400, "users.csv");
    }

    public static TheoryData<string> Modes => ["import", "dry run"];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Every_refused_file_is_a_4xx_problem_naming_it_and_writes_nothing(string mode)
    {
        var school = SurveyFixture.NewSchool("import-corpus");
        var cases = Refused(school).ToList();
        Assert.True(cases.Count >= 35, $"{cases.Count} cases.");
        var query = mode == "dry run" ? "?dryRun=true" : "";
        var answers = await fixture.AssertWritesNothingAsync($"{cases.Count} refused import files ({mode})", () =>
            HostileFixture.InParallelAsync(cases, 4, async c =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/contacts/import" + query) { Content = c.Body() };
                request.Headers.ExpectContinue = true;
                using var response = await fixture.Officer.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                return (c.Case, c.Status, c.File, Got: (int)response.StatusCode, Type: response.Content.Headers.ContentType?.MediaType, Body: body);
            }));

        var wrong = new List<string>();
        foreach (var a in answers)
        {
            if (a.Got != a.Status || a.Type != "application/problem+json") { wrong.Add($"{a.Case} → {a.Got} {a.Type}: {a.Body[..Math.Min(200, a.Body.Length)]}"); continue; }
            var problem = JsonNode.Parse(a.Body)!;
            if (a.File is { } file && problem["file"]?.GetValue<string>() != file) wrong.Add($"{a.Case}: the problem names {problem["file"]} instead of {file}: {a.Body}");
            if (string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()) && problem["errors"] is null)
                wrong.Add($"{a.Case}: the problem does not say why: {a.Body}");
            // A wrong type is told what the import takes, not that it wants JSON.
            if (a.Got == 415 && !problem["detail"]!.GetValue<string>().Contains("text/csv", StringComparison.Ordinal))
                wrong.Add($"{a.Case}: the 415 does not name the types the import takes: {a.Body}");
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {answers.Length} files were not refused as they should be:\n" + string.Join("\n", wrong));
        Assert.Empty((await (await fixture.Officer.GetAsync($"/api/contacts?school={school}")).ReadObjectAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task A_file_whose_content_is_not_the_declared_format_is_refused_and_writes_nothing()
    {
        var zip = Zip(("users.csv", SampleFile("users.csv")), ("orgs.csv", SampleFile("orgs.csv")));
        var csv = Utf8(Header + "\r\n" + Row(SurveyFixture.NewSchool("declared"), 1) + "\r\n");
        var (asCsv, asZip) = await fixture.AssertWritesNothingAsync("files of another format than declared", async () =>
            (await fixture.Officer.PostAsync("/api/contacts/import?format=csv", Content(zip, "application/zip")),
             await fixture.Officer.PostAsync("/api/contacts/import?format=oneroster", Content(csv, "text/csv"))));
        await asCsv.AssertFieldErrorAsync("format");
        await asZip.AssertFieldErrorAsync("format");
    }

    [Fact]
    public async Task The_problem_for_a_file_in_another_encoding_names_the_line_and_how_to_save_the_file()
    {
        var school = SurveyFixture.NewSchool("encoding");
        var rows = Enumerable.Range(0, 10).Select(i => Row(school, i)).ToList();
        byte[] file = [.. Utf8(Header + "\r\n" + string.Join("\r\n", rows[..6]) + "\r\n" + Row(school, 99, "Jos")), 0xE9, .. Utf8("\r\n" + string.Join("\r\n", rows[6..]) + "\r\n")];

        var problem = await (await fixture.Officer.PostAsync("/api/contacts/import", Content(file, "text/csv"))).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("line 8 ", problem["detail"]!.GetValue<string>());
        Assert.Contains("CSV UTF-8", problem["detail"]!.GetValue<string>());
        Assert.Empty((await (await fixture.Officer.GetAsync($"/api/contacts?school={school}")).ReadObjectAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task Formula_cells_are_imported_as_text_never_evaluated_and_read_back_as_written()
    {
        var school = SurveyFixture.NewSchool("formula");
        string[] formulas = ["=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")", "+1+1", "-2+3", "@SUM(A1:A9)", "=cmd|' /C calc'!A0", "\t=1+1"];
        var csv = new StringBuilder(Header + "\r\n");
        for (var i = 0; i < formulas.Length; i++) csv.Append($"f{i}-{school}@example.org,parent,\"{formulas[i]}\",\"{formulas[i]}\",{school},03,en,\r\n");

        var dry = await (await fixture.Officer.PostAsync("/api/contacts/import?dryRun=true", ContactUploads.Csv(csv.ToString()))).ReadObjectAsync();
        Assert.Equal((formulas.Length, 0), (dry["valid"]!.GetValue<int>(), dry["errorCount"]!.GetValue<int>()));
        var real = await (await fixture.Officer.PostAsync("/api/contacts/import", ContactUploads.Csv(csv.ToString()))).ReadObjectAsync();
        Assert.Equal(formulas.Length, real["created"]!.GetValue<int>());

        var stored = (await (await fixture.Officer.GetAsync($"/api/contacts?school={school}")).ReadObjectAsync())["items"]!.AsArray();
        // Stored as the cell held it (trimmed, as every cell is), quotes unescaped: text, not a result.
        var expected = formulas.Select(f => f.Replace("\"\"", "\"").Trim()).Order(StringComparer.Ordinal);
        Assert.Equal(expected, stored.Select(c => c!["givenName"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(expected, stored.Select(c => c!["familyName"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_csv_with_rows_of_the_wrong_column_count_writes_exactly_its_valid_rows_and_names_each_bad_one()
    {
        var school = SurveyFixture.NewSchool("columns");
        var csv = Header + "\r\n" +
                  Row(school, 1) + "\r\n" +
                  Row(school, 2) + ",extra,cells\r\n" +         // line 3: too many
                  $"p3-{school}@example.org,parent\r\n" +        // line 4: too few
                  Row(school, 4) + "\r\n" +
                  "\"unclosed," + Row(school, 5) + "\r\n";       // line 6: a quote never closed, to the end

        var dry = await (await fixture.Officer.PostAsync("/api/contacts/import?dryRun=true", ContactUploads.Csv(csv))).ReadObjectAsync();
        var before = await fixture.SettledSnapshotAsync();
        var report = await (await fixture.Officer.PostAsync("/api/contacts/import", ContactUploads.Csv(csv))).ReadObjectAsync();

        Assert.Equal([3, 4, 6], report["errors"]!.AsArray().Select(e => e!["line"]!.GetValue<int>()));
        Assert.All(report["errors"]!.AsArray(), e => Assert.False(string.IsNullOrWhiteSpace(e!["reason"]!.GetValue<string>())));
        Assert.Equal((2, 2), (report["created"]!.GetValue<int>(), dry["created"]!.GetValue<int>()));
        var stored = (await (await fixture.Officer.GetAsync($"/api/contacts?school={school}")).ReadObjectAsync())["items"]!.AsArray();
        Assert.Equal([$"p1-{school}@example.org", $"p4-{school}@example.org"], stored.Select(c => c!["email"]!.GetValue<string>()).Order());
        // The two contacts (each with its email index row) and nothing else.
        var written = (await fixture.SettledSnapshotAsync()).Since(before);
        Assert.All(written, w => Assert.StartsWith("table Contacts: +", w));
        Assert.InRange(written.Count, 2, 4);
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_is_tolerated_and_names_keep_their_accents()
    {
        var school = SurveyFixture.NewSchool("bom");
        var csv = Header + "\r\n" + $"bom-{school}@example.org,parent,José,Muñoz,{school},03,es,\r\n";

        await (await fixture.Officer.PostAsync("/api/contacts/import", Content([0xEF, 0xBB, 0xBF, .. Utf8(csv)], "text/csv"))).ReadObjectAsync();

        var stored = Assert.Single((await (await fixture.Officer.GetAsync($"/api/contacts?school={school}")).ReadObjectAsync())["items"]!.AsArray())!;
        Assert.Equal(("José", "Muñoz"), (stored["givenName"]!.GetValue<string>(), stored["familyName"]!.GetValue<string>()));
    }
}
