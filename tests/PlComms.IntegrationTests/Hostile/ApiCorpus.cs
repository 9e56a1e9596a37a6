using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.IntegrationTests.Campaigns;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.IntegrationTests.Surveys;
using PlComms.IntegrationTests.Visions;

namespace PlComms.IntegrationTests.Hostile;

/// <summary>Resources the corpus's requests point at, so a bad body is read rather than stopped at a 404.</summary>
public sealed record CorpusSeeds(
    string School, string VisionId, string VisionETag, string ApprovedMessageId, string MessageId, string MessageETag, string OtherVisionId, string CampaignId,
    string DraftCampaignId, string SurveyId, string RuleId, string ContactId, string SuppressionId)
{
    public static async Task<CorpusSeeds> MakeAsync(HostileFixture fixture)
    {
        var world = await fixture.WorldAsync();
        var officer = fixture.Officer;
        var school = SurveyFixture.NewSchool("corpus");
        await fixture.SeedAsync(school, 2);
        // A vision with an approved parents email (campaigns send only approved messages) and a draft teachers one to edit.
        var (visionId, approvedId) = await PipelineRequests.ApprovedParentMessageAsync(officer);
        var (otherVisionId, _) = await VisionRequests.CreateAsync(officer, VisionRequests.TranslatedDraft("Another vision"));
        var generated = await officer.PostAsync($"/api/visions/{visionId}/messages", ApiAssertions.JsonContent(new JsonObject
        {
            ["audiences"] = new JsonArray("teachers"), ["channels"] = new JsonArray("email"), ["languages"] = new JsonArray("en"),
        }));
        var messageId = (await generated.ReadObjectAsync())["items"]![0]!["id"]!.GetValue<string>();
        var message = await officer.GetAsync($"/api/visions/{visionId}/messages/{messageId}");
        Assert.True(message.IsSuccessStatusCode);
        var vision = await officer.GetAsync($"/api/visions/{visionId}");
        var visionETag = vision.Headers.ETag!.Tag;
        var rule = await (await officer.PostAsync("/api/follow-up-rules", ApiAssertions.JsonContent(new JsonObject
        {
            ["name"] = "Corpus rule", ["surveyId"] = world.SurveyId, ["questionId"] = "parent-understanding", ["dimension"] = "school",
            ["belowFavorable"] = 60, ["action"] = new JsonObject { ["kind"] = "draft-campaign" },
        }))).ReadObjectAsync();
        var contacts = await (await officer.GetAsync($"/api/contacts?school={school}")).ReadObjectAsync();
        var suppression = await (await officer.PostAsync("/api/suppressions", ApiAssertions.JsonContent(new JsonObject
        {
            ["email"] = $"corpus-{Guid.NewGuid():N}@example.org", ["scope"] = "surveys",
        }))).ReadObjectAsync();
        // A draft, as a follow-up rule leaves one (only a draft can be scheduled, so only its schedule reads the body's fields).
        var now = fixture.Clock.GetUtcNow();
        var draftId = Guid.NewGuid().ToString("N");
        Assert.True(await fixture.Services.GetRequiredService<CampaignStore>().TryAddAsync(new StoredCampaign(draftId, "Corpus draft", visionId, "",
            new Segment(ContactRole.Parent, [school], [], []), MessageStream.Announcements, now, CampaignStatus.Draft, "corpus", [], 0, null, 0, 0, null, now, now, null),
            CancellationToken.None));
        return new CorpusSeeds(school, visionId, visionETag, approvedId, messageId, message.Headers.ETag!.Tag, otherVisionId, world.CampaignId, draftId, world.SurveyId,
            rule["id"]!.GetValue<string>(), contacts["items"]![0]!["id"]!.GetValue<string>(), suppression["id"]!.GetValue<string>());
    }
}

/// <summary>What the corpus knows of one officer operation: where its route parameters point, a valid body, its If-Match.</summary>
/// <param name="Route">Each route parameter's value: a resource that exists, so only the case's own fault is wrong.</param>
/// <param name="Body">A valid body for the endpoints that read JSON (the valid-sample test proves it is accepted).</param>
/// <param name="BadQueries">Query strings the operation must refuse (typed parameters get theirs generated as well).</param>
/// <param name="FreeText">String query parameters that are search text: any value is a valid search, so none is "bad".</param>
public sealed record Operation(
    Func<CorpusSeeds, IReadOnlyDictionary<string, string>> Route,
    Func<CorpusSeeds, DateTimeOffset, JsonObject>? Body = null,
    Func<CorpusSeeds, string>? IfMatch = null,
    string[]? BadQueries = null,
    string[]? FreeText = null);

/// <summary>One request of the corpus and the group (operation) it belongs to.</summary>
public sealed record BadRequest(string Operation, string Case, HttpMethod Method, string Path, Func<HttpContent?> Content, string? IfMatch = null, string? ExpectField = null)
{
    public HttpRequestMessage Build()
    {
        var request = new HttpRequestMessage(Method, Path) { Content = Content() };
        if (IfMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", IfMatch);
        // As curl does for a large body: the server may refuse it before it is sent, rather than close a connection
        // still being written to.
        if (request.Content is not null && request.Content.Headers.ContentLength is null or > 64 * 1024) request.Headers.ExpectContinue = true;
        return request;
    }

    public override string ToString() => $"{Operation} [{Case}]";
}

/// <summary>
/// The bad-input corpus of the officer API: for every operation, route parameters that name nothing (too long, path
/// tricks, bytes that are not UTF-8, table-key characters), query values it must refuse, and for every operation that
/// reads JSON: malformed JSON, wrong content types, bodies over the 256 KiB limit (with a length and chunked), every
/// string field over its limit, every array made huge, numbers out of range, wrong types, unknown fields, bytes that are
/// not UTF-8 and nesting past the reader's depth. Every case must be a 4xx RFC 7807 problem and write nothing.
/// </summary>
public static class ApiCorpus
{
    private static IReadOnlyDictionary<string, string> None(CorpusSeeds _) => new Dictionary<string, string>();

    private static Func<CorpusSeeds, IReadOnlyDictionary<string, string>> Id(Func<CorpusSeeds, string> id) => s => new Dictionary<string, string> { ["id"] = id(s) };

    /// <summary>
    /// A continuation token longer than any the API issues. (One of the right length that the service did not issue reads as
    /// a position in the list, and gives its page, possibly empty: the tokens are the storage service's own, as it
    /// documents them, and are not signed.)
    /// </summary>
    private static readonly string[] BadContinuation = ["continuationToken=" + new string('x', 3000)];

    /// <summary>Every officer operation. A new one makes the completeness test fail until it is described here.</summary>
    public static readonly IReadOnlyDictionary<string, Operation> Operations = new Dictionary<string, Operation>
    {
        ["GET /api/campaigns"] = new(None, BadQueries: BadContinuation),
        ["POST /api/campaigns"] = new(None, (s, now) => new JsonObject
        {
            ["name"] = "Corpus campaign", ["visionId"] = s.VisionId, ["messageId"] = s.ApprovedMessageId,
            ["segment"] = new JsonObject { ["role"] = "parent", ["schools"] = new JsonArray(s.School), ["grades"] = new JsonArray("03"), ["languages"] = new JsonArray("en") },
            ["scheduledAt"] = now.AddDays(30).ToString("O"),
        }),
        ["GET /api/campaigns/{id}"] = new(Id(s => s.CampaignId)),
        ["POST /api/campaigns/{id}/cancel"] = new(Id(s => s.CampaignId)),
        ["POST /api/campaigns/{id}/schedule"] = new(Id(s => s.DraftCampaignId), (s, now) => new JsonObject
        {
            ["visionId"] = s.VisionId, ["messageId"] = s.ApprovedMessageId, ["scheduledAt"] = now.AddDays(30).ToString("O"),
        }),
        ["POST /api/contacts/import"] = new(None, BadQueries: ["format=xlsx", "format=" + new string('x', 3000), "dryRun=maybe"]),
        ["GET /api/contacts"] = new(None, BadQueries: ["role=pupil", "language=english", "language=xx_YY", "grade=grade-99", "pageSize=0", "pageSize=100000", "pageSize=-5", .. BadContinuation],
            FreeText: ["school", "email"]),
        ["GET /api/contacts/{id}"] = new(Id(s => s.ContactId)),
        ["DELETE /api/contacts/{id}"] = new(Id(s => s.ContactId)),
        ["GET /api/follow-up-rules"] = new(None, FreeText: ["surveyId"]),
        ["POST /api/follow-up-rules"] = new(None, (s, _) => new JsonObject
        {
            ["name"] = "Understanding slips", ["surveyId"] = s.SurveyId, ["questionId"] = "parent-understanding", ["dimension"] = "school",
            ["belowFavorable"] = 60, ["dropPoints"] = 10, ["action"] = new JsonObject { ["kind"] = "draft-campaign", ["delayHours"] = 0 },
        }),
        ["GET /api/follow-up-rules/{id}"] = new(Id(s => s.RuleId)),
        ["DELETE /api/follow-up-rules/{id}"] = new(Id(s => s.RuleId)),
        ["GET /api/follow-ups"] = new(None, FreeText: ["surveyId"]),
        // documentName is the document's route value (always v1 here), bound by the framework's OpenAPI endpoint.
        ["GET /api/openapi/v1.json"] = new(None, FreeText: ["documentName"]),
        ["POST /api/segments/preview"] = new(None, (s, _) => new JsonObject
        {
            ["role"] = "parent", ["schools"] = new JsonArray(s.School), ["grades"] = new JsonArray("03"), ["languages"] = new JsonArray("en", "es"),
        }, BadQueries: BadContinuation),
        ["GET /api/suppressions"] = new(None, BadQueries: ["email=" + new string('x', 300) + "@example.org", .. BadContinuation], FreeText: ["email"]),
        ["POST /api/suppressions"] = new(None, (_, _) => new JsonObject
        {
            ["email"] = $"valid-{Guid.NewGuid():N}@example.org", ["scope"] = "announcements", ["reason"] = "manual", ["note"] = "Asked by phone.",
        }),
        ["DELETE /api/suppressions/{id}"] = new(Id(s => s.SuppressionId)),
        ["GET /api/survey-questions"] = new(None, BadQueries: ["audience=pupils", "audience=" + new string('x', 3000)]),
        ["GET /api/surveys"] = new(None, BadQueries: BadContinuation),
        ["POST /api/surveys"] = new(None, (s, now) => new JsonObject
        {
            ["name"] = "Corpus survey",
            ["segment"] = new JsonObject { ["role"] = "parent", ["schools"] = new JsonArray(s.School), ["grades"] = new JsonArray("03"), ["languages"] = new JsonArray("en", "es") },
            ["questions"] = new JsonArray("parent-awareness", "parent-understanding"),
            ["languages"] = new JsonArray("en", "es"),
            ["schedule"] = new JsonObject { ["baseline"] = now.AddDays(60).ToString("O"), ["cadenceWeeks"] = 6, ["waves"] = 3 },
            ["windowDays"] = 14,
            ["reminders"] = new JsonObject { ["afterDays"] = 4, ["count"] = 2 },
            ["throttleDays"] = 7,
            ["visionId"] = s.VisionId,
        }),
        ["GET /api/surveys/{id}"] = new(Id(s => s.SurveyId)),
        ["POST /api/surveys/{id}/pause"] = new(Id(s => s.SurveyId)),
        ["POST /api/surveys/{id}/resume"] = new(Id(s => s.SurveyId)),
        ["GET /api/surveys/{id}/results"] = new(Id(s => s.SurveyId)),
        ["GET /api/surveys/{id}/results.csv"] = new(Id(s => s.SurveyId)),
        ["GET /api/surveys/{id}/comments"] = new(Id(s => s.SurveyId), BadQueries: ["waveIndex=-1", "waveIndex=99999999999", "waveIndex=abc", "", "waveIndex=0&group=" + new string('x', 3000)],
            FreeText: ["group"]),
        ["GET /api/vision-catalog"] = new(None),
        ["GET /api/visions"] = new(None, BadQueries: BadContinuation),
        ["POST /api/visions"] = new(None, (_, _) => VisionRequests.TranslatedDraft("Corpus vision")),
        ["POST /api/visions/compare"] = new(None, (s, _) => new JsonObject { ["ids"] = new JsonArray(s.VisionId, s.OtherVisionId) }),
        ["GET /api/visions/{id}"] = new(Id(s => s.VisionId)),
        ["PUT /api/visions/{id}"] = new(Id(s => s.VisionId), (_, _) => VisionRequests.TranslatedDraft("Corpus vision, edited"), s => s.VisionETag),
        ["DELETE /api/visions/{id}"] = new(Id(s => s.OtherVisionId)),
        ["GET /api/visions/{id}/versions"] = new(Id(s => s.VisionId)),
        ["GET /api/visions/{id}/versions/{version}"] = new(s => new Dictionary<string, string> { ["id"] = s.VisionId, ["version"] = "1" }),
        ["GET /api/visions/{id}/statement"] = new(Id(s => s.VisionId), BadQueries: ["format=pdf", "format=" + new string('x', 3000)]),
        ["GET /api/visions/{id}/messages"] = new(Id(s => s.VisionId), BadQueries: ["audience=pupils", "language=xx_YY", "status=lost", "composer=gpt", "usable=maybe"]),
        ["POST /api/visions/{id}/messages"] = new(Id(s => s.VisionId), (_, _) => new JsonObject
        {
            ["audiences"] = new JsonArray("teachers"), ["channels"] = new JsonArray("email", "sms"), ["languages"] = new JsonArray("en", "es"), ["composer"] = "template",
        }),
        ["GET /api/visions/{id}/messages/{messageId}"] = new(Message),
        ["PUT /api/visions/{id}/messages/{messageId}"] = new(Message, (_, _) => new JsonObject
        {
            ["headline"] = "What personalized learning means for your child",
            ["whatChanges"] = new JsonArray("How students learn will be more tailored to their needs."),
            ["whatStaysTheSame"] = new JsonArray("What students learn will stay the same."),
            ["why"] = "We want every student to get the help they need.",
            ["whatItMeansForYou"] = "Teachers are still in charge of the class.",
            ["nextStep"] = "Questions? Talk to your child's teacher.",
            ["contactLine"] = "Contact: the district office",
        }, s => s.MessageETag),
        ["GET /api/visions/{id}/messages/{messageId}/email-preview"] = new(Message),
        ["POST /api/visions/{id}/messages/{messageId}/approve"] = new(Message, (_, _) => new JsonObject { ["approver"] = "Dana Reyes" }, s => s.MessageETag),
    };

    private static IReadOnlyDictionary<string, string> Message(CorpusSeeds s) => new Dictionary<string, string> { ["id"] = s.VisionId, ["messageId"] = s.MessageId };

    /// <summary>Route parameter values that name nothing: unknown, too long, path tricks, not UTF-8, table-key characters.</summary>
    public static readonly string[] BadIds =
    [
        "no-such-id-0000", new string('a', 32), new string('x', 300), new string('x', 3000), "%2F..%2F..%2Fetc", "...",
        "%23%3F%25", "a%5Cb", "%FF%FE", "%C0%AF", "'%20or%20'1'%3D'1", "PartitionKey%20eq%20'x'", "%E2%80%AE", "%F0%9F%98%80", "~version", "*",
    ];

    public static StringContent Json(string text, string mediaType = "application/json") => new(text, Encoding.UTF8, mediaType);

    private static ByteArrayContent Bytes(byte[] bytes, string? mediaType)
    {
        var content = new ByteArrayContent(bytes);
        if (mediaType is not null) content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    /// <summary>Every case of the corpus for one operation.</summary>
    public static IReadOnlyList<BadRequest> Cases(OfficerEndpoint endpoint, Operation operation, CorpusSeeds seeds, DateTimeOffset now)
    {
        var cases = new List<BadRequest>();
        var route = operation.Route(seeds);
        var path = endpoint.Path(route);
        var method = new HttpMethod(endpoint.Method);
        var sample = operation.Body?.Invoke(seeds, now);
        var ifMatch = operation.IfMatch?.Invoke(seeds);
        HttpContent? SampleContent() => sample is null ? null : Json(sample.ToJsonString());
        void Add(string name, Func<HttpContent?> content, string? at = null, string? field = null) =>
            cases.Add(new BadRequest(endpoint.Key, name, method, at ?? path, content, ifMatch, field));

        // Route parameters that name nothing (each alone; the others point at real resources).
        foreach (var parameter in endpoint.RouteParameters)
        {
            foreach (var bad in BadIds)
            {
                var values = new Dictionary<string, string>(route) { [parameter] = bad };
                Add($"{parameter}={(bad.Length > 40 ? $"{bad.Length} characters" : bad)}", SampleContent, endpoint.Path(values));
            }
        }

        // Query values: those the operation declares bad, and wrong types for every typed parameter.
        foreach (var query in operation.BadQueries ?? [])
            Add($"?{(query.Length > 60 ? query[..40] + "…" : query)}", SampleContent, query.Length == 0 ? path : $"{path}?{query}");
        foreach (var (name, type) in endpoint.Query)
        {
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            string[] wrong = underlying == typeof(int) ? ["abc", "1.5", "99999999999999999999", "%FF"] : underlying == typeof(bool) ? ["maybe", "2", "%FF"] : [];
            foreach (var value in wrong) Add($"?{name}={value}", SampleContent, $"{path}?{name}={value}");
        }

        if (!endpoint.ReadsJson) return cases;
        ArgumentNullException.ThrowIfNull(sample);
        var valid = sample.ToJsonString();

        // Malformed JSON and JSON that is not the object asked for.
        string[] malformed =
        [
            "", " ", "{", "}", "{\"title\":}", "{'title':'x'}", "{\"title\":\"x\",}", valid + " trailing", valid[..(valid.Length / 2)],
            "{\"title\":NaN}", "/* comment */" + valid, "null", "[]", "[" + valid + "]", "\"text\"", "12", "true", "\u0000", "{\"a\":\"\\u00\"}",
            new string('[', 5_000) + new string(']', 5_000), string.Concat(Enumerable.Repeat("{\"a\":", 2_000)) + "1" + new string('}', 2_000),
        ];
        foreach (var text in malformed) Add($"malformed: {(text.Length > 30 ? text[..30] + "…" : text)}", () => Json(text));

        // Wrong content types, with the valid body.
        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "application/xml", "application/octet-stream", "text/csv", "application/json-seq" })
            Add($"content type {type}", () => Json(valid, type));
        Add("no content type", () => Bytes(Encoding.UTF8.GetBytes(valid), null));
        Add("multipart form holding the JSON", () => new MultipartFormDataContent { { Json(valid), "body", "body.json" } });

        // Over the 256 KiB body limit: declared by Content-Length, and sent chunked with no length.
        var padded = sample.DeepClone().AsObject();
        padded["padding"] = new string('x', 300 * 1024);
        Add("body over the limit", () => Json(padded.ToJsonString()));
        Add("body over the limit, chunked", () => new StreamContent(new UnknownLength(Encoding.UTF8.GetBytes(padded.ToJsonString()))) { Headers = { ContentType = new("application/json") } });
        Add("body of 5 MB", () => Bytes(new byte[5 * 1024 * 1024], "application/json"));

        // Not UTF-8: bytes UTF-8 does not allow, inside the first string value of the valid body.
        var bytes = Encoding.UTF8.GetBytes(valid);
        var firstString = Array.IndexOf(bytes, (byte)':') + 2;
        foreach (var (name, bad) in new (string, byte[])[]
        {
            ("invalid byte 0xFF", [0xFF]), ("overlong '/'", [0xC0, 0xAF]), ("UTF-16 surrogate in UTF-8", [0xED, 0xA0, 0x80]),
            ("truncated sequence", [0xE2, 0x82]), ("Latin-1 é", [0xE9]),
        })
            Add($"not UTF-8: {name}", () => Bytes([.. bytes[..firstString], .. bad, .. bytes[firstString..]], "application/json"));
        Add("UTF-16 body", () => Bytes(Encoding.Unicode.GetBytes(valid), "application/json"));
        Add("lone surrogate escape", () => Json(valid.Insert(firstString, "\\ud800")));

        // Unknown fields, at the top and inside.
        var unknown = sample.DeepClone().AsObject();
        unknown["notAField"] = 1;
        Add("unknown field", () => Json(unknown.ToJsonString()), field: "notAField");

        // Each leaf of the valid body made bad: strings over any limit, arrays huge, numbers out of range, wrong types.
        foreach (var (leafPath, leaf) in Leaves(sample))
        {
            switch (leaf)
            {
                case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String:
                    Add($"{leafPath} over the limit", () => Json(Replace(sample, leafPath, JsonValue.Create(new string('x', 20_000))).ToJsonString()), field: leafPath);
                    Add($"{leafPath} as an object", () => Json(Replace(sample, leafPath, new JsonObject { ["x"] = 1 }).ToJsonString()), field: leafPath);
                    break;
                case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                    Add($"{leafPath} out of range", () => Json(ReplaceRaw(sample, leafPath, "1e400")), field: leafPath);
                    Add($"{leafPath} as text", () => Json(Replace(sample, leafPath, JsonValue.Create("many")).ToJsonString()), field: leafPath);
                    Add($"{leafPath} negative", () => Json(Replace(sample, leafPath, JsonValue.Create(-1_000_000)).ToJsonString()), field: leafPath);
                    break;
                case JsonArray array:
                    var item = array.Count > 0 ? array[0]!.ToJsonString() : "\"x\"";
                    var copies = Math.Clamp(200_000 / (item.Length + 1), 1_000, 20_000);
                    Add($"{leafPath} with {copies:N0} items", () => Json(ReplaceRaw(sample, leafPath, "[" + string.Join(',', Enumerable.Repeat(item, copies)) + "]")), field: leafPath);
                    Add($"{leafPath} as text", () => Json(Replace(sample, leafPath, JsonValue.Create("x")).ToJsonString()), field: leafPath);
                    break;
            }
        }
        return cases;
    }

    /// <summary>Every string, number and array of a body, with its path as the app names fields ("segment.schools").</summary>
    public static IEnumerable<(string Path, JsonNode Node)> Leaves(JsonNode node, string path = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    if (child is null) continue;
                    foreach (var leaf in Leaves(child, path.Length == 0 ? name : $"{path}.{name}")) yield return leaf;
                }
                break;
            case JsonArray a:
                yield return (path, a);
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonObject or JsonArray) foreach (var leaf in Leaves(a[i]!, $"{path}[{i}]")) yield return leaf;
                }
                break;
            default:
                yield return (path, node);
                break;
        }
    }

    private static JsonObject Replace(JsonObject sample, string path, JsonNode value)
    {
        var copy = sample.DeepClone().AsObject();
        var (parent, key) = Locate(copy, path);
        if (parent is JsonObject o) o[(string)key] = value;
        else ((JsonArray)parent)[(int)key] = value;
        return copy;
    }

    /// <summary>Puts raw JSON text (a number JsonNode cannot hold, a huge array) at the path.</summary>
    private static string ReplaceRaw(JsonObject sample, string path, string raw)
    {
        const string marker = "\"__corpus_marker__\"";
        return Replace(sample, path, JsonValue.Create("__corpus_marker__")).ToJsonString().Replace(marker, raw, StringComparison.Ordinal);
    }

    private static (JsonNode Parent, object Key) Locate(JsonNode root, string path)
    {
        var steps = System.Text.RegularExpressions.Regex.Matches(path, @"([^.\[\]]+)|\[(\d+)\]")
            .Select(m => m.Groups[2].Success ? (object)int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : m.Groups[1].Value).ToList();
        var node = root;
        for (var i = 0; i < steps.Count - 1; i++) node = steps[i] is int index ? node[index]! : node[(string)steps[i]]!;
        return (node, steps[^1]);
    }

    /// <summary>A stream without a length, so HttpClient sends the body chunked.</summary>
    private sealed class UnknownLength(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
