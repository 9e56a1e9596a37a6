using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Visions;

/// <summary>Request bodies and calls the vision tests share.</summary>
public static class VisionRequests
{
    public static JsonObject ValidDraft(string title = "Vision for ninth grade") => new()
    {
        ["title"] = title,
        ["author"] = "Team member A",
        ["focus"] = new JsonArray(
            new JsonObject { ["category"] = "grades-or-subjects", ["text"] = "Students in \u201ctransition\u201d grades (e.g., ninth graders)" },
            new JsonObject { ["category"] = "additional-supports", ["text"] = "English learners" }),
        ["impacts"] = new JsonObject
        {
            ["shortTerm"] = new JsonArray(new JsonObject { ["text"] = "Improved attendance", ["metric"] = "Average daily attendance", ["priority"] = 1 }),
            ["longTerm"] = new JsonArray(new JsonObject { ["text"] = "Increased on-time graduation rates", ["priority"] = 1 }),
        },
        ["supports"] = new JsonArray(
            new JsonObject { ["phase"] = "early-implementation", ["text"] = "Providing access to coaching" },
            new JsonObject { ["phase"] = "planning-and-design", ["text"] = "Establishing a personalized learning design committee" }),
        ["shifts"] = new JsonArray(new JsonObject
        {
            ["changes"] = "How students learn will be more tailored to their needs.",
            ["staysTheSame"] = "What students learn will stay the same.",
            ["audiences"] = new JsonArray("parents", "students"),
        }),
    };

    /// <summary>The valid draft with Spanish wording for its own-words shift, so its Spanish messages can be approved.</summary>
    public static JsonObject TranslatedDraft(string title = "Vision for ninth grade")
    {
        var draft = ValidDraft(title);
        draft["shifts"]![0]!["translations"] = new JsonObject
        {
            ["es"] = new JsonObject
            {
                ["changes"] = "La forma en que aprenden los estudiantes se adaptará mejor a sus necesidades.",
                ["staysTheSame"] = "Lo que aprenden los estudiantes seguirá igual.",
            },
        };
        return draft;
    }

    public static async Task<(string Id, string ETag)> CreateAsync(HttpClient client, JsonObject? draft = null)
    {
        var response = await client.PostAsync("/api/visions", ApiAssertions.JsonContent(draft ?? ValidDraft()));
        var body = await response.ReadObjectAsync();
        return (body["id"]!.GetValue<string>(), response.Headers.ETag!.Tag);
    }

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, string id, JsonNode body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/visions/{id}") { Content = ApiAssertions.JsonContent(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static async Task<int> VersionCountAsync(HttpClient client, string id)
    {
        var body = await (await client.GetAsync($"/api/visions/{id}/versions")).ReadObjectAsync();
        return body["versions"]!.AsArray().Count;
    }

    public static async Task<int> VisionCountAsync(HttpClient client) => (await AllVisionsAsync(client)).Count;

    /// <summary>Every vision summary, following continuation tokens page by page.</summary>
    public static async Task<List<JsonNode>> AllVisionsAsync(HttpClient client)
    {
        var all = new List<JsonNode>();
        string? token = null;
        do
        {
            var url = token is null ? "/api/visions" : $"/api/visions?continuationToken={Uri.EscapeDataString(token)}";
            var page = await (await client.GetAsync(url)).ReadObjectAsync();
            all.AddRange(page["items"]!.AsArray().Select(i => i!));
            token = page["continuationToken"]?.GetValue<string>();
        } while (token is not null);
        return all;
    }
}
