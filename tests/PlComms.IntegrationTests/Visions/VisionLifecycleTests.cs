using System.Net;
using System.Text.Json.Nodes;
using PlComms.IntegrationTests.Infrastructure;
using static PlComms.IntegrationTests.Visions.VisionRequests;

namespace PlComms.IntegrationTests.Visions;

[Collection(AppCollection.Name)]
public sealed class VisionLifecycleTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Officer;

    [Fact]
    public async Task Create_returns_201_with_location_etag_and_the_stored_draft()
    {
        var response = await _client.PostAsync("/api/visions", ApiAssertions.JsonContent(ValidDraft("Created draft")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadObjectAsync();
        var id = body["id"]!.GetValue<string>();
        Assert.Equal($"/api/visions/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal(1, body["version"]!.GetValue<int>());

        var read = await (await _client.GetAsync($"/api/visions/{id}")).ReadObjectAsync();
        Assert.Equal("Created draft", read["title"]!.GetValue<string>());
        Assert.Equal("grades-or-subjects", read["focus"]![0]!["category"]!.GetValue<string>());
        Assert.Equal("Average daily attendance", read["impacts"]!["shortTerm"]![0]!["metric"]!.GetValue<string>());
        Assert.Equal(new[] { "parents", "students" }, read["shifts"]![0]!["audiences"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task Update_with_current_etag_adds_a_version_and_keeps_the_old_one_unchanged()
    {
        var (id, etag) = await CreateAsync(_client, ValidDraft("First wording"));

        var response = await PutAsync(_client, id, ValidDraft("Second wording"), etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
        Assert.Equal("Second wording", (await (await _client.GetAsync($"/api/visions/{id}")).ReadObjectAsync())["title"]!.GetValue<string>());
        var v1 = await (await _client.GetAsync($"/api/visions/{id}/versions/1")).ReadObjectAsync();
        var v2 = await (await _client.GetAsync($"/api/visions/{id}/versions/2")).ReadObjectAsync();
        Assert.Equal("First wording", v1["title"]!.GetValue<string>());
        Assert.Equal("Second wording", v2["title"]!.GetValue<string>());
        var versions = (await (await _client.GetAsync($"/api/visions/{id}/versions")).ReadObjectAsync())["versions"]!.AsArray();
        Assert.Equal(new[] { 1, 2 }, versions.Select(v => v!["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Update_with_a_stale_etag_is_412_and_writes_nothing()
    {
        var (id, staleEtag) = await CreateAsync(_client);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(_client, id, ValidDraft("Newer"), staleEtag)).StatusCode);

        var response = await PutAsync(_client, id, ValidDraft("Would overwrite"), staleEtag);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(2, await VersionCountAsync(_client, id));
        Assert.Equal("Newer", (await (await _client.GetAsync($"/api/visions/{id}")).ReadObjectAsync())["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_without_if_match_is_428_and_writes_nothing()
    {
        var (id, _) = await CreateAsync(_client);

        var response = await PutAsync(_client, id, ValidDraft("No precondition"), ifMatch: null);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal(1, await VersionCountAsync(_client, id));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("W/\"1\"")]
    [InlineData("not-a-tag")]
    public async Task Update_with_a_wildcard_or_unrecognised_if_match_is_412(string ifMatch)
    {
        var (id, _) = await CreateAsync(_client);

        var response = await PutAsync(_client, id, ValidDraft("Changed"), ifMatch);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(1, await VersionCountAsync(_client, id));
    }

    [Fact]
    public async Task Concurrent_updates_from_the_same_etag_let_exactly_one_win()
    {
        var (id, etag) = await CreateAsync(_client);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => PutAsync(_client, id, ValidDraft($"Writer {i}"), etag)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        Assert.Equal(2, await VersionCountAsync(_client, id));
    }

    [Fact]
    public async Task Unknown_ids_are_404_on_every_vision_route()
    {
        const string id = "0000000000000000000000000000dead";
        await (await _client.GetAsync($"/api/visions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await PutAsync(_client, id, ValidDraft(), "\"1\"")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.DeleteAsync($"/api/visions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/visions/{id}/versions")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/visions/{id}/versions/1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/visions/{id}/statement")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/api/visions/Not%20An%20Id")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_version_beyond_the_latest_is_404_and_a_non_number_is_400()
    {
        var (id, _) = await CreateAsync(_client);
        await (await _client.GetAsync($"/api/visions/{id}/versions/2")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/visions/{id}/versions/first")).AssertFieldErrorAsync("version");
    }

    [Fact]
    public async Task Delete_removes_the_vision_and_its_versions()
    {
        var (id, etag) = await CreateAsync(_client);
        await PutAsync(_client, id, ValidDraft("v2"), etag);

        var response = await _client.DeleteAsync($"/api/visions/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await _client.GetAsync($"/api/visions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/visions/{id}/versions/1")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_with_a_stale_if_match_is_412_and_keeps_the_vision()
    {
        var (id, etag) = await CreateAsync(_client);
        await PutAsync(_client, id, ValidDraft("v2"), etag);

        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/visions/{id}");
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await _client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal(2, await VersionCountAsync(_client, id));
    }

    [Fact]
    public async Task List_pages_include_created_visions_with_their_current_version()
    {
        var (id, etag) = await CreateAsync(_client, ValidDraft("Listed draft"));
        await PutAsync(_client, id, ValidDraft("Listed draft, revised"), etag);

        var mine = (await AllVisionsAsync(_client)).Single(i => i["id"]!.GetValue<string>() == id);
        Assert.Equal("Listed draft, revised", mine["title"]!.GetValue<string>());
        Assert.Equal(2, mine["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Listing_more_than_a_page_returns_50_per_page_with_a_token_and_every_vision_once()
    {
        var store = (PlComms.Visions.VisionStore)fixture.Services.GetService(typeof(PlComms.Visions.VisionStore))!;
        for (var i = 0; i < 51; i++)
            await store.CreateAsync(Guid.NewGuid().ToString("n"), PlComms.Visions.DemoVision.Content, CancellationToken.None);

        var first = await (await _client.GetAsync("/api/visions")).ReadObjectAsync();
        var all = await AllVisionsAsync(_client);

        Assert.Equal(50, first["items"]!.AsArray().Count);
        Assert.NotNull(first["continuationToken"]);
        Assert.True(all.Count > 51);
        Assert.Equal(all.Count, all.Select(v => v["id"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task A_draft_at_every_size_bound_round_trips_through_table_storage()
    {
        // Quotes are escaped in the stored JSON, so this is the worst case for the per-property size limit.
        static string Text(int length) => new('"', length);
        var draft = new JsonObject
        {
            ["title"] = Text(200),
            ["author"] = Text(100),
            ["focus"] = new JsonArray(Enumerable.Range(0, 12).Select(_ => (JsonNode)new JsonObject { ["category"] = "other", ["text"] = Text(300) }).ToArray()),
            ["impacts"] = new JsonObject
            {
                ["shortTerm"] = new JsonArray(Enumerable.Range(0, 10).Select(i => (JsonNode)new JsonObject { ["text"] = Text(300), ["metric"] = Text(200), ["priority"] = i < 3 ? i + 1 : null }).ToArray()),
                ["longTerm"] = new JsonArray(Enumerable.Range(0, 10).Select(_ => (JsonNode)new JsonObject { ["text"] = Text(300), ["metric"] = Text(200) }).ToArray()),
            },
            ["supports"] = new JsonArray(Enumerable.Range(0, 24).Select(_ => (JsonNode)new JsonObject { ["phase"] = "refining-and-scaling", ["text"] = Text(300) }).ToArray()),
            ["shifts"] = new JsonArray(Enumerable.Range(0, 12).Select(_ => (JsonNode)new JsonObject
            {
                ["changes"] = Text(400), ["staysTheSame"] = Text(400), ["audiences"] = new JsonArray("parents", "teachers", "students", "community", "board"),
            }).ToArray()),
        };

        var (id, _) = await CreateAsync(_client, draft);

        var read = await (await _client.GetAsync($"/api/visions/{id}")).ReadObjectAsync();
        Assert.Equal(24, read["supports"]!.AsArray().Count);
        Assert.Equal(Text(400), read["shifts"]![11]!["staysTheSame"]!.GetValue<string>());
    }

    [Fact]
    public async Task Catalog_lists_the_seed_focus_categories_impacts_and_four_phases_in_order()
    {
        var catalog = await (await _client.GetAsync("/api/vision-catalog")).ReadObjectAsync();

        Assert.Equal(
            new[] { "Students needing additional instructional supports", "Students with achievement gaps", "Students in specific grades or subjects", "Other" },
            catalog["focusCategories"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()));
        Assert.Equal(
            new[] { "Planning and Design", "Early Implementation", "Expanded Implementation", "Refining and Scaling" },
            catalog["phases"]!.AsArray().Select(p => p!["title"]!.GetValue<string>()));
        Assert.Contains("Improved attendance", catalog["impactSuggestions"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Contains("English learners", catalog["focusSuggestions"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(6, catalog["phases"]![0]!["consider"]!.AsArray().Count);

        var wording = catalog["wordings"]!.AsArray().Single(w => w!["text"]!.GetValue<string>() == "Accelerated learning or credit accrual")!;
        Assert.Equal("impact", wording["list"]!.GetValue<string>());
        Assert.Equal("aprendizaje acelerado o acumulación de créditos", wording["es"]!.GetValue<string>());
        Assert.Equal("students learning faster and earning credits sooner", wording["family"]!["en"]!.GetValue<string>());
        Assert.Equal(41, catalog["wordings"]!.AsArray().Count);
    }
}
