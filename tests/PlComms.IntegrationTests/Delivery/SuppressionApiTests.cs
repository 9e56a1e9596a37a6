using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>The officer's suppression list: GET/POST /api/suppressions and DELETE /api/suppressions/{id}.</summary>
[Collection(AppCollection.Name)]
public sealed class SuppressionApiTests(AppFixture fixture)
{
    private readonly HttpClient _officer = fixture.Officer;

    private static string NewEmail(string label) => $"{label}-{Guid.NewGuid().ToString("N")[..10]}@example.org";

    private Task<HttpResponseMessage> AddAsync(JsonObject body) => _officer.PostAsync("/api/suppressions", ApiAssertions.JsonContent(body));

    private async Task<JsonArray> ListAsync(string email) =>
        (await (await _officer.GetAsync($"/api/suppressions?email={Uri.EscapeDataString(email)}")).ReadObjectAsync())["items"]!.AsArray();

    [Fact]
    public async Task Adding_a_suppression_answers_201_with_its_location_and_stores_the_address_lower_cased()
    {
        var email = NewEmail("Add.Me");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var response = await AddAsync(new JsonObject { ["email"] = "  " + email.ToUpperInvariant() + " ", ["scope"] = "announcements", ["reason"] = "unsubscribed", ["note"] = "Phoned the office." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadObjectAsync();
        var id = created["id"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{64}\\.announcements$", id);
        Assert.Equal($"/api/suppressions/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(email.ToLowerInvariant(), created["email"]!.GetValue<string>());
        Assert.Equal("announcements", created["scope"]!.GetValue<string>());
        Assert.Equal("unsubscribed", created["reason"]!.GetValue<string>());
        Assert.Equal("officer", created["source"]!.GetValue<string>());
        Assert.Equal("Phoned the office.", created["note"]!.GetValue<string>());
        Assert.InRange(created["createdAt"]!.GetValue<DateTimeOffset>(), before, DateTimeOffset.UtcNow.AddSeconds(5));

        var listed = Assert.Single(await ListAsync(email.ToUpperInvariant()))!;
        Assert.Equal(created.ToJsonString(), listed.ToJsonString());
    }

    [Fact]
    public async Task Without_scope_and_reason_a_suppression_is_manual_for_all_streams()
    {
        var email = NewEmail("defaults");

        var created = await (await AddAsync(new JsonObject { ["email"] = email })).ReadObjectAsync();

        Assert.Equal("all", created["scope"]!.GetValue<string>());
        Assert.Equal("manual", created["reason"]!.GetValue<string>());
        Assert.Null(created["note"]);
    }

    [Fact]
    public async Task Adding_the_same_address_and_scope_again_answers_200_with_the_first_record_unchanged()
    {
        var email = NewEmail("dup");
        var first = await (await AddAsync(new JsonObject { ["email"] = email, ["scope"] = "surveys", ["reason"] = "manual", ["note"] = "first" })).ReadObjectAsync();

        var again = await AddAsync(new JsonObject { ["email"] = email.ToUpperInvariant(), ["scope"] = "surveys", ["reason"] = "unsubscribed", ["note"] = "second" });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Null(again.Headers.Location);
        Assert.Equal(first.ToJsonString(), (await again.ReadObjectAsync()).ToJsonString());
        Assert.Single(await ListAsync(email));
    }

    [Fact]
    public async Task Each_scope_is_its_own_suppression_and_the_email_filter_lists_only_that_address()
    {
        var email = NewEmail("scopes");
        var other = NewEmail("scopes-other");
        foreach (var scope in new[] { "all", "surveys", "announcements" })
            Assert.Equal(HttpStatusCode.Created, (await AddAsync(new JsonObject { ["email"] = email, ["scope"] = scope })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await AddAsync(new JsonObject { ["email"] = other })).StatusCode);

        var listed = await ListAsync(email);

        Assert.Equal(new[] { "all", "announcements", "surveys" }, listed.Select(s => s!["scope"]!.GetValue<string>()).Order());
        Assert.All(listed, s => Assert.Equal(email, s!["email"]!.GetValue<string>()));
        Assert.Single(await ListAsync(other));
        Assert.Empty(await ListAsync(NewEmail("nobody")));
    }

    [Fact]
    public async Task The_unfiltered_list_holds_what_was_added()
    {
        var email = NewEmail("unfiltered");
        var id = (await (await AddAsync(new JsonObject { ["email"] = email })).ReadObjectAsync())["id"]!.GetValue<string>();

        var ids = new List<string>();
        string? next = null;
        do
        {
            var page = await (await _officer.GetAsync("/api/suppressions" + (next is null ? "" : $"?continuationToken={Uri.EscapeDataString(next)}"))).ReadObjectAsync();
            ids.AddRange(page["items"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
            next = page["continuationToken"]?.GetValue<string>();
        }
        while (next is not null);

        Assert.Contains(id, ids);
        Assert.DoesNotContain(ids, i => i.StartsWith('~'));  // the version row is not a suppression
    }

    [Fact]
    public async Task Deleting_a_suppression_answers_204_and_removes_it_and_a_second_delete_is_a_404_problem()
    {
        var email = NewEmail("delete");
        var id = (await (await AddAsync(new JsonObject { ["email"] = email, ["scope"] = "announcements" })).ReadObjectAsync())["id"]!.GetValue<string>();

        var deleted = await _officer.DeleteAsync($"/api/suppressions/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await ListAsync(email));
        await (await _officer.DeleteAsync($"/api/suppressions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        // And it can be added again afterwards.
        Assert.Equal(HttpStatusCode.Created, (await AddAsync(new JsonObject { ["email"] = email, ["scope"] = "announcements" })).StatusCode);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000.all")]
    [InlineData("not-an-id")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000.weekly")]
    [InlineData("~version")]
    public async Task Deleting_an_unknown_or_malformed_id_is_a_404_problem(string id)
    {
        await (await _officer.DeleteAsync($"/api/suppressions/{Uri.EscapeDataString(id)}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { """{"email":"not-an-email"}""", "email" },
        { """{"email":"two words@example.org"}""", "email" },
        { """{"email":"a@b@example.org"}""", "email" },
        { """{"email":"Name <a@example.org>"}""", "email" },
        { """{"scope":"all"}""", "email" },
        { """{"email":""}""", "email" },
        { $$"""{"email":"{{new string('a', 250)}}@example.org"}""", "email" },
        { """{"email":42}""", "email" },
        { """{"email":"a@example.org","scope":"weekly"}""", "scope" },
        { """{"email":"a@example.org","scope":""}""", "scope" },
        { """{"email":"a@example.org","reason":"sometimes"}""", "reason" },
        { """{"email":"a@example.org","reason":"hard-bounce"}""", "reason" },
        { """{"email":"a@example.org","reason":"spam-report"}""", "reason" },
        { $$"""{"email":"a@example.org","note":"{{new string('n', 501)}}"}""", "note" },
        { """{"email":"a@example.org","emial":"typo@example.org"}""", "emial" },
        { "", "" },
        { "null", "" },
        { "{not json", "" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_a_400_problem_naming_the_field_and_adds_nothing(string body, string field)
    {
        var response = await _officer.PostAsync("/api/suppressions", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertFieldErrorAsync(field);
        Assert.Empty(await ListAsync("a@example.org"));
    }

    [Fact]
    public async Task A_note_of_exactly_500_characters_is_accepted()
    {
        var created = await (await AddAsync(new JsonObject { ["email"] = NewEmail("note"), ["note"] = new string('n', 500) })).ReadObjectAsync();

        Assert.Equal(500, created["note"]!.GetValue<string>().Length);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_a_415_problem(string mediaType)
    {
        var response = await _officer.PostAsync("/api/suppressions", new StringContent("""{"email":"a@example.org"}""", Encoding.UTF8, mediaType));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Empty(await ListAsync("a@example.org"));
    }

    [Fact]
    public async Task An_email_filter_over_254_characters_is_a_400_problem()
    {
        var response = await _officer.GetAsync($"/api/suppressions?email={new string('a', 250)}%40example.org");

        await response.AssertFieldErrorAsync("email");
    }

    [Fact]
    public async Task Every_suppression_route_needs_the_officer_key()
    {
        var email = NewEmail("nokey");
        var id = (await (await AddAsync(new JsonObject { ["email"] = email })).ReadObjectAsync())["id"]!.GetValue<string>();

        await (await fixture.Anonymous.GetAsync($"/api/suppressions?email={email}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await fixture.Anonymous.PostAsync("/api/suppressions", ApiAssertions.JsonContent(new JsonObject { ["email"] = NewEmail("nokey-add") }))).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await fixture.Anonymous.DeleteAsync($"/api/suppressions/{id}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var wrongKey = new HttpClient { BaseAddress = fixture.Anonymous.BaseAddress };
        wrongKey.DefaultRequestHeaders.Add(PlComms.Platform.Auth.OfficerAuthOptions.HeaderName, "not-the-key");
        await (await wrongKey.DeleteAsync($"/api/suppressions/{id}")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Single(await ListAsync(email));
    }
}
