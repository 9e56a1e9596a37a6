using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Contacts;

[Collection(AppCollection.Name)]
public sealed class ContactImportTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Officer;

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private async Task<JsonObject> ImportAsync(HttpContent content, string query = "")
    {
        var response = await _client.PostAsync("/api/contacts/import" + query, content);
        return await response.ReadObjectAsync();
    }

    [Fact]
    public async Task A_OneRoster_bundle_with_malformed_rows_reports_them_imports_the_valid_rows_and_a_reimport_changes_nothing()
    {
        var first = await ImportAsync(ContactUploads.OneRosterSample());
        Assert.Equal("one-roster", first["format"]!.GetValue<string>());
        Assert.Equal(8, first["valid"]!.GetValue<int>());
        var errors = first["errors"]!.AsArray();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("users.csv", e!["file"]!.GetValue<string>()));
        Assert.Equal([7, 9], errors.Select(e => e!["line"]!.GetValue<int>()));
        Assert.Equal("email", errors[0]!["column"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(errors[1]!["reason"]!.GetValue<string>()));

        var again = await ImportAsync(ContactUploads.OneRosterSample());
        Assert.Equal(0, again["changed"]!.GetValue<int>());
        Assert.Equal(0, again["created"]!.GetValue<int>());
        Assert.Equal(8, again["unchanged"]!.GetValue<int>());

        // The parent linked from a student's side took the student's school and grade.
        var page = await (await _client.GetAsync("/api/contacts?role=parent&school=org-lincoln")).ReadObjectAsync();
        Assert.Contains(page["items"]!.AsArray(), c => c!["externalId"]?.GetValue<string>() == "par-1"
            && c["grades"]!.AsArray().Any(g => g!.GetValue<string>() == "02"));
        // Students are never contacts.
        var all = await (await _client.GetAsync("/api/contacts?role=parent")).ReadObjectAsync();
        Assert.DoesNotContain(all["items"]!.AsArray(), c => (c!["externalId"]?.GetValue<string>() ?? "").StartsWith("stu-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bundle_without_users_csv_is_a_400_naming_the_file_and_writes_nothing()
    {
        var response = await _client.PostAsync("/api/contacts/import", ContactUploads.OneRosterSample(without: "users.csv"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("users.csv", problem["file"]!.GetValue<string>());
        Assert.Contains("users.csv", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_csv_imports_upserts_by_external_id_then_email_and_a_dry_run_writes_nothing()
    {
        var u = Unique();
        var csv = $"email,role,given_name,family_name,schools,grades,language,external_id\r\n" +
                  $"a-{u}@example.org,parent,Ana,Uno,School {u},03,es,X-{u}\r\n" +
                  $"b-{u}@example.org,teacher,Ben,Dos,School {u},04,,\r\n" +
                  $"not-an-email,parent,Bad,Row,School {u},03,en,\r\n" +
                  $"c-{u}@example.org,parent,Cy,Tres,School {u},03,english,\r\n";

        var dry = await ImportAsync(ContactUploads.Csv(csv), "?dryRun=true");
        Assert.True(dry["dryRun"]!.GetValue<bool>());
        Assert.Equal(2, dry["created"]!.GetValue<int>());
        Assert.Equal(2, dry["errorCount"]!.GetValue<int>());
        Assert.Empty((await (await _client.GetAsync($"/api/contacts?school=school-{u}")).ReadObjectAsync())["items"]!.AsArray());

        var report = await ImportAsync(ContactUploads.Csv(csv));
        Assert.Equal(2, report["created"]!.GetValue<int>());
        Assert.Equal([4, 5], report["errors"]!.AsArray().Select(e => e!["line"]!.GetValue<int>()));
        Assert.Equal(["email", "language"], report["errors"]!.AsArray().Select(e => e!["column"]!.GetValue<string>()));

        var listed = (await (await _client.GetAsync($"/api/contacts?school=school-{u}")).ReadObjectAsync())["items"]!.AsArray();
        Assert.Equal(2, listed.Count);
        var teacher = listed.Single(c => c!["role"]!.GetValue<string>() == "teacher")!;
        Assert.Equal("en", teacher["language"]!.GetValue<string>()); // the district default

        // Same external id, new email and name: an update, not a second contact. Same email without an id: matched by email.
        var changed = $"email,role,given_name,family_name,schools,grades,language,external_id\r\n" +
                      $"new-a-{u}@example.org,parent,Ana María,Uno,School {u},03,es,X-{u}\r\n" +
                      $"B-{u}@Example.org,teacher,Ben,Dos,School {u},04;05,,\r\n";
        var second = await ImportAsync(ContactUploads.Csv(changed));
        Assert.Equal(0, second["created"]!.GetValue<int>());
        Assert.Equal(2, second["updated"]!.GetValue<int>());
        Assert.Equal(2, second["changed"]!.GetValue<int>());
        Assert.Equal(0, (await ImportAsync(ContactUploads.Csv(changed)))["changed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cells_are_stored_as_text_and_never_evaluated()
    {
        var u = Unique();
        var csv = $"email,role,given_name,family_name,schools\r\nf-{u}@example.org,parent,=1+2,\"@SUM(A1:A2)\",School {u}\r\n";
        await ImportAsync(ContactUploads.Csv(csv));
        var contact = (await (await _client.GetAsync($"/api/contacts?school=school-{u}")).ReadObjectAsync())["items"]!.AsArray().Single()!;
        Assert.Equal("=1+2", contact["givenName"]!.GetValue<string>());
        Assert.Equal("@SUM(A1:A2)", contact["familyName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_uploads_get_problems_and_write_nothing()
    {
        await (await _client.PostAsync("/api/contacts/import", new StringContent("{}", Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await _client.PostAsync("/api/contacts/import", ContactUploads.Csv(""))).AssertFieldErrorAsync("file");
        await (await _client.PostAsync("/api/contacts/import?format=xlsx", ContactUploads.Csv("email,role\r\n"))).AssertFieldErrorAsync("format");
        await (await _client.PostAsync("/api/contacts/import?format=oneroster", ContactUploads.Csv("email,role\r\n"))).AssertFieldErrorAsync("format");
        var noHeader = await (await _client.PostAsync("/api/contacts/import", ContactUploads.Csv("name,school\r\nx,y\r\n"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("email", noHeader["detail"]!.GetValue<string>());
        await (await fixture.Anonymous.PostAsync("/api/contacts/import", ContactUploads.Csv("email,role\r\n"))).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_upload_over_the_limit_gets_413_stating_the_limit()
    {
        await using var app = AppFixture.StartApp(fixture.Azurite.ConnectionString, new Dictionary<string, string?> { ["Contacts:MaxUploadMegabytes"] = "1" });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AppFixture.ApiKey);
        var big = new StringBuilder("email,role\r\n");
        while (big.Length < 1_200_000) big.Append("someone@example.org,parent\r\n");
        var problem = await (await client.PostAsync("/api/contacts/import", ContactUploads.Csv(big.ToString()))).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1 MB", problem["detail"]!.GetValue<string>());
        await app.StopAsync();
    }

    [Fact]
    public async Task Contacts_read_page_and_erase_and_bad_ids_and_filters_are_problems()
    {
        var u = Unique();
        var rows = new StringBuilder("email,role,schools,grades,language\r\n");
        for (var i = 0; i < 7; i++) rows.Append($"p{i}-{u}@example.org,parent,School {u},0{1 + i % 3},{(i % 2 == 0 ? "en" : "es")}\r\n");
        await ImportAsync(ContactUploads.Csv(rows.ToString()));

        var first = await (await _client.GetAsync($"/api/contacts?school=school-{u}&pageSize=5")).ReadObjectAsync();
        Assert.Equal(5, first["items"]!.AsArray().Count);
        var token = first["continuationToken"]!.GetValue<string>();
        var second = await (await _client.GetAsync($"/api/contacts?school=school-{u}&pageSize=5&continuationToken={Uri.EscapeDataString(token)}")).ReadObjectAsync();
        Assert.Equal(2, second["items"]!.AsArray().Count);
        var spanish = await (await _client.GetAsync($"/api/contacts?school=school-{u}&language=es")).ReadObjectAsync();
        Assert.Equal(3, spanish["items"]!.AsArray().Count);

        var id = first["items"]![0]!["id"]!.GetValue<string>();
        var one = await (await _client.GetAsync($"/api/contacts/{id}")).ReadObjectAsync();
        Assert.EndsWith($"-{u}@example.org", one["email"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/contacts/{id}")).StatusCode);
        await (await _client.GetAsync($"/api/contacts/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.DeleteAsync($"/api/contacts/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);

        await (await _client.GetAsync("/api/contacts/not-an-id")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/api/contacts?role=pupil")).AssertFieldErrorAsync("role");
        await (await _client.GetAsync("/api/contacts?language=english")).AssertFieldErrorAsync("language");
        await (await _client.GetAsync("/api/contacts?pageSize=0")).AssertFieldErrorAsync("pageSize");
    }

    [Fact]
    public async Task A_segment_preview_counts_and_lists_matching_recipients_and_refuses_bad_segments()
    {
        var u = Unique();
        var rows = new StringBuilder("email,role,schools,grades,language\r\n");
        for (var i = 0; i < 6; i++) rows.Append($"s{i}-{u}@example.org,{(i < 4 ? "parent" : "teacher")},School {u},{(i % 2 == 0 ? "KG" : "05")},{(i < 2 ? "es-MX" : "en")}\r\n");
        await ImportAsync(ContactUploads.Csv(rows.ToString()));

        var preview = await (await _client.PostAsync("/api/segments/preview", ApiAssertions.JsonContent(new JsonObject
        {
            ["role"] = "parent", ["schools"] = new JsonArray($"school-{u}"), ["languages"] = new JsonArray("es"),
        }))).ReadObjectAsync();
        Assert.Equal(2, preview["count"]!.GetValue<int>());
        Assert.Equal(2, preview["recipients"]!.AsArray().Count);

        var kg = await (await _client.PostAsync("/api/segments/preview", ApiAssertions.JsonContent(new JsonObject
        {
            ["role"] = "parent", ["schools"] = new JsonArray($"school-{u}"), ["grades"] = new JsonArray("k"),
        }))).ReadObjectAsync();
        Assert.Equal(2, kg["count"]!.GetValue<int>());

        await (await _client.PostAsync("/api/segments/preview", ApiAssertions.JsonContent(new JsonObject { ["role"] = "student" }))).AssertFieldErrorAsync("role");
        await (await _client.PostAsync("/api/segments/preview", ApiAssertions.JsonContent(new JsonObject { ["role"] = "parent", ["languages"] = new JsonArray("xx_YY") })))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
