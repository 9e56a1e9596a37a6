using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlComms.Contacts;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Contacts;

/// <summary>
/// The import path the API and the web app share (<see cref="ImportUpload"/>, <see cref="ContactImports"/>) and the
/// web app's kept uploads (<see cref="ImportDrafts"/>): a multipart form as the upload page sends it, dry run and
/// import giving the same counts, one import at a time, and kept uploads bounded in bytes and in time.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ContactImportPathTests(AppFixture fixture)
{
    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private static string Csv(string u) =>
        "email,role,schools\r\n" +
        $"a-{u}@example.org,parent,School {u}\r\n" +
        $"b-{u}@example.org,teacher,School {u}\r\n" +
        $"not-an-address,parent,School {u}\r\n";

    private static MultipartFormDataContent Form(string csv, string fileName = "families.csv")
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    [Fact]
    public async Task A_multipart_upload_is_dry_run_then_imported_with_the_same_counts_and_a_second_import_changes_nothing()
    {
        var u = Unique();
        var dry = await (await fixture.Officer.PostAsync("/api/contacts/import?dryRun=true", Form(Csv(u)))).ReadObjectAsync();
        Assert.True(dry["dryRun"]!.GetValue<bool>());
        Assert.Empty((await (await fixture.Officer.GetAsync($"/api/contacts?school=school-{u}")).ReadObjectAsync())["items"]!.AsArray());

        var real = await (await fixture.Officer.PostAsync("/api/contacts/import", Form(Csv(u)))).ReadObjectAsync();
        foreach (var count in new[] { "rows", "valid", "created", "updated", "unchanged", "changed", "errorCount" })
            Assert.Equal(dry[count]!.GetValue<int>(), real[count]!.GetValue<int>());
        Assert.Equal((3, 2, 2, 1), (real["rows"]!.GetValue<int>(), real["valid"]!.GetValue<int>(), real["created"]!.GetValue<int>(), real["errorCount"]!.GetValue<int>()));
        Assert.Equal(4, real["errors"]![0]!["line"]!.GetValue<int>());
        Assert.Equal(2, (await (await fixture.Officer.GetAsync($"/api/contacts?school=school-{u}")).ReadObjectAsync())["items"]!.AsArray().Count);

        var again = await (await fixture.Officer.PostAsync("/api/contacts/import", Form(Csv(u)))).ReadObjectAsync();
        Assert.Equal((0, 2), (again["changed"]!.GetValue<int>(), again["unchanged"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_multipart_form_without_a_file_or_with_an_empty_one_is_a_400_naming_the_file()
    {
        var noFile = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        await (await fixture.Officer.PostAsync("/api/contacts/import", noFile)).AssertFieldErrorAsync("file");
        await (await fixture.Officer.PostAsync("/api/contacts/import", Form(""))).AssertFieldErrorAsync("file");
    }

    [Fact]
    public async Task While_another_import_holds_the_lock_an_import_is_refused_but_a_dry_run_still_answers()
    {
        var u = Unique();
        var importLock = fixture.Services.GetRequiredService<ImportLock>();
        var imports = fixture.Services.GetRequiredService<ContactImports>();
        var held = await importLock.TryAcquireAsync(CancellationToken.None);
        Assert.NotNull(held);
        try
        {
            var refused = await (await fixture.Officer.PostAsync("/api/contacts/import", ContactUploads.Csv(Csv(u)))).AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("Another import is running.", refused["title"]!.GetValue<string>());
            var upload = new ImportUpload(Encoding.UTF8.GetBytes(Csv(u)), ImportFormat.Csv);
            Assert.True((await imports.RunAsync(upload, dryRun: false, CancellationToken.None)).Busy);
            var dry = await imports.RunAsync(upload, dryRun: true, CancellationToken.None);
            Assert.Equal(2, dry.Report!.Created);
        }
        finally
        {
            await importLock.ReleaseAsync(held.Value);
        }
        Assert.Empty((await (await fixture.Officer.GetAsync($"/api/contacts?school=school-{u}")).ReadObjectAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task The_upload_form_s_endpoint_needs_the_session_and_the_form_s_token_before_it_reads_anything_into_an_import()
    {
        var u = Unique();
        var drafts = fixture.Services.GetRequiredService<ImportDrafts>();
        var address = fixture.Officer.BaseAddress!;
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
        var noSession = await anonymous.PostAsync(ContactUploadEndpoint.Path, Form(Csv(u)));
        Assert.Equal(HttpStatusCode.Redirect, noSession.StatusCode);
        Assert.StartsWith("/app/sign-in", noSession.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = address };
        var signIn = await browser.PostAsync("/app/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await FormTokenAsync(browser, "/app/sign-in"), ["_handler"] = "sign-in", ["Key"] = AppFixture.ApiKey, ["Back"] = "/app",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var held = drafts.HeldBytes;

        var forged = await browser.PostAsync(ContactUploadEndpoint.Path, Form(Csv(u)));
        Assert.Equal(HttpStatusCode.SeeOther, forged.StatusCode);
        Assert.Equal("/app/contacts/import?problem=expired-form", forged.Headers.Location!.OriginalString);
        Assert.Equal(held, drafts.HeldBytes);

        var form = Form(Csv(u));
        form.Add(new StringContent(await FormTokenAsync(browser, ContactUploadEndpoint.FormPage)), "__RequestVerificationToken");
        var accepted = await browser.PostAsync(ContactUploadEndpoint.Path, form);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        var key = accepted.Headers.Location!.OriginalString[(ContactUploadEndpoint.FormPage.Length + 1)..];
        var draft = drafts.Find(key)!;
        Assert.Equal(("families.csv", 2, 1), (draft.FileName, draft.DryRun!.Valid, draft.DryRun.ErrorCount));
        // A dry run: nothing stored.
        Assert.Empty((await (await fixture.Officer.GetAsync($"/api/contacts?school=school-{u}")).ReadObjectAsync())["items"]!.AsArray());
    }

    private static async Task<string> FormTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
    }

    [Fact]
    public async Task A_file_refused_as_a_whole_is_kept_without_its_bytes_with_the_file_and_reason()
    {
        var (drafts, _) = Drafts();
        var imports = fixture.Services.GetRequiredService<ContactImports>();
        var upload = new ImportUpload(Encoding.UTF8.GetBytes("name,school\r\nx,y\r\n"), ImportFormat.Csv, "wrong.csv");
        var outcome = await imports.RunAsync(upload, dryRun: true, CancellationToken.None);
        Assert.NotNull(outcome.FileProblem);
        var draft = drafts.Find(drafts.Keep(upload, outcome.Report, outcome.FileProblem))!;
        Assert.Null(draft.Upload);
        Assert.Equal("wrong.csv", draft.FileName);
        Assert.Contains("email", draft.FileProblem!.Message, StringComparison.Ordinal);
        Assert.Equal(0, drafts.HeldBytes);
    }

    [Fact]
    public void Kept_uploads_never_hold_more_bytes_than_the_upload_limit_and_the_oldest_goes_first()
    {
        var (drafts, _) = Drafts(megabytes: 1);
        var sixHundredKb = new byte[600 * 1024];
        var first = drafts.Keep(new ImportUpload(sixHundredKb, ImportFormat.Csv, "first.csv"), null, null);
        var second = drafts.Keep(new ImportUpload(sixHundredKb, ImportFormat.Csv, "second.csv"), null, null);

        Assert.True(drafts.HeldBytes <= 1024 * 1024, $"{drafts.HeldBytes} bytes held");
        // The first is still known (its report is shown), but its bytes are gone: the page asks for the file again.
        Assert.Null(drafts.Find(first)!.Upload);
        Assert.NotNull(drafts.Find(second)!.Upload);
        Assert.Null(drafts.Take(first));
    }

    [Fact]
    public void A_kept_upload_is_taken_once_given_back_if_the_import_did_not_run_and_forgotten_after_fifteen_minutes()
    {
        var (drafts, clock) = Drafts();
        var key = drafts.Keep(new ImportUpload([1, 2, 3], ImportFormat.Csv), null, null);
        Assert.Matches("^[0-9a-f]{32}$", key);
        Assert.NotEqual(key, drafts.Keep(new ImportUpload([1, 2, 3], ImportFormat.Csv), null, null));

        var taken = drafts.Take(key);
        Assert.NotNull(taken);
        Assert.Null(drafts.Take(key));
        drafts.Return(key, taken);
        Assert.NotNull(drafts.Take(key));
        drafts.RecordImported(key, new ImportReport(false, ImportFormat.Csv, 1, 1, 1, 0, 0, 1, 0, 0, [], false));
        Assert.NotNull(drafts.Find(key)!.Imported);
        drafts.Return(key, taken);
        Assert.Null(drafts.Find(key)!.Upload);

        clock.Advance(ImportDrafts.Lifetime - TimeSpan.FromSeconds(1));
        Assert.NotNull(drafts.Find(key));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(drafts.Find(key));
        Assert.Equal(0, drafts.HeldBytes);
    }

    private (ImportDrafts Drafts, FakeTimeProvider Clock) Drafts(int megabytes = 50)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var imports = new ContactImports(fixture.Services.GetRequiredService<ContactImporter>(), fixture.Services.GetRequiredService<ImportLock>(),
            Options.Create(new ContactOptions { MaxUploadMegabytes = megabytes }));
        return (new ImportDrafts(clock, imports), clock);
    }
}
