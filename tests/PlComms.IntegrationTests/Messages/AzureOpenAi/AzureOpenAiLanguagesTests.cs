using System.Text.Json.Nodes;
using PlComms.Messages;
using PlComms.Messages.AzureOpenAi;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.IntegrationTests.Messages.AzureOpenAi;

/// <summary>The Azure OpenAI composer's languages: translating what the vision lacks, and languages beyond en and es.</summary>
public sealed class AzureOpenAiLanguagesTests
{
    private static CancellationToken NoCancel => CancellationToken.None;

    /// <summary>The demo vision as a district might have stored it: no Spanish anywhere.</summary>
    private static VisionContent Untranslated => DemoVision.Content with
    {
        Focus = [.. DemoVision.Content.Focus.Select(f => f with { Translations = null })],
        ShortTermImpacts = [new Impact("improved attendance for 9 in 10 students", "average daily attendance", 1)],
        LongTermImpacts = [.. DemoVision.Content.LongTermImpacts.Select(i => i with { Translations = null })],
        Supports = [.. DemoVision.Content.Supports.Select(s => s with { Translations = null })],
        Shifts = [.. DemoVision.Content.Shifts.Select(s => s with { Translations = null })],
    };

    private static MessageLanguage Vi => MessageLanguage.Parse("vi");

    /// <summary>A translation for every item the composer asks for, made from the item's id.</summary>
    private static FakeReply Translations(VisionContent vision, MessageLanguage language, Audience audience, Func<MissingWording, string> text) =>
        FakeReply.Chat(new ModelTranslations([.. VisionTranslation.Missing(vision, language, AudiencePlaybooks.For(audience))
            .Select(m => new ModelTranslation(m.Id, text(m)))]).ToJson());

    private static string Spanish(MissingWording m) => m.Id switch
    {
        "focus-0" => "los estudiantes de nuestras escuelas con más bajo rendimiento",
        "short-term-impact-0" => "mejor asistencia para 9 de cada 10 estudiantes",
        "metric-short-term-impact-0" => "asistencia diaria promedio",
        "long-term-impact-0" => "un mayor crecimiento académico",
        "shift-changes-0" => "La forma en que aprenden los estudiantes se adaptará mejor a sus necesidades e intereses.",
        "shift-stays-the-same-0" => "Lo que aprenden los estudiantes se mantiene igual.",
        "shift-changes-1" => "Los estudiantes tendrán más oportunidades de practicar el autocontrol, la comunicación y la reflexión.",
        "shift-stays-the-same-1" => "Los estándares de aprendizaje se mantienen.",
        "shift-changes-2" => "Puede esperar más actividades individuales y más flexibilidad en el ritmo.",
        "shift-stays-the-same-2" => "Los estándares, el alcance y la secuencia de la enseñanza se mantienen.",
        _ => "apoyo del plan del distrito para las escuelas",
    };

    [Fact]
    public async Task A_Spanish_message_for_a_vision_without_Spanish_first_translates_the_missing_items_then_writes_from_them()
    {
        var request = ComposerHarness.Request(Audience.Parents, Language.Es) with { Vision = Untranslated };
        var translated = VisionTranslation.With(Untranslated, MessageLanguage.Es,
            VisionTranslation.Missing(Untranslated, MessageLanguage.Es, AudiencePlaybooks.Parents).ToDictionary(m => m.Id, Spanish));
        var template = TemplateComposer.Compose(translated, Audience.Parents, Language.Es);
        var answer = new ModelMessage("Lo que cambia en la escuela de su hijo o hija", template.WhatChanges, template.WhatStaysTheSame,
            template.Why, template.WhatItMeansForYou, template.NextStep);
        await using var fake = await FakeAzureOpenAi.StartAsync(
            Translations(Untranslated, MessageLanguage.Es, Audience.Parents, Spanish), FakeReply.Message(answer));
        using var harness = new ComposerHarness(fake.Endpoint);

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        Assert.Null(result.FallbackReason);
        Assert.True(result.Draft.Report.Passes, string.Join("; ", result.Draft.Report.Blocking.Select(v => v.Message)));
        Assert.Equal(2, fake.Requests.Count);
        var ask = fake.Requests[0];
        Assert.Equal(ModelTranslations.SchemaName, ask.Body["response_format"]!["json_schema"]!["name"]!.GetValue<string>());
        Assert.Contains("- focus-0: students in our lowest performing schools", ask.AllText);
        Assert.Contains("into Spanish (BCP 47 tag es)", ask.AllText);
        // The message is written from the translations: the prompt gives the vision in Spanish, and the lists to copy.
        Assert.Contains("- los estudiantes de nuestras escuelas con más bajo rendimiento", fake.Requests[1].AllText);
        Assert.DoesNotContain("- students in our lowest performing schools", fake.Requests[1].AllText);
        Assert.Contains("los estudiantes de nuestras escuelas con más bajo rendimiento", result.Draft.Message.Why);
        Assert.Equal(Spanish(new MissingWording("shift-changes-0", null!, "", 0)), result.Draft.Message.WhatChanges[0]);
    }

    [Fact]
    public async Task A_translation_that_changes_a_number_falls_back_to_the_template_which_names_what_to_translate()
    {
        var request = ComposerHarness.Request(Audience.Parents, Language.Es) with { Vision = Untranslated };
        await using var fake = await FakeAzureOpenAi.StartAsync(
            Translations(Untranslated, MessageLanguage.Es, Audience.Parents, m => m.Id == "short-term-impact-0" ? "mejor asistencia para casi todos" : Spanish(m)));
        using var harness = new ComposerHarness(fake.Endpoint);

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        Assert.Equal("template", result.Composer);
        Assert.StartsWith("invalid-json: translations: the translation of short-term-impact-0 changes its numbers", result.FallbackReason);
        Assert.Single(fake.Requests);
        // The template never translates: its Spanish draft is blocked, naming the items.
        Assert.Contains(result.Draft.Report.Blocking, v => v.Code == GuardrailCodes.Untranslated
            && v.Suggestion == "Add a Spanish translation for focus item 1 'students in our lowest performing schools' (focus[0].translations.es in the vision).");
    }

    [Fact]
    public async Task A_Vietnamese_message_is_translated_written_with_its_own_headings_and_checked()
    {
        var request = new CompositionRequest(DemoVision.Content, Audience.Parents, Vi, [Channel.Email, Channel.Sms], ComposerHarness.Contact);
        var answer = new ModelMessage(
            "Học tập cá nhân hóa có ý nghĩa gì với gia đình",
            ["Cách học sinh học sẽ phù hợp hơn với nhu cầu và sở thích của các em."],
            ["Những gì học sinh học vẫn giữ nguyên."],
            "Chúng tôi muốn mọi học sinh có sự hỗ trợ cần thiết để thành công.",
            "Giáo viên vẫn dẫn dắt việc học. Quý vị là người đồng hành trong việc học.",
            "Có câu hỏi? Hãy liên hệ với chúng tôi.",
            new ModelLabels("Điều gì thay đổi", "Điều gì giữ nguyên", "Tại sao", "Ý nghĩa với gia đình", "Bước tiếp theo"));
        await using var fake = await FakeAzureOpenAi.StartAsync(
            Translations(DemoVision.Content, Vi, Audience.Parents, m => "nội dung của kế hoạch"), FakeReply.Message(answer));
        using var harness = new ComposerHarness(fake.Endpoint);

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        Assert.Null(result.FallbackReason);
        Assert.True(result.Draft.Report.Passes, string.Join("; ", result.Draft.Report.Blocking.Select(v => v.Message)));
        Assert.Contains(result.Draft.Report.Warnings, v => v.Code == GuardrailCodes.ReadingLevelUnmeasured);
        Assert.Equal("vi", result.Draft.Message.Language.Tag);
        Assert.Equal("Bước tiếp theo", result.Draft.Message.Labels!.NextStep);
        Assert.Contains("Bước tiếp theo", result.Draft.Renderings.Single(r => r.Channel == Channel.Email).Text);

        var prompt = fake.Requests[1];
        Assert.Contains("Write every word in Vietnamese (BCP 47 tag vi)", prompt.AllText);
        Assert.Contains("translate into Vietnamese, one for one", prompt.AllText);
        var schema = prompt.Body["response_format"]!["json_schema"]!["schema"]!;
        Assert.Contains("labels", schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task A_Vietnamese_answer_left_in_English_is_repaired_or_falls_back_blocked()
    {
        var request = new CompositionRequest(DemoVision.Content, Audience.Parents, Vi, [Channel.Email], ComposerHarness.Contact);
        var english = TemplateComposer.Compose(DemoVision.Content, Audience.Parents, Language.En);
        var answer = new ModelMessage(english.Headline, english.WhatChanges, english.WhatStaysTheSame, english.Why, english.WhatItMeansForYou, english.NextStep,
            new ModelLabels("What changes", "What stays the same", "Why", "What it means", "Next step"));
        await using var fake = await FakeAzureOpenAi.StartAsync(
            Translations(DemoVision.Content, Vi, Audience.Parents, m => "nội dung của kế hoạch"), FakeReply.Message(answer));
        using var harness = new ComposerHarness(fake.Endpoint);

        var result = await harness.Composer.ComposeAsync(request, NoCancel);

        Assert.Equal(3, fake.Requests.Count); // translations, message, repair
        Assert.Contains("[untranslated]", fake.Requests[2].AllText);
        Assert.StartsWith("guardrails", result.FallbackReason);
        Assert.Equal("vi", result.Draft.Message.Language.Tag);
        Assert.False(result.Draft.Report.Passes);
        Assert.Contains(result.Draft.Report.Blocking, v => v.Code == GuardrailCodes.Untranslated && v.Message.Contains("not Vietnamese", StringComparison.Ordinal));
    }
}
