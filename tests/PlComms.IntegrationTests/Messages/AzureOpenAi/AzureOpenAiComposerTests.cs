using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Messages;
using PlComms.Messages.AzureOpenAi;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.IntegrationTests.Messages.AzureOpenAi;

/// <summary>The Azure OpenAI composer, with the real SDK client, against a loopback fake of the service.</summary>
public sealed class AzureOpenAiComposerTests
{
    private static CancellationToken NoCancel => CancellationToken.None;

    [Fact]
    public async Task A_schema_conforming_grounded_answer_becomes_the_draft_with_openai_provenance()
    {
        var request = ComposerHarness.Request();
        var answer = ComposerHarness.GoodAnswer(request);
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.Message(answer));
        using var harness = new ComposerHarness(fake.Endpoint);

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        Assert.Equal("openai", result.Composer);
        Assert.Null(result.FallbackReason);
        Assert.Equal(ComposerHarness.Deployment, result.Model);
        Assert.Equal(MessagePrompt.Version, result.PromptVersion);
        Assert.True(result.Draft.Report.Passes, string.Join("; ", result.Draft.Report.Blocking.Select(v => v.Message)));
        Assert.Equal(answer.Headline, result.Draft.Message.Headline);
        Assert.Equal(answer.WhatItMeansForYou, result.Draft.Message.WhatItMeansForYou);
        Assert.Equal("Contact: " + ComposerHarness.Contact, result.Draft.Message.ContactLine);
        Assert.Equal(ChannelRenderer.AllChannels, result.Draft.Renderings.Select(r => r.Channel));

        var sent = Assert.Single(fake.Requests);
        Assert.Equal($"/openai/deployments/{ComposerHarness.Deployment}/chat/completions", sent.Path);
        Assert.Contains("api-version=", sent.Query);
        Assert.Equal("test-api-key", sent.ApiKey);
    }

    [Fact]
    public async Task The_request_asks_for_the_message_as_strict_json_schema_output()
    {
        var request = ComposerHarness.Request();
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.Message(ComposerHarness.GoodAnswer(request)));
        using var harness = new ComposerHarness(fake.Endpoint);

        await harness.Composer.ComposeAsync(request, NoCancel);

        var format = Assert.Single(fake.Requests).Body["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        var jsonSchema = format["json_schema"]!;
        Assert.Equal(ModelMessage.SchemaName, jsonSchema["name"]!.GetValue<string>());
        Assert.True(jsonSchema["strict"]!.GetValue<bool>());
        var schema = jsonSchema["schema"]!;
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        string[] sections = ["headline", "whatChanges", "whatStaysTheSame", "why", "whatItMeansForYou", "nextStep"];
        Assert.Equal(sections.Order(), schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).Order());
        Assert.Equal(sections.Order(), schema["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal("array", schema["properties"]!["whatChanges"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_prompt_carries_the_vision_the_playbook_and_the_guardrail_targets()
    {
        var request = ComposerHarness.Request();
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.Message(ComposerHarness.GoodAnswer(request)));
        using var harness = new ComposerHarness(fake.Endpoint);

        await harness.Composer.ComposeAsync(request, NoCancel);

        var sent = Assert.Single(fake.Requests);
        Assert.Equal(["system", "user"], sent.Messages.Select(m => m.Role));
        var text = sent.AllText;
        var vision = DemoVision.Content;
        var parents = AudiencePlaybooks.Parents;
        Assert.Contains(vision.Focus[0].Text, text);
        Assert.Contains(vision.ShortTermImpacts[0].Text, text);
        Assert.Contains(vision.Supports[1].Text, text);
        Assert.Contains("Phase II, Early Implementation", text);
        Assert.Contains(vision.Shifts[0].Changes, text);
        Assert.DoesNotContain(vision.Shifts[2].Changes, text); // The teachers' shift is not the parents'.
        Assert.Contains($"Flesch–Kincaid grade {parents.ReadingGradeCeiling} or lower", text);
        Assert.Contains(parents.Fears[0].Text, text);
        Assert.Contains(parents.CallToAction.Text.En, text);
        Assert.Contains("blended learning", text);
        Assert.Contains(Jargon.Terms.Single(t => t.Term == "blended learning").PlainLanguage.En, text);
        Assert.Contains($"at most {ChannelLimits.EmailSubjectCharacters} characters", text);
        Assert.Contains("no number", text);
        Assert.DoesNotContain(ComposerHarness.Contact, text); // The contact line is the district's, not the model's.
    }

    [Fact]
    public async Task A_spanish_request_asks_for_native_spanish_at_the_spanish_readability_floor()
    {
        var request = ComposerHarness.Request(language: Language.Es);
        var answer = ComposerHarness.GoodAnswer(request);
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.Message(answer));
        using var harness = new ComposerHarness(fake.Endpoint);

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        var text = Assert.Single(fake.Requests).AllText;
        Assert.Contains("Write in Spanish, natively", text);
        Assert.Contains("do not translate English word for word", text);
        Assert.Contains($"{AudiencePlaybooks.Parents.SpanishReadingEaseFloor:0} or more on the Fernández-Huerta", text);
        Assert.Contains(AudiencePlaybooks.Parents.CallToAction.Text.Es, text);
        Assert.Null(result.FallbackReason);
        Assert.Equal(answer.Headline, result.Draft.Message.Headline);
        Assert.Equal(Language.Es, result.Draft.Message.Language);
    }

    [Theory]
    [InlineData("{\"headline\": \"What changes\", \"whatChanges\": [")] // cut off
    [InlineData("Here is your message: headline What changes")] // not JSON
    [InlineData("{\"headline\":\"What changes\",\"whatChanges\":[],\"whatStaysTheSame\":[],\"why\":\"x\",\"nextStep\":\"y\"}")] // a section missing
    [InlineData("{\"headline\":\"What changes\",\"whatChanges\":[],\"whatStaysTheSame\":[],\"why\":\"x\",\"whatItMeansForYou\":\"z\",\"nextStep\":\"y\",\"signature\":\"s\"}")] // extra property
    [InlineData("{\"headline\":null,\"whatChanges\":[],\"whatStaysTheSame\":[],\"why\":\"x\",\"whatItMeansForYou\":\"z\",\"nextStep\":\"y\"}")] // null section
    public async Task An_answer_that_is_not_the_schema_falls_back_to_the_template_as_invalid_json(string content)
    {
        var request = ComposerHarness.Request();
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.Chat(content));
        using var harness = new ComposerHarness(fake.Endpoint);

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        AssertTemplateFallback(result, request, FallbackReasons.InvalidJson, harness);
        Assert.Single(fake.Requests); // Malformed output is not retried: the same prompt would fail the same way.
    }

    [Fact]
    public async Task An_answer_cut_off_at_the_token_limit_falls_back_as_invalid_json()
    {
        var request = ComposerHarness.Request();
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.Chat(ComposerHarness.GoodAnswer(request).ToJson(), finishReason: "length"));
        using var harness = new ComposerHarness(fake.Endpoint);

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        AssertTemplateFallback(result, request, FallbackReasons.InvalidJson, harness);
    }

    [Fact]
    public async Task Rate_limiting_that_outlasts_the_retries_falls_back_after_honouring_retry_after()
    {
        var request = ComposerHarness.Request();
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.RateLimited(retryAfterSeconds: 1));
        using var harness = new ComposerHarness(fake.Endpoint);
        var clock = Stopwatch.StartNew();

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        clock.Stop();
        AssertTemplateFallback(result, request, FallbackReasons.RateLimited, harness);
        Assert.Equal(1 + AzureOpenAiOptions.DefaultMaxRetries, fake.Requests.Count);
        var firstGap = Stopwatch.GetElapsedTime(fake.Requests[0].ReceivedAt, fake.Requests[1].ReceivedAt);
        Assert.True(firstGap >= TimeSpan.FromSeconds(0.9), $"The first retry came {firstGap.TotalMilliseconds:0} ms after the 429, before retry-after: 1.");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Took {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    [Fact]
    public async Task A_single_429_is_retried_and_the_second_answer_is_used()
    {
        var request = ComposerHarness.Request();
        var answer = ComposerHarness.GoodAnswer(request);
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.RateLimited(retryAfterSeconds: 1), FakeReply.Message(answer));
        using var harness = new ComposerHarness(fake.Endpoint);

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        Assert.Null(result.FallbackReason);
        Assert.Equal("openai", result.Composer);
        Assert.Equal(answer.Headline, result.Draft.Message.Headline);
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task A_service_that_asks_to_wait_longer_than_the_timeout_is_not_waited_for()
    {
        var request = ComposerHarness.Request();
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.RateLimited(retryAfterSeconds: 60));
        using var harness = new ComposerHarness(fake.Endpoint, new Dictionary<string, string?> { ["AzureOpenAI:TimeoutSeconds"] = "5" });
        var clock = Stopwatch.StartNew();

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        AssertTemplateFallback(result, request, FallbackReasons.RateLimited, harness);
        Assert.Contains("asked to wait 60 s", result.FallbackReason);
        Assert.Single(fake.Requests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"Took {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    [Fact]
    public async Task A_prompt_blocked_by_the_content_filter_falls_back_without_retrying()
    {
        var request = ComposerHarness.Request();
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.ContentFilterError());
        using var harness = new ComposerHarness(fake.Endpoint);

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        AssertTemplateFallback(result, request, FallbackReasons.ContentFilter, harness);
        Assert.Single(fake.Requests);
    }

    [Theory]
    [InlineData("content_filter", null)]
    [InlineData("stop", "I can't help with that request.")]
    public async Task A_filtered_or_refused_answer_falls_back_as_content_filter(string finishReason, string? refusal)
    {
        var request = ComposerHarness.Request();
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.Chat(refusal is null ? "{\"headline\":" : null, finishReason, refusal));
        using var harness = new ComposerHarness(fake.Endpoint);

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        AssertTemplateFallback(result, request, FallbackReasons.ContentFilter, harness);
    }

    [Fact]
    public async Task A_service_slower_than_the_timeout_falls_back_promptly()
    {
        var request = ComposerHarness.Request();
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.Message(ComposerHarness.GoodAnswer(request)).After(TimeSpan.FromSeconds(30)));
        using var harness = new ComposerHarness(fake.Endpoint, new Dictionary<string, string?> { ["AzureOpenAI:TimeoutSeconds"] = "1" });
        var clock = Stopwatch.StartNew();

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        clock.Stop();
        AssertTemplateFallback(result, request, FallbackReasons.Timeout, harness);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Took {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    [Fact]
    public async Task The_callers_cancellation_propagates_instead_of_falling_back()
    {
        var request = ComposerHarness.Request();
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.Message(ComposerHarness.GoodAnswer(request)).After(TimeSpan.FromSeconds(30)));
        using var harness = new ComposerHarness(fake.Endpoint);
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Composer.ComposeAsync(request, caller.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Took {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    [Fact]
    public async Task A_guardrail_failure_is_repaired_in_one_round_that_lists_the_violations()
    {
        var request = ComposerHarness.Request();
        var bad = ComposerHarness.JargonAndUngroundedNumber(request);
        var good = ComposerHarness.GoodAnswer(request);
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.Message(bad), FakeReply.Message(good));
        using var harness = new ComposerHarness(fake.Endpoint, new Dictionary<string, string?> { ["AzureOpenAI:Model"] = "gpt-4o-mini-2024-07-18" });

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        Assert.Null(result.FallbackReason);
        Assert.Equal("openai", result.Composer);
        Assert.Equal("gpt-4o-mini-2024-07-18", result.Model);
        Assert.Equal(good.WhatItMeansForYou, result.Draft.Message.WhatItMeansForYou);
        Assert.True(result.Draft.Report.Passes);
        Assert.Equal(2, fake.Requests.Count);

        var repair = fake.Requests[1].Messages;
        Assert.Equal(["system", "user", "assistant", "user"], repair.Select(m => m.Role));
        Assert.Equal(fake.Requests[0].Messages, repair.Take(2)); // The same prompt, continued.
        Assert.Contains("Blended learning helps 95% of students.", repair[2].Text);
        Assert.Contains($"[{GuardrailCodes.Jargon}]", repair[3].Text);
        Assert.Contains($"[{GuardrailCodes.UngroundedNumber}]", repair[3].Text);
        Assert.Contains("“95”", repair[3].Text);
        Assert.Contains(Jargon.Terms.Single(t => t.Term == "blended learning").PlainLanguage.En, repair[3].Text);
    }

    [Fact]
    public async Task Guardrails_still_failing_after_the_repair_round_fall_back_after_exactly_two_calls()
    {
        var request = ComposerHarness.Request();
        await using var fake = await FakeAzureOpenAi.StartAsync(FakeReply.Message(ComposerHarness.JargonAndUngroundedNumber(request)));
        using var harness = new ComposerHarness(fake.Endpoint);

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        AssertTemplateFallback(result, request, FallbackReasons.Guardrails, harness);
        Assert.Contains(GuardrailCodes.Jargon, result.FallbackReason);
        Assert.Contains(GuardrailCodes.UngroundedNumber, result.FallbackReason);
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task An_unreachable_service_falls_back_as_unavailable()
    {
        var request = ComposerHarness.Request();
        var nobody = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        using var harness = new ComposerHarness(nobody, new Dictionary<string, string?> { ["AzureOpenAI:MaxRetries"] = "0" });

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        AssertTemplateFallback(result, request, FallbackReasons.Unavailable, harness);
    }

    [Fact]
    public async Task A_server_error_that_persists_through_the_retries_falls_back_as_unavailable()
    {
        var request = ComposerHarness.Request();
        await using var fake = await FakeAzureOpenAi.StartAsync(new FakeReply(503, """{"error":{"code":"ServiceUnavailable","message":"busy"}}"""));
        using var harness = new ComposerHarness(fake.Endpoint, new Dictionary<string, string?> { ["AzureOpenAI:MaxRetries"] = "1" });

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        AssertTemplateFallback(result, request, FallbackReasons.Unavailable, harness);
        Assert.Contains("503", result.FallbackReason);
        Assert.Equal(2, fake.Requests.Count);
    }

    /// <summary>The template's own draft, marked with the reason's code, and the reason logged.</summary>
    private static void AssertTemplateFallback(ComposedMessage result, CompositionRequest request, string code, ComposerHarness harness)
    {
        Assert.NotNull(result.FallbackReason);
        Assert.Equal(code, FallbackReasons.CodeOf(result.FallbackReason));
        Assert.Equal(TemplateMessageComposer.ComposerName, result.Composer);
        Assert.Equal(TemplateMessageComposer.TemplateVersion, result.PromptVersion);
        Assert.Null(result.Model);
        var template = TemplateMessageComposer.Compose(request);
        Assert.Equal(template.Draft.Message.Headline, result.Draft.Message.Headline);
        Assert.Equal(template.Draft.Message.WhatItMeansForYou, result.Draft.Message.WhatItMeansForYou);
        Assert.Contains(harness.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(result.FallbackReason, StringComparison.Ordinal));
    }
}
