using System.Net;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using PlComms.ApiDocs;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Auth;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;
using PlComms.WebApp;

namespace PlComms.IntegrationTests.ApiDocs;

/// <summary>The OpenAPI document integrators script against: complete, secured like the app, useful and valid.</summary>
[Collection(AppCollection.Name)]
public sealed class OpenApiDocumentTests(AppFixture fixture)
{
    /// <summary>
    /// HTTP functions the document leaves out, each for a reason: the web app's catch-all (pages for a person, under
    /// /app), the survey page (an HTML form a person opens from an email) and its assets (static files), and the
    /// document itself.
    /// </summary>
    private static readonly FunctionDefinition[] NotDescribed =
        [FunctionCatalog.WebApp, FunctionCatalog.SurveyPage, FunctionCatalog.PageAssets, FunctionCatalog.OpenApiDocument];

    /// <summary>POSTs that read no body: the route says it all.</summary>
    private static readonly string[] Bodiless = ["CampaignCancelPost", "SurveyPausePost", "SurveyResumePost", "UnsubscribePost"];

    private static IEnumerable<FunctionDefinition> Described =>
        FunctionCatalog.All.Where(f => f.Trigger == TriggerKind.Http && !NotDescribed.Contains(f));

    private async Task<(string Json, JsonObject Document)> DocumentAsync()
    {
        var response = await fixture.Officer.GetAsync(ApiDocsFeature.DocumentPath);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {json}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (json, JsonNode.Parse(json)!.AsObject());
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Key is "get" or "put" or "post" or "delete" or "head" or "patch")
            .Select(o => (p.Key, o.Key.ToUpperInvariant(), o.Value!.AsObject())));

    [Fact]
    public async Task Every_http_route_of_the_function_catalog_is_in_the_document_with_each_of_its_methods_and_nothing_else()
    {
        var (_, document) = await DocumentAsync();
        var paths = document["paths"]!.AsObject();

        var expected = Described.SelectMany(f => f.Methods.Select(m => $"{m} {f.AppPath} {ApiDocsFeature.OperationId(f, m)}")).Order().ToList();
        var described = Operations(document).Select(o => $"{o.Method} {o.Path} {o.Operation["operationId"]?.GetValue<string>()}").Order().ToList();
        Assert.True(expected.Count >= 45, $"Only {expected.Count} catalog operations: did route discovery break?");
        Assert.Equal(expected, described);
        Assert.All(NotDescribed, f => Assert.False(paths.ContainsKey(f.AppPath), $"{f.AppPath} should not be described."));
        Assert.DoesNotContain(paths, p => p.Key.StartsWith("/app", StringComparison.Ordinal) || !p.Key.StartsWith("/api/", StringComparison.Ordinal));

        var ids = Operations(document).Select(o => o.Operation["operationId"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        // Every operation is filed under its feature and says what it does.
        Assert.All(Operations(document), o =>
        {
            Assert.Single(o.Operation["tags"]!.AsArray());
            Assert.False(string.IsNullOrWhiteSpace(o.Operation["summary"]?.GetValue<string>()), $"{o.Method} {o.Path} has no summary.");
        });
    }

    [Fact]
    public async Task Officer_operations_require_the_api_key_scheme_and_the_public_ones_do_not()
    {
        var (_, document) = await DocumentAsync();
        var scheme = document["components"]!["securitySchemes"]![ApiDocsFeature.SecuritySchemeName]!;
        Assert.Equal("apiKey", scheme["type"]!.GetValue<string>());
        Assert.Equal("header", scheme["in"]!.GetValue<string>());
        Assert.Equal(OfficerAuthOptions.HeaderName, scheme["name"]!.GetValue<string>());
        // No document-wide requirement: each operation says for itself.
        Assert.Null(document["security"]);

        var publicPaths = FunctionCatalog.All.Where(f => f.AuthLevel == AuthLevel.Anonymous).Select(f => f.AppPath).ToHashSet();
        var operations = Operations(document).ToList();
        Assert.Contains(operations, o => o.Path == FunctionCatalog.Health.AppPath);
        Assert.Contains(operations, o => o.Path == FunctionCatalog.Unsubscribe.AppPath);
        Assert.Contains(operations, o => o.Path == FunctionCatalog.SendGridEvents.AppPath);
        foreach (var (path, method, operation) in operations)
        {
            var security = operation["security"]?.AsArray();
            if (publicPaths.Contains(path))
            {
                Assert.True(security is null || security.Count == 0, $"{method} {path} is public but asks for a key.");
                // SendGrid's webhook has a 401 of its own (unsigned), never the officer key's.
                Assert.DoesNotContain(OfficerAuthOptions.HeaderName, operation["responses"]?["401"]?["description"]?.GetValue<string>() ?? "");
            }
            else
            {
                var requirement = Assert.Single(security!)!.AsObject();
                Assert.Equal([ApiDocsFeature.SecuritySchemeName], requirement.Select(r => r.Key));
                Assert.Equal("#/components/schemas/ProblemDetails", operation["responses"]!["401"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
            }
        }
    }

    [Theory]
    [InlineData("VisionsPost", typeof(PlComms.Visions.VisionInput))]
    [InlineData("VisionPut", typeof(PlComms.Visions.VisionInput))]
    [InlineData("VisionComparePost", typeof(PlComms.Visions.CompareRequest))]
    [InlineData("VisionMessagesPost", typeof(PlComms.Messages.GenerateMessagesRequest))]
    [InlineData("VisionMessagePut", typeof(PlComms.Messages.MessageEditRequest))]
    [InlineData("VisionMessageApprovePost", typeof(PlComms.Messages.ApproveRequest))]
    [InlineData("SegmentPreviewPost", typeof(PlComms.Contacts.SegmentInput))]
    [InlineData("SuppressionsPost", typeof(PlComms.Delivery.SuppressionInput))]
    [InlineData("CampaignsPost", typeof(PlComms.Campaigns.CampaignInput))]
    [InlineData("SurveysPost", typeof(PlComms.Surveys.SurveyInput))]
    [InlineData("FollowUpRulesPost", typeof(PlComms.Results.FollowUpRuleInput))]
    public async Task A_json_body_has_its_input_schema_with_the_wire_field_names_and_its_problems(string operationId, Type input)
    {
        var (_, document) = await DocumentAsync();
        var operation = Operations(document).Single(o => o.Operation["operationId"]!.GetValue<string>() == operationId).Operation;

        var body = operation["requestBody"]!;
        Assert.True(body["required"]!.GetValue<bool>());
        var reference = body["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        Assert.Equal("#/components/schemas/" + input.Name, reference);
        var schema = document["components"]!["schemas"]![input.Name]!.AsObject();
        // The fields the app's own JSON reader knows (camelCase), and unknown ones refused, as the app refuses them.
        var reader = new System.Text.Json.JsonSerializerOptions(Json.Options) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
        var fields = reader.GetTypeInfo(input).Properties.Select(p => p.Name).Order();
        Assert.Equal(fields, schema["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());

        var responses = operation["responses"]!.AsObject();
        Assert.Equal("#/components/schemas/HttpValidationProblemDetails", responses["400"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Contains("413", responses.Select(r => r.Key));
        Assert.Contains("415", responses.Select(r => r.Key));
        Assert.Contains(responses, r => r.Key.StartsWith('2') && r.Value!["content"]?["application/json"]?["schema"]?["$ref"] is not null);
    }

    [Fact]
    public async Task Every_write_names_its_body_and_every_json_400_is_a_problem_that_lists_errors()
    {
        var (_, document) = await DocumentAsync();
        foreach (var (path, method, operation) in Operations(document))
        {
            var id = operation["operationId"]!.GetValue<string>();
            if (method is "POST" or "PUT" && !Bodiless.Contains(id))
                Assert.True(operation["requestBody"]?["content"]?.AsObject().Count > 0, $"{method} {path} ({id}) does not say what body it reads.");
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                if (response!["content"]?["application/problem+json"] is not { } problem) continue;
                var schema = problem["schema"]!["$ref"]!.GetValue<string>();
                Assert.True(schema is "#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails", $"{id} {status}: {schema}");
                Assert.False(status.StartsWith('2'), $"{id}: a success is not a problem.");
            }
            var bad = operation["responses"]!["400"];
            if (bad is not null && path != FunctionCatalog.Unsubscribe.AppPath)
                Assert.NotNull(bad["content"]!["application/problem+json"]);
        }
        // A problem's schema stays open: problems carry extensions such as errors and violations.
        Assert.NotEqual(false, document["components"]!["schemas"]!["ProblemDetails"]!["additionalProperties"]?.GetValue<bool>());
        Assert.NotNull(document["components"]!["schemas"]!["HttpValidationProblemDetails"]!["properties"]!["errors"]);
        // Writes guarded by an ETag say so.
        var put = Operations(document).Single(o => o.Operation["operationId"]!.GetValue<string>() == "VisionPut").Operation;
        var ifMatch = Assert.Single(put["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "If-Match")!;
        Assert.Equal("header", ifMatch["in"]!.GetValue<string>());
        Assert.True(ifMatch["required"]!.GetValue<bool>());
        Assert.Contains("412", put["responses"]!.AsObject().Select(r => r.Key));
        Assert.Contains("428", put["responses"]!.AsObject().Select(r => r.Key));
    }

    [Fact]
    public async Task The_document_route_refuses_a_request_without_the_key_and_serves_the_document_with_it()
    {
        var missing = await fixture.Anonymous.GetAsync(ApiDocsFeature.DocumentPath);
        await missing.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(OfficerAuthOptions.HeaderName, missing.Headers.WwwAuthenticate.ToString());
        using var wrong = new HttpRequestMessage(HttpMethod.Get, ApiDocsFeature.DocumentPath);
        wrong.Headers.Add(OfficerAuthOptions.HeaderName, "not-the-key-not-the-key-not-the-key");
        await (await fixture.Anonymous.SendAsync(wrong)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        var (_, document) = await DocumentAsync();
        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>());
        Assert.Equal("PlComms API", document["info"]!["title"]!.GetValue<string>());

        // The web app's copy needs the session: without one (a key in a header is not a session) it is the sign-in page.
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.Anonymous.BaseAddress };
        using var withKey = new HttpRequestMessage(HttpMethod.Get, ApiDocsFeature.WebAppDocumentPath);
        withKey.Headers.Add(OfficerAuthOptions.HeaderName, AppFixture.ApiKey);
        var page = await noRedirects.SendAsync(withKey);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith(WebAppFeature.Prefix + "/sign-in", page.Headers.Location!.ToString().Replace(fixture.Anonymous.BaseAddress!.ToString().TrimEnd('/'), ""));
    }

    [Fact]
    public async Task The_document_parses_as_openapi_without_errors_and_every_reference_resolves()
    {
        var (json, node) = await DocumentAsync();
        var read = OpenApiDocument.Parse(json, OpenApiConstants.Json);
        Assert.True(read.Diagnostic!.Errors.Count == 0, "Reader errors: " + string.Join(" | ", read.Diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        var document = read.Document!;
        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(errors.Count == 0, "Validation errors: " + string.Join(" | ", errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(Operations(node).Count(), document.Paths.Sum(p => p.Value.Operations?.Count ?? 0));

        var schemas = node["components"]!["schemas"]!.AsObject();
        var refs = References(node).ToList();
        Assert.NotEmpty(refs);
        Assert.All(refs, r => Assert.True(
            r.StartsWith("#/components/schemas/", StringComparison.Ordinal) && schemas.ContainsKey(r["#/components/schemas/".Length..]),
            $"Unresolved reference {r}."));
    }

    [Fact]
    public async Task Every_feature_of_the_document_has_a_name_in_english_and_spanish()
    {
        var (json, _) = await DocumentAsync();
        var groups = ApiOperations.Group(OpenApiDocument.Parse(json, OpenApiConstants.Json).Document!);
        Assert.True(groups.Count >= 9, $"Only {groups.Count} features.");
        foreach (var language in UiText.Languages)
        {
            var text = UiText.Resources[language];
            Assert.All(groups, g => Assert.True(text.ContainsKey(g.TextKey), $"{language}: no {g.TextKey}"));
            Assert.Equal(UiText.Resources["en"].Keys.Where(k => k.StartsWith("api.", StringComparison.Ordinal)).Order(),
                text.Keys.Where(k => k.StartsWith("api.", StringComparison.Ordinal)).Order());
        }
        // Features that need the key come first; the public ones last.
        Assert.DoesNotContain(groups.SkipWhile(g => g.NeedsKey), g => g.NeedsKey);
        Assert.False(groups[^1].NeedsKey);
    }

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$ref" ? [p.Value!.GetValue<string>()] : References(p.Value)),
        JsonArray a => a.SelectMany(References),
        _ => [],
    };
}
