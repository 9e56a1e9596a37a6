using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PlComms.IntegrationTests.Infrastructure;
using static PlComms.IntegrationTests.Visions.VisionRequests;

namespace PlComms.IntegrationTests.Visions;

[Collection(AppCollection.Name)]
public sealed class VisionValidationTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Officer;

    /// <summary>Each case: a change that makes a valid draft invalid, and the field the problem must name.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { "missing title", "title" },
        { "blank author", "author" },
        { "unknown focus category", "focus[0].category" },
        { "unknown phase", "supports[1].phase" },
        { "over-long focus text", "focus[1].text" },
        { "over-long title", "title" },
        { "over-long metric", "impacts.shortTerm[0].metric" },
        { "over-long shift", "shifts[0].changes" },
        { "more than three ranked impacts", "impacts.longTerm" },
        { "duplicate rank", "impacts.longTerm[1].priority" },
        { "rank out of range", "impacts.shortTerm[0].priority" },
        { "too many focus items", "focus" },
        { "too many supports", "supports" },
        { "unknown audience", "shifts[0].audiences[1]" },
        { "unknown field", "focusAreas" },
        { "wrong type", "impacts.shortTerm[0].priority" },
        { "control character", "title" },
        { "null item", "focus[0]" },
        { "translation key not a language tag", "focus[0].translations.es_MX" },
        { "translation too long", "supports[0].translations.es" },
        { "unknown field in a shift translation", "shifts[0].translations.es.note" },
        { "shift translation without stays the same", "shifts[0].translations.es.staysTheSame" },
        { "translations not an object", "impacts.longTerm[0].translations" },
    };

    private static JsonObject Broken(string @case)
    {
        var d = ValidDraft();
        switch (@case)
        {
            case "missing title": d.Remove("title"); break;
            case "blank author": d["author"] = "   "; break;
            case "unknown focus category": d["focus"]![0]!["category"] = "gifted"; break;
            case "unknown phase": d["supports"]![1]!["phase"] = "phase-five"; break;
            case "over-long focus text": d["focus"]![1]!["text"] = new string('x', 301); break;
            case "over-long title": d["title"] = new string('x', 201); break;
            case "over-long metric": d["impacts"]!["shortTerm"]![0]!["metric"] = new string('x', 201); break;
            case "over-long shift": d["shifts"]![0]!["changes"] = new string('x', 401); break;
            case "more than three ranked impacts":
                d["impacts"]!["longTerm"] = new JsonArray(Enumerable.Range(1, 4).Select(i => (JsonNode)new JsonObject { ["text"] = $"Impact {i}", ["priority"] = Math.Min(i, 3) }).ToArray());
                break;
            case "duplicate rank":
                d["impacts"]!["longTerm"] = new JsonArray(new JsonObject { ["text"] = "A", ["priority"] = 1 }, new JsonObject { ["text"] = "B", ["priority"] = 1 });
                break;
            case "rank out of range": d["impacts"]!["shortTerm"]![0]!["priority"] = 4; break;
            case "too many focus items":
                d["focus"] = new JsonArray(Enumerable.Range(0, 13).Select(i => (JsonNode)new JsonObject { ["category"] = "other", ["text"] = $"Group {i}" }).ToArray());
                break;
            case "too many supports":
                d["supports"] = new JsonArray(Enumerable.Range(0, 25).Select(i => (JsonNode)new JsonObject { ["phase"] = "planning-and-design", ["text"] = $"Support {i}" }).ToArray());
                break;
            case "unknown audience": d["shifts"]![0]!["audiences"] = new JsonArray("parents", "aliens"); break;
            case "unknown field": d["focusAreas"] = new JsonArray(); break;
            case "wrong type": d["impacts"]!["shortTerm"]![0]!["priority"] = "high"; break;
            case "control character": d["title"] = "Vision\u0007"; break;
            case "null item": d["focus"]![0] = null; break;
            case "translation key not a language tag": d["focus"]![0]!["translations"] = new JsonObject { ["es_MX"] = "estudiantes de noveno grado" }; break;
            case "translation too long": d["supports"]![0]!["translations"] = new JsonObject { ["es"] = new string('x', 301) }; break;
            case "unknown field in a shift translation":
                d["shifts"]![0]!["translations"] = new JsonObject { ["es"] = new JsonObject { ["changes"] = "a", ["staysTheSame"] = "b", ["note"] = "c" } };
                break;
            case "shift translation without stays the same":
                d["shifts"]![0]!["translations"] = new JsonObject { ["es"] = new JsonObject { ["changes"] = "Cómo aprenden" } };
                break;
            case "translations not an object": d["impacts"]!["longTerm"]![0]!["translations"] = new JsonArray("es"); break;
            default: throw new ArgumentException(@case);
        }
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Creating_an_invalid_draft_is_400_naming_the_field_and_stores_nothing(string @case, string field)
    {
        var before = await VisionCountAsync(_client);

        var response = await _client.PostAsync("/api/visions", ApiAssertions.JsonContent(Broken(@case)));

        await response.AssertFieldErrorAsync(field);
        Assert.Equal(before, await VisionCountAsync(_client));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Updating_with_an_invalid_draft_is_400_naming_the_field_and_keeps_the_version_count(string @case, string field)
    {
        var (id, etag) = await CreateAsync(_client);

        var response = await PutAsync(_client, id, Broken(@case), etag);

        await response.AssertFieldErrorAsync(field);
        Assert.Equal(1, await VersionCountAsync(_client, id));
    }

    [Fact]
    public async Task Every_bad_field_is_reported_at_once()
    {
        var d = ValidDraft();
        d.Remove("title");
        d["focus"]![0]!["category"] = "gifted";
        d["supports"]![0]!["phase"] = "later";

        var problem = await (await _client.PostAsync("/api/visions", ApiAssertions.JsonContent(d))).AssertProblemAsync(HttpStatusCode.BadRequest);

        var fields = problem["errors"]!.AsObject().Select(kv => kv.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "title", "focus[0].category", "supports[0].phase" }, fields);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var before = await VisionCountAsync(_client);
        var response = await _client.PostAsync("/api/visions", new StringContent("{\"title\": ", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await VisionCountAsync(_client));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var response = await _client.PostAsync("/api/visions", new StringContent("title=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_stores_nothing()
    {
        var before = await VisionCountAsync(_client);
        var d = ValidDraft();
        d["title"] = new string('x', 300 * 1024);

        var response = await _client.PostAsync("/api/visions", ApiAssertions.JsonContent(d));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await VisionCountAsync(_client));
    }

    [Fact]
    public async Task An_oversized_chunked_body_without_content_length_is_413()
    {
        var d = ValidDraft();
        d["title"] = new string('x', 300 * 1024);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(d.ToJsonString())));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/visions") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        await (await _client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
