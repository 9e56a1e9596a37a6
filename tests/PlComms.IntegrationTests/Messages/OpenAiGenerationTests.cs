using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.IntegrationTests.Messages.AzureOpenAi;
using PlComms.Messages;
using PlComms.Messages.AzureOpenAi;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.IntegrationTests.Messages;

/// <summary>Generation through the API with the app configured for Azure OpenAI (a loopback fake of the service).</summary>
[Collection(AppCollection.Name)]
public sealed class OpenAiGenerationTests(AppFixture fixture)
{
    private async Task<(HttpClient Client, Microsoft.AspNetCore.Builder.WebApplication App, string VisionId)> StartAsync(FakeAzureOpenAi fake)
    {
        var app = AppFixture.StartApp(fixture.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["AzureOpenAI:Endpoint"] = fake.Endpoint.ToString(),
            ["AzureOpenAI:Deployment"] = ComposerHarness.Deployment,
            ["AzureOpenAI:ApiKey"] = "test-api-key",
            ["AzureOpenAI:Model"] = "gpt-test-2026",
            ["Messages:DistrictContact"] = ComposerHarness.Contact,
            ["Messages:Composer"] = "openai",
        });
        await app.StartAsync();
        var visionId = Guid.NewGuid().ToString("n");
        await app.Services.GetRequiredService<VisionStore>().CreateAsync(visionId, DemoVision.Content, CancellationToken.None);
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AppFixture.ApiKey);
        return (client, app, visionId);
    }

    private static readonly JsonObject ParentEmailInEnglish = new()
    {
        ["audiences"] = new JsonArray("parents"), ["channels"] = new JsonArray("email"), ["languages"] = new JsonArray("en"),
    };

    [Fact]
    public async Task With_openai_as_the_default_composer_a_generated_draft_records_the_model_and_prompt_version()
    {
        var request = ComposerHarness.Request(Audience.Parents, Language.En) with { Channels = [Channel.Email] };
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.Message(ComposerHarness.GoodAnswer(request)));
        var (client, app, visionId) = await StartAsync(fake);
        await using var _ = app;

        var response = await client.PostAsync($"/api/visions/{visionId}/messages", ApiAssertions.JsonContent(ParentEmailInEnglish.DeepClone()));

        var item = (await response.ReadObjectAsync())["items"]![0]!;
        Assert.Equal("openai", item["composer"]!.GetValue<string>());
        Assert.Equal("gpt-test-2026", item["model"]!.GetValue<string>());
        Assert.Equal("openai-v2", item["promptVersion"]!.GetValue<string>());
        Assert.Null(item["fallbackReason"]);
        Assert.Equal("What changes at school for your child", item["message"]!["headline"]!.GetValue<string>());
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task When_the_model_answers_malformed_json_the_stored_draft_is_the_template_message_marked_with_the_reason()
    {
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.Chat("{\"headline\": \"unterminated"));
        var (client, app, visionId) = await StartAsync(fake);
        await using var _ = app;

        var response = await client.PostAsync($"/api/visions/{visionId}/messages", ApiAssertions.JsonContent(ParentEmailInEnglish.DeepClone()));
        var id = (await response.ReadObjectAsync())["items"]![0]!["id"]!.GetValue<string>();

        var stored = await (await client.GetAsync($"/api/visions/{visionId}/messages/{id}")).ReadObjectAsync();
        Assert.Equal("template", stored["composer"]!.GetValue<string>());
        Assert.StartsWith("invalid-json", stored["fallbackReason"]!.GetValue<string>());
        Assert.True(stored["guardrails"]!["passes"]!.GetValue<bool>());
        Assert.False(string.IsNullOrWhiteSpace(stored["message"]!["headline"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Choosing_openai_as_default_without_an_endpoint_stops_start_up_naming_both_settings()
    {
        await using var app = AppFixture.StartApp(fixture.Azurite.ConnectionString, new Dictionary<string, string?> { ["Messages:Composer"] = "openai" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("AzureOpenAI__Endpoint", error.Message);
    }

    [Fact]
    public async Task With_openai_a_district_can_generate_a_Vietnamese_email_with_its_own_headings()
    {
        var vi = MessageLanguage.Parse("vi");
        var translations = FakeReply.Chat(new ModelTranslations([.. VisionTranslation.Missing(DemoVision.Content, vi, AudiencePlaybooks.Parents)
            .Select(m => new ModelTranslation(m.Id, "nội dung của kế hoạch"))]).ToJson());
        var answer = new ModelMessage(
            "Học tập cá nhân hóa có ý nghĩa gì với gia đình",
            ["Cách học sinh học sẽ phù hợp hơn với nhu cầu và sở thích của các em."],
            ["Những gì học sinh học vẫn giữ nguyên."],
            "Chúng tôi muốn mọi học sinh có sự hỗ trợ cần thiết để thành công.",
            "Giáo viên vẫn dẫn dắt việc học. Quý vị là người đồng hành trong việc học.",
            "Có câu hỏi? Hãy liên hệ với chúng tôi.",
            new ModelLabels("Điều gì thay đổi", "Điều gì giữ nguyên", "Tại sao", "Ý nghĩa với gia đình", "Bước tiếp theo"));
        await using var fake = await FakeAzureOpenAi.StartAsync(translations, FakeReply.Message(answer));
        var (client, app, visionId) = await StartAsync(fake);
        await using var _ = app;

        var refused = await client.PostAsync($"/api/visions/{visionId}/messages", ApiAssertions.JsonContent(new JsonObject
        {
            ["audiences"] = new JsonArray("parents"), ["channels"] = new JsonArray("email", "talking-points"), ["languages"] = new JsonArray("VI"),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"channels\"", await refused.Content.ReadAsStringAsync());

        var response = await client.PostAsync($"/api/visions/{visionId}/messages", ApiAssertions.JsonContent(new JsonObject
        {
            ["audiences"] = new JsonArray("parents"), ["channels"] = new JsonArray("email"), ["languages"] = new JsonArray("VI"),
        }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = (await response.ReadObjectAsync())["items"]![0]!;
        Assert.Equal("vi", item["language"]!.GetValue<string>());
        Assert.Equal("openai", item["composer"]!.GetValue<string>());
        Assert.True(item["guardrails"]!["passes"]!.GetValue<bool>(), item["guardrails"]!.ToJsonString());
        Assert.Equal("Bước tiếp theo", item["message"]!["labels"]!["nextStep"]!.GetValue<string>());

        var id = item["id"]!.GetValue<string>();
        var listed = await (await client.GetAsync($"/api/visions/{visionId}/messages?language=vi")).ReadObjectAsync();
        Assert.Single(listed["items"]!.AsArray());
        var read = await (await client.GetAsync($"/api/visions/{visionId}/messages/{id}")).ReadObjectAsync();
        Assert.Contains("<html lang=\"vi\">", read["renderings"]![0]!["html"]!.GetValue<string>());
        var preview = await client.GetAsync($"/api/visions/{visionId}/messages/{id}/email-preview");
        var eml = await MimeKit.MimeMessage.LoadAsync(await preview.Content.ReadAsStreamAsync());
        Assert.Equal("vi", eml.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
    }
}
