using System.Net;
using System.Text.Json.Nodes;
using PlComms.IntegrationTests.Infrastructure;
using static PlComms.IntegrationTests.Visions.VisionRequests;

namespace PlComms.IntegrationTests.Visions;

[Collection(AppCollection.Name)]
public sealed class VisionStatementAndCompareTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Officer;

    [Fact]
    public async Task Text_statement_follows_the_template_with_supports_in_phase_order()
    {
        var (id, _) = await CreateAsync(_client);

        var response = await _client.GetAsync($"/api/visions/{id}/statement?format=text");

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("We are committed to ensuring that all students have the learning supports they need to succeed.", text);
        Assert.Contains("To this end, we plan to focus our personalized efforts on: Students in \u201ctransition\u201d grades (e.g., ninth graders) and English learners, leading to: Improved attendance and Increased on-time graduation rates.", text);
        // Planning and Design comes before Early Implementation even though it was entered second.
        Assert.Contains("through: Establishing a personalized learning design committee and Providing access to coaching.", text);
    }

    [Fact]
    public async Task Html_statement_escapes_what_the_officer_typed()
    {
        var draft = ValidDraft("<script>alert(1)</script>");
        draft["focus"]![0]!["text"] = "students & families <b>";
        var (id, _) = await CreateAsync(_client, draft);

        var response = await _client.GetAsync($"/api/visions/{id}/statement?format=html");

        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("students &amp; families &lt;b&gt;", html);
    }

    [Fact]
    public async Task Markdown_statement_bolds_the_template_and_escapes_markup()
    {
        var draft = ValidDraft("Vision *draft*");
        var (id, _) = await CreateAsync(_client, draft);

        var markdown = await _client.GetStringAsync($"/api/visions/{id}/statement?format=markdown");

        Assert.StartsWith("# Vision \\*draft\\*", markdown);
        Assert.Contains("**We plan to support these shifts to personalized learning through:**", markdown);
    }

    [Fact]
    public async Task An_unknown_statement_format_is_400_naming_format()
    {
        var (id, _) = await CreateAsync(_client);
        await (await _client.GetAsync($"/api/visions/{id}/statement?format=pdf")).AssertFieldErrorAsync("format");
    }

    [Fact]
    public async Task Compare_counts_items_across_drafts_after_normalising_and_labels_agreement()
    {
        static JsonObject Draft(params string[] focus) => new()
        {
            ["title"] = "Team draft",
            ["author"] = "Member",
            ["focus"] = new JsonArray(focus.Select(f => (JsonNode)new JsonObject { ["category"] = "other", ["text"] = f }).ToArray()),
        };
        var (a, _) = await CreateAsync(_client, Draft("English learners", "Gifted students", "Students in STEM courses"));
        var (b, _) = await CreateAsync(_client, Draft("  english   LEARNERS. ", "Gifted students"));
        var (c, _) = await CreateAsync(_client, Draft("English learners!", "Ninth graders"));

        var result = await (await _client.PostAsync("/api/visions/compare", ApiAssertions.JsonContent(new JsonObject { ["ids"] = new JsonArray(a, b, c) }))).ReadObjectAsync();

        Assert.Equal(3, result["drafts"]!.GetValue<int>());
        var focus = result["focus"]!.AsArray().ToDictionary(i => i!["text"]!.GetValue<string>(), i => i!);
        Assert.Equal(4, focus.Count); // "English learners" written three ways counts once
        Assert.Equal((3, "consensus"), (focus["English learners"]["count"]!.GetValue<int>(), focus["English learners"]["agreement"]!.GetValue<string>()));
        Assert.Equal((2, "majority"), (focus["Gifted students"]["count"]!.GetValue<int>(), focus["Gifted students"]["agreement"]!.GetValue<string>()));
        Assert.Equal("unique", focus["Students in STEM courses"]["agreement"]!.GetValue<string>());
        Assert.Equal("unique", focus["Ninth graders"]["agreement"]!.GetValue<string>());
    }

    [Fact]
    public async Task Compare_needs_at_least_two_known_distinct_ids()
    {
        var (a, _) = await CreateAsync(_client);
        await (await _client.PostAsync("/api/visions/compare", ApiAssertions.JsonContent(new JsonObject { ["ids"] = new JsonArray(a) }))).AssertFieldErrorAsync("ids");
        await (await _client.PostAsync("/api/visions/compare", ApiAssertions.JsonContent(new JsonObject { ["ids"] = new JsonArray(a, a) }))).AssertFieldErrorAsync("ids");
        var missing = await (await _client.PostAsync("/api/visions/compare", ApiAssertions.JsonContent(new JsonObject { ["ids"] = new JsonArray(a, "nosuchvision") }))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("nosuchvision", missing["detail"]!.GetValue<string>());
    }
}
