using PlComms.Messages;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.UnitTests.Messages;

public sealed class LanguageCheckTests
{
    [Theory]
    [InlineData("How students learn will be more tailored to their individual needs and interests.", "en")]
    [InlineData("students in our lowest performing schools", "en")]
    [InlineData("La forma en que aprenden los estudiantes se adaptará mejor a sus necesidades e intereses.", "es")]
    [InlineData("Los maestros siguen a cargo de la clase.", "es")]
    [InlineData("Les élèves apprennent avec leurs enseignants dans une école ouverte.", "fr")]
    [InlineData("Os alunos aprendem com os professores na escola.", "pt")]
    public void A_sentence_is_taken_for_its_language(string sentence, string expected) =>
        Assert.Equal(expected, LanguageCheck.Detect(sentence));

    [Theory]
    [InlineData("STEM")]
    [InlineData("Lincoln Elementary")]
    [InlineData("Contacto: Ana Ruiz, 555-0100")]
    [InlineData("Fase II")]
    public void A_stretch_too_short_or_without_telling_words_is_not_judged(string text) =>
        Assert.Null(LanguageCheck.Detect(text));

    [Fact]
    public void A_Spanish_sentence_that_names_an_English_school_is_Spanish()
    {
        var es = MessageLanguage.Es;
        Assert.Null(LanguageCheck.ForeignLanguageOf("Los estudiantes de Lincoln Elementary y Roosevelt Middle School leen todos los días.", es));
    }

    [Fact]
    public void An_English_clause_inside_a_Spanish_sentence_is_found_by_its_stretches()
    {
        var sentence = "El plan del distrito se enfoca en «students in our lowest performing schools».";
        Assert.Null(LanguageCheck.ForeignLanguageOf(sentence, MessageLanguage.Es)); // the sentence as a whole is mostly Spanish
        Assert.Contains(LanguageCheck.Stretches(sentence), s => LanguageCheck.ForeignLanguageOf(s, MessageLanguage.Es) == "en");
    }

    [Fact]
    public void Spanish_in_an_English_message_and_English_in_a_Vietnamese_one_are_foreign()
    {
        Assert.Equal("es", LanguageCheck.ForeignLanguageOf("Los estudiantes tendrán más tiempo para aprender.", MessageLanguage.En));
        Assert.True(MessageLanguage.TryParse("vi", out var vi));
        Assert.Equal("en", LanguageCheck.ForeignLanguageOf("What students learn will stay the same.", vi));
        Assert.Null(LanguageCheck.ForeignLanguageOf("Những gì học sinh học vẫn giữ nguyên.", vi));
    }

    [Fact]
    public void Latin_letters_in_a_language_with_its_own_script_are_foreign()
    {
        Assert.True(MessageLanguage.TryParse("zh-Hant", out var zh));
        Assert.Equal("en", LanguageCheck.ForeignLanguageOf("The learning standards stay the same for every student.", zh));
        Assert.Null(LanguageCheck.ForeignLanguageOf("學生學習的內容保持不變。", zh));
    }

    [Fact]
    public void A_Spanish_message_with_an_English_sentence_added_by_hand_is_blocked_as_untranslated()
    {
        var message = TemplateComposer.Compose(DemoVision.Content, Audience.Parents, Language.Es);
        var edited = message with { Why = message.Why + " We will share more news with families every month." };

        var draft = MessageDrafts.Review(edited, DemoVision.Content);

        var violation = Assert.Single(draft.Report.Blocking);
        Assert.Equal(GuardrailCodes.Untranslated, violation.Code);
        Assert.Equal(MessageSection.Why, violation.Section);
        Assert.Contains("reads as English, not Spanish", violation.Message, StringComparison.Ordinal);
        Assert.Equal("Write it in Spanish.", violation.Suggestion);
        Assert.True(MessageDrafts.Review(message, DemoVision.Content).Report.Passes);
    }

    [Fact]
    public void An_English_message_with_a_Spanish_paragraph_is_blocked_as_untranslated()
    {
        var message = TemplateComposer.Compose(DemoVision.Content, Audience.Teachers, Language.En);
        var edited = message with { WhatItMeansForYou = "Los docentes necesitan tiempo y apoyo para aprender nuevas formas de trabajar." };
        Assert.Contains(MessageDrafts.Review(edited, DemoVision.Content).Report.Blocking,
            v => v.Code == GuardrailCodes.Untranslated && v.Section == MessageSection.WhatItMeansForYou);
    }

    [Fact]
    public void A_message_in_another_language_gets_sections_length_grounding_and_language_checked_and_no_readability_formula()
    {
        Assert.True(MessageLanguage.TryParse("vi", out var vi));
        var message = new StructuredMessage(Audience.Parents, vi,
            Headline: "Học tập cá nhân hóa có ý nghĩa gì với gia đình",
            WhatChanges: ["Cách học sinh học sẽ phù hợp hơn với nhu cầu và sở thích của các em."],
            WhatStaysTheSame: ["Những gì học sinh học vẫn giữ nguyên."],
            Why: "Chúng tôi muốn mọi học sinh có sự hỗ trợ cần thiết để thành công.",
            WhatItMeansForYou: "Giáo viên vẫn dẫn dắt việc học. Quý vị là người đồng hành trong việc học.",
            NextStep: "Có câu hỏi? Hãy liên hệ với chúng tôi.",
            ContactLine: "Contact: the district office",
            Labels: new MessageLabels("Điều gì thay đổi", "Điều gì giữ nguyên", "Tại sao", "Ý nghĩa với gia đình", "Bước tiếp theo"));

        var draft = MessageDrafts.Review(message, DemoVision.Content, [Channel.Email, Channel.Sms]);

        Assert.True(draft.Report.Passes, string.Join("; ", draft.Report.Blocking.Select(v => v.Message)));
        Assert.Contains(draft.Report.Warnings, v => v.Code == GuardrailCodes.ReadingLevelUnmeasured);
        var email = draft.Renderings.Single(r => r.Channel == Channel.Email);
        Assert.Contains("<html lang=\"vi\">", email.Html, StringComparison.Ordinal);
        Assert.Contains("Điều gì giữ nguyên", email.Text, StringComparison.Ordinal);

        // Without its own headings the email shows English ones, and English sentences are found as in any language.
        var english = MessageDrafts.Review(message with { Labels = null, Why = "We want every student to have the support they need." }, DemoVision.Content, [Channel.Email]);
        Assert.Contains(english.Report.Blocking, v => v.Code == GuardrailCodes.Untranslated && v.Section == MessageSection.Why);
        Assert.Contains(english.Report.Blocking, v => v.Code == GuardrailCodes.Untranslated && v.Channel == Channel.Email);
        // An ungrounded number is caught whatever the language.
        var number = MessageDrafts.Review(message with { Why = message.Why + " 95% học sinh." }, DemoVision.Content, [Channel.Email]);
        Assert.Contains(number.Report.Blocking, v => v.Code == GuardrailCodes.UngroundedNumber);
    }

    [Fact]
    public void The_template_fallback_for_another_language_is_blocked_as_untranslated()
    {
        Assert.True(MessageLanguage.TryParse("vi", out var vi));
        var composed = TemplateMessageComposerFor(vi);
        Assert.Equal(vi, composed.Message.Language);
        Assert.Contains(composed.Report.Blocking, v => v.Code == GuardrailCodes.Untranslated);
    }

    private static MessageDraft TemplateMessageComposerFor(MessageLanguage language)
    {
        var message = TemplateComposer.Compose(DemoVision.Content, Audience.Parents, Language.En) with { Language = language };
        return MessageDrafts.Review(message, DemoVision.Content, [Channel.Email]);
    }
}
