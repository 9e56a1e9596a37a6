using System.Net;
using System.Text.Json.Nodes;
using MimeKit;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.IntegrationTests.Visions;

namespace PlComms.IntegrationTests.Messages;

[Collection(AppCollection.Name)]
public sealed class MessageLifecycleTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Officer;

    /// <summary>The demo vision (seed 000's worked example) under a fresh id, so tests don't share state.</summary>
    private async Task<(string Id, string ETag)> DemoVisionAsync()
    {
        var demo = await (await _client.GetAsync("/api/vision-catalog")).ReadObjectAsync(); // warms the app; also proves it is up
        Assert.NotNull(demo);
        return await VisionRequests.CreateAsync(_client, DemoDraft());
    }

    // The demo vision as a client sends it, with each item's Spanish wording under "translations".
    private static JsonObject DemoDraft() => new()
    {
        ["title"] = "Demo district vision for personalized learning",
        ["author"] = "Demo communications officer",
        ["focus"] = new JsonArray(new JsonObject
        {
            ["category"] = "achievement-gaps", ["text"] = "students in our lowest performing schools",
            ["translations"] = new JsonObject { ["es"] = "los estudiantes de nuestras escuelas con más bajo rendimiento" },
        }),
        ["impacts"] = new JsonObject
        {
            ["shortTerm"] = new JsonArray(new JsonObject
            {
                ["text"] = "increased student engagement", ["priority"] = 1,
                ["translations"] = new JsonObject { ["es"] = "una mayor participación de los estudiantes" },
            }),
            ["longTerm"] = new JsonArray(new JsonObject
            {
                ["text"] = "increased academic growth", ["priority"] = 1,
                ["translations"] = new JsonObject { ["ES"] = "un mayor crecimiento académico" },
            }),
        },
        ["supports"] = new JsonArray(
            new JsonObject
            {
                ["phase"] = "planning-and-design", ["text"] = "conducting a needs assessment (including a deep dive into student data)",
                ["translations"] = new JsonObject { ["es"] = "hacer una evaluación de necesidades (con un análisis a fondo de los datos de los estudiantes)" },
            },
            new JsonObject
            {
                ["phase"] = "early-implementation", ["text"] = "offering professional development to teachers on student choice and differentiation",
                ["translations"] = new JsonObject { ["es"] = "ofrecer a los docentes formación sobre la elección de los estudiantes y la enseñanza diferenciada" },
            }),
        ["shifts"] = new JsonArray(
            new JsonObject
            {
                ["changes"] = "How students learn will be more tailored to their individual needs and interests.",
                ["staysTheSame"] = "What students learn will stay the same.",
                ["audiences"] = new JsonArray("parents", "community", "students"),
                ["translations"] = new JsonObject
                {
                    ["es"] = new JsonObject
                    {
                        ["changes"] = "La forma en que aprenden los estudiantes se adaptará mejor a sus necesidades e intereses.",
                        ["staysTheSame"] = "Lo que aprenden los estudiantes se mantiene igual.",
                    },
                },
            },
            new JsonObject
            {
                ["changes"] = "You can expect much more individualized and independent learning activities as well as much more flexibility in pacing.",
                ["staysTheSame"] = "The learning standards, scope, and sequence of instruction will stay the same.",
                ["audiences"] = new JsonArray("teachers"),
                ["translations"] = new JsonObject
                {
                    ["es"] = new JsonObject
                    {
                        ["changes"] = "Puede esperar muchas más actividades de aprendizaje individualizadas e independientes, y mucha más flexibilidad en el ritmo.",
                        ["staysTheSame"] = "Los estándares de aprendizaje, el alcance y la secuencia de la enseñanza se mantienen.",
                    },
                },
            }),
    };

    private async Task<JsonArray> GenerateAsync(string visionId, JsonObject request)
    {
        var response = await _client.PostAsync($"/api/visions/{visionId}/messages", ApiAssertions.JsonContent(request));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadObjectAsync())["items"]!.AsArray();
    }

    private static JsonObject ParentEmail() => new()
    {
        ["audiences"] = new JsonArray("parents"), ["channels"] = new JsonArray("email"), ["languages"] = new JsonArray("en"),
    };

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : ApiAssertions.JsonContent(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return _client.SendAsync(request);
    }

    private async Task<(JsonObject Message, string ETag)> GetMessageAsync(string visionId, string messageId)
    {
        var response = await _client.GetAsync($"/api/visions/{visionId}/messages/{messageId}");
        return (await response.ReadObjectAsync(), response.Headers.ETag!.Tag);
    }

    private static JsonObject EditBody(JsonObject document, Action<JsonObject>? change = null)
    {
        var message = document["message"]!.DeepClone().AsObject();
        message.Remove("audience");
        message.Remove("language");
        change?.Invoke(message);
        return message;
    }

    [Fact]
    public async Task Generating_the_default_set_stores_every_audience_in_both_languages_with_provenance_and_a_passing_report()
    {
        var (visionId, _) = await DemoVisionAsync();

        var items = await GenerateAsync(visionId, new JsonObject());

        Assert.Equal(10, items.Count);
        Assert.Equal(5, items.Select(i => i!["audience"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(new[] { "en", "es" }, items.Select(i => i!["language"]!.GetValue<string>()).Distinct().Order());
        Assert.All(items, i =>
        {
            Assert.Equal("template", i!["composer"]!.GetValue<string>());
            Assert.Equal("template-v2", i["promptVersion"]!.GetValue<string>());
            Assert.Equal(1, i["visionVersion"]!.GetValue<int>());
            Assert.Equal("draft", i["status"]!.GetValue<string>());
            Assert.False(i["usable"]!.GetValue<bool>());
            Assert.True(i["guardrails"]!["passes"]!.GetValue<bool>(), i["guardrails"]!.ToJsonString());
            Assert.Equal(5, i["channels"]!.AsArray().Count);
        });
        var listed = await (await _client.GetAsync($"/api/visions/{visionId}/messages")).ReadObjectAsync();
        Assert.Equal(10, listed["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Reading_a_message_returns_each_channel_rendering_and_the_email_preview_is_an_eml()
    {
        var (visionId, _) = await DemoVisionAsync();
        var id = (await GenerateAsync(visionId, new JsonObject { ["audiences"] = new JsonArray("parents"), ["languages"] = new JsonArray("es") }))[0]!["id"]!.GetValue<string>();

        var (message, etag) = await GetMessageAsync(visionId, id);

        Assert.Equal("\"1\"", etag);
        var renderings = message["renderings"]!.AsArray();
        Assert.Equal(new[] { "email", "newsletter", "sms", "social", "talking-points" }, renderings.Select(r => r!["channel"]!.GetValue<string>()));
        var email = renderings[0]!;
        Assert.False(string.IsNullOrWhiteSpace(email["subject"]!.GetValue<string>()));
        Assert.Contains("<", email["html"]!.GetValue<string>());

        var preview = await _client.GetAsync($"/api/visions/{visionId}/messages/{id}/email-preview");
        Assert.Equal("message/rfc822", preview.Content.Headers.ContentType!.MediaType);
        using var stream = await preview.Content.ReadAsStreamAsync();
        var eml = await MimeMessage.LoadAsync(stream);
        Assert.Equal(email["subject"]!.GetValue<string>(), eml.Subject);
        Assert.Equal(email["text"]!.GetValue<string>().Trim(), eml.TextBody?.Trim());
        Assert.NotNull(eml.HtmlBody);
        Assert.Equal("es", eml.Body!.Headers[HeaderId.ContentLanguage]);
    }

    [Fact]
    public async Task Approval_is_pinned_to_the_content_so_an_edit_returns_the_message_to_draft()
    {
        var (visionId, _) = await DemoVisionAsync();
        var id = (await GenerateAsync(visionId, ParentEmail()))[0]!["id"]!.GetValue<string>();
        var (message, etag) = await GetMessageAsync(visionId, id);

        var approve = await SendAsync(HttpMethod.Post, $"/api/visions/{visionId}/messages/{id}/approve", new JsonObject { ["approver"] = "Dana Reyes" }, etag);
        var approved = await approve.ReadObjectAsync();
        Assert.Equal("approved", approved["status"]!.GetValue<string>());
        Assert.True(approved["usable"]!.GetValue<bool>());
        Assert.Equal("Dana Reyes", approved["approvedBy"]!.GetValue<string>());

        var edit = await SendAsync(HttpMethod.Put, $"/api/visions/{visionId}/messages/{id}",
            EditBody(message, m => m["headline"] = "A new way to learn at our schools"), approve.Headers.ETag!.Tag);
        var edited = await edit.ReadObjectAsync();

        Assert.Equal("draft", edited["status"]!.GetValue<string>());
        Assert.False(edited["usable"]!.GetValue<bool>());
        Assert.Null(edited["approvedBy"]);
        Assert.NotEqual(approved["contentHash"]!.GetValue<string>(), edited["contentHash"]!.GetValue<string>());
        var usable = await (await _client.GetAsync($"/api/visions/{visionId}/messages?usable=true")).ReadObjectAsync();
        Assert.Empty(usable["items"]!.AsArray());
    }

    [Fact]
    public async Task Approve_and_edit_need_the_current_etag_and_an_approver()
    {
        var (visionId, _) = await DemoVisionAsync();
        var id = (await GenerateAsync(visionId, ParentEmail()))[0]!["id"]!.GetValue<string>();
        var path = $"/api/visions/{visionId}/messages/{id}";
        var (message, etag) = await GetMessageAsync(visionId, id);

        await (await SendAsync(HttpMethod.Post, path + "/approve", new JsonObject { ["approver"] = "Dana" }, null)).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await SendAsync(HttpMethod.Post, path + "/approve", new JsonObject { ["approver"] = "Dana" }, "\"9\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await SendAsync(HttpMethod.Post, path + "/approve", new JsonObject { ["approver"] = " " }, etag)).AssertFieldErrorAsync("approver");
        await (await SendAsync(HttpMethod.Put, path, EditBody(message), null)).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await SendAsync(HttpMethod.Put, path, EditBody(message, m => m["headline"] = new string('h', 201)), etag)).AssertFieldErrorAsync("headline");
        await (await SendAsync(HttpMethod.Put, path, EditBody(message, m => m["mood"] = "happy"), etag)).AssertFieldErrorAsync("mood");

        var (after, afterEtag) = await GetMessageAsync(visionId, id);
        Assert.Equal(etag, afterEtag);
        Assert.Equal("draft", after["status"]!.GetValue<string>());
        Assert.Equal(message["message"]!.ToJsonString(), after["message"]!.ToJsonString());
    }

    [Fact]
    public async Task Jargon_in_the_vision_and_an_ungrounded_number_block_approval_until_fixed()
    {
        var draft = DemoDraft();
        draft["shifts"]![0]!["changes"] = "Classrooms will use blended learning.";
        var (visionId, _) = await VisionRequests.CreateAsync(_client, draft);
        var id = (await GenerateAsync(visionId, ParentEmail()))[0]!["id"]!.GetValue<string>();
        var (message, etag) = await GetMessageAsync(visionId, id);
        Assert.Contains(message["guardrails"]!["violations"]!.AsArray(), v => v!["code"]!.GetValue<string>() == "jargon" && v["severity"]!.GetValue<string>() == "blocking");

        var refused = await (await SendAsync(HttpMethod.Post, $"/api/visions/{visionId}/messages/{id}/approve", new JsonObject { ["approver"] = "Dana" }, etag))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(refused["violations"]!.AsArray(), v => v!["code"]!.GetValue<string>() == "jargon");

        // Fix the jargon but claim a number the vision never states.
        var withNumber = await SendAsync(HttpMethod.Put, $"/api/visions/{visionId}/messages/{id}", EditBody(message, m =>
        {
            m["whatChanges"] = new JsonArray("How students learn will be more tailored to their individual needs and interests.");
            m["why"] = "95% of families asked for this.";
        }), etag);
        var numbered = await withNumber.ReadObjectAsync();
        var codes = numbered["guardrails"]!["violations"]!.AsArray().Select(v => v!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("ungrounded-number", codes);
        Assert.DoesNotContain("jargon", codes);
        await (await SendAsync(HttpMethod.Post, $"/api/visions/{visionId}/messages/{id}/approve", new JsonObject { ["approver"] = "Dana" }, withNumber.Headers.ETag!.Tag))
            .AssertProblemAsync(HttpStatusCode.Conflict);

        var fixedResponse = await SendAsync(HttpMethod.Put, $"/api/visions/{visionId}/messages/{id}", EditBody(message, m =>
        {
            m["whatChanges"] = new JsonArray("How students learn will be more tailored to their individual needs and interests.");
        }), withNumber.Headers.ETag!.Tag);
        var fixedMessage = await fixedResponse.ReadObjectAsync();
        Assert.True(fixedMessage["guardrails"]!["passes"]!.GetValue<bool>(), fixedMessage["guardrails"]!.ToJsonString());
        var approved = await (await SendAsync(HttpMethod.Post, $"/api/visions/{visionId}/messages/{id}/approve", new JsonObject { ["approver"] = "Dana" }, fixedResponse.Headers.ETag!.Tag)).ReadObjectAsync();
        Assert.Equal("approved", approved["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_newer_vision_version_makes_messages_stale_unusable_and_unapprovable_until_edited()
    {
        var (visionId, visionEtag) = await DemoVisionAsync();
        var id = (await GenerateAsync(visionId, ParentEmail()))[0]!["id"]!.GetValue<string>();
        var (_, etag) = await GetMessageAsync(visionId, id);
        var approve = await SendAsync(HttpMethod.Post, $"/api/visions/{visionId}/messages/{id}/approve", new JsonObject { ["approver"] = "Dana" }, etag);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);

        var revised = DemoDraft();
        revised["title"] = "Revised vision";
        Assert.Equal(HttpStatusCode.OK, (await VisionRequests.PutAsync(_client, visionId, revised, visionEtag)).StatusCode);

        var (stale, staleEtag) = await GetMessageAsync(visionId, id);
        Assert.True(stale["stale"]!.GetValue<bool>());
        Assert.False(stale["usable"]!.GetValue<bool>());
        await (await SendAsync(HttpMethod.Post, $"/api/visions/{visionId}/messages/{id}/approve", new JsonObject { ["approver"] = "Dana" }, staleEtag))
            .AssertProblemAsync(HttpStatusCode.Conflict);

        var rebased = await (await SendAsync(HttpMethod.Put, $"/api/visions/{visionId}/messages/{id}", EditBody(stale), staleEtag)).ReadObjectAsync();
        Assert.False(rebased["stale"]!.GetValue<bool>());
        Assert.Equal(2, rebased["visionVersion"]!.GetValue<int>());
        Assert.Equal("draft", rebased["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_filters_by_audience_language_and_status_and_rejects_unknown_values()
    {
        var (visionId, _) = await DemoVisionAsync();
        await GenerateAsync(visionId, new JsonObject { ["audiences"] = new JsonArray("parents", "teachers") });

        var filtered = await (await _client.GetAsync($"/api/visions/{visionId}/messages?audience=parents&language=es")).ReadObjectAsync();
        var only = Assert.Single(filtered["items"]!.AsArray())!;
        Assert.Equal(("parents", "es"), (only["audience"]!.GetValue<string>(), only["language"]!.GetValue<string>()));
        Assert.Empty((await (await _client.GetAsync($"/api/visions/{visionId}/messages?status=approved")).ReadObjectAsync())["items"]!.AsArray());

        await (await _client.GetAsync($"/api/visions/{visionId}/messages?audience=aliens")).AssertFieldErrorAsync("audience");
        await (await _client.GetAsync($"/api/visions/{visionId}/messages?status=sent")).AssertFieldErrorAsync("status");
    }

    [Theory]
    [InlineData("""{"audiences":["parents","aliens"]}""", "audiences[1]")]
    [InlineData("""{"channels":["fax"]}""", "channels[0]")]
    [InlineData("""{"languages":["fr"]}""", "languages[0]")]
    [InlineData("""{"composer":"openai"}""", "composer")]
    [InlineData("""{"composer":"handwritten"}""", "composer")]
    [InlineData("""{"tone":"warm"}""", "tone")]
    public async Task A_bad_generation_request_is_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        var (visionId, _) = await DemoVisionAsync();

        var response = await _client.PostAsync($"/api/visions/{visionId}/messages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertFieldErrorAsync(field);
        Assert.Empty((await (await _client.GetAsync($"/api/visions/{visionId}/messages")).ReadObjectAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task Unknown_visions_and_messages_are_404_and_deleting_a_vision_removes_its_messages()
    {
        var (visionId, _) = await DemoVisionAsync();
        var id = (await GenerateAsync(visionId, ParentEmail()))[0]!["id"]!.GetValue<string>();
        await (await _client.PostAsync("/api/visions/nosuchvision/messages", ApiAssertions.JsonContent(new JsonObject()))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/visions/{visionId}/messages/0000000000000000000000000000beef")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/visions/{visionId}")).StatusCode);

        var store = (PlComms.Messages.MessageStore)fixture.Services.GetService(typeof(PlComms.Messages.MessageStore))!;
        Assert.Null(await store.GetAsync(visionId, id, CancellationToken.None));
    }

    [Theory]
    [InlineData("vi", "languages[0]", "needs the openai composer")]
    [InlineData("es-MX", "languages[0]", "needs the openai composer")]
    [InlineData("es_MX", "languages[0]", "not '_'")]
    public async Task The_template_composer_writes_en_and_es_and_any_other_tag_is_a_problem_naming_it(string tag, string field, string reason)
    {
        var (visionId, _) = await DemoVisionAsync();
        var response = await _client.PostAsync($"/api/visions/{visionId}/messages", ApiAssertions.JsonContent(new JsonObject
        {
            ["audiences"] = new JsonArray("parents"), ["languages"] = new JsonArray(tag), ["composer"] = "template",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadAsStringAsync());
        Assert.Contains(field, errors);
        Assert.Contains(reason, errors);
        var listed = await (await _client.GetAsync($"/api/visions/{visionId}/messages")).ReadObjectAsync();
        Assert.Empty(listed["items"]!.AsArray());
    }

    [Fact]
    public async Task A_Spanish_message_that_does_not_pass_the_language_check_cannot_be_approved()
    {
        var (visionId, _) = await DemoVisionAsync();
        var id = (await GenerateAsync(visionId, new JsonObject { ["audiences"] = new JsonArray("parents"), ["languages"] = new JsonArray("es"), ["channels"] = new JsonArray("email") }))[0]!["id"]!.GetValue<string>();
        var (message, etag) = await GetMessageAsync(visionId, id);
        var sections = message["message"]!.AsObject();
        var edit = new JsonObject
        {
            ["headline"] = sections["headline"]!.GetValue<string>(),
            ["whatChanges"] = sections["whatChanges"]!.DeepClone(),
            ["whatStaysTheSame"] = sections["whatStaysTheSame"]!.DeepClone(),
            ["why"] = sections["why"]!.GetValue<string>() + " We will share more news with families every month.",
            ["whatItMeansForYou"] = sections["whatItMeansForYou"]!.GetValue<string>(),
            ["nextStep"] = sections["nextStep"]!.GetValue<string>(),
            ["contactLine"] = sections["contactLine"]!.GetValue<string>(),
        };
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/visions/{visionId}/messages/{id}") { Content = ApiAssertions.JsonContent(edit) };
        put.Headers.TryAddWithoutValidation("If-Match", etag);
        var edited = await _client.SendAsync(put);
        var body = await edited.ReadObjectAsync();
        Assert.Contains(body["guardrails"]!["violations"]!.AsArray(), v => v!["code"]!.GetValue<string>() == "untranslated" && v["section"]!.GetValue<string>() == "why");

        var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/visions/{visionId}/messages/{id}/approve") { Content = ApiAssertions.JsonContent(new JsonObject { ["approver"] = "Dana Reyes" }) };
        approve.Headers.TryAddWithoutValidation("If-Match", edited.Headers.ETag!.Tag);
        var refused = await _client.SendAsync(approve);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("untranslated", await refused.Content.ReadAsStringAsync());
    }
}
