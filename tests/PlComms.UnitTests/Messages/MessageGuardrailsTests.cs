using PlComms.Messages;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.UnitTests.Messages;

public class MessageGuardrailsTests
{
    private static readonly VisionContent Demo = DemoVision.Content;

    private static GuardrailReport Check(StructuredMessage message, VisionContent? vision = null) =>
        MessageDrafts.Review(message, vision ?? Demo).Report;

    [Fact]
    public void Jargon_in_the_visions_shift_blocks_with_a_plain_replacement()
    {
        var vision = MessageFixtures.DemoWithShift("Students will spend part of each day in blended learning.");
        var english = MessageDrafts.Compose(vision, Audience.Parents, Language.En).Report;
        var spanish = MessageDrafts.Compose(vision, Audience.Parents, Language.Es).Report;

        var en = Assert.Single(english.Blocking, v => v.Code == GuardrailCodes.Jargon);
        Assert.Equal(MessageSection.WhatChanges, en.Section);
        Assert.Equal("learning that mixes time with the teacher and time online", en.Suggestion);
        var es = Assert.Single(spanish.Blocking, v => v.Code == GuardrailCodes.Jargon);
        Assert.Equal("aprendizaje que combina tiempo con el maestro y tiempo en línea", es.Suggestion);
    }

    [Theory]
    [InlineData("We want to see 21st-century skills.", "21st-century skills")]
    [InlineData("Students build higher-order thinking skills.", "higher-order thinking skills")]
    [InlineData("Grading becomes competency based.", "competency-based")]
    [InlineData("Teachers use multiple modalities.", "modalities")]
    [InlineData("We honor learner variability.", "learner variability")]
    [InlineData("Supports follow our MTSS.", "MTSS")]
    [InlineData("Each student gets a PLP.", "PLP")]
    [InlineData("El aprendizaje será basado en competencias.", "competency-based")]
    public void Each_listed_jargon_term_is_caught(string why, string term)
    {
        var report = Check(MessageFixtures.ParentsEnglish() with { Why = why });
        Assert.Contains(report.Blocking, v => v.Code == GuardrailCodes.Jargon && v.Message.Contains($"({term})", StringComparison.Ordinal));
    }

    [Fact]
    public void Ordinary_words_that_contain_an_acronym_are_not_jargon()
    {
        var report = Check(MessageFixtures.ParentsEnglish() with { Why = "We help ourselves, and self-regulation grows. We explain a plan." });
        Assert.DoesNotContain(report.Violations, v => v.Code == GuardrailCodes.Jargon);
    }

    [Fact]
    public void A_number_the_vision_does_not_state_blocks()
    {
        var edited = MessageFixtures.ParentsEnglish() with { Why = MessageFixtures.ParentsEnglish().Why + " 95% of students will improve." };
        var violation = Assert.Single(Check(edited).Blocking, v => v.Code == GuardrailCodes.UngroundedNumber);
        Assert.Equal(MessageSection.Why, violation.Section);
        Assert.Contains("“95”", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_from_an_impacts_metric_is_grounded()
    {
        var vision = Demo with { ShortTermImpacts = [new Impact("improved attendance", "attendance from 90% to 95%", 1)] };
        var edited = MessageFixtures.ParentsEnglish(vision) with { Why = "We hope attendance rises to 95% this year." };
        Assert.DoesNotContain(Check(edited, vision).Violations, v => v.Code == GuardrailCodes.UngroundedNumber);
    }

    [Fact]
    public void A_name_the_vision_does_not_state_blocks_but_a_sentence_start_does_not()
    {
        var edited = MessageFixtures.ParentsEnglish() with { NextStep = "Visit Lincoln Elementary on Monday. Students will show their work." };
        var names = Check(edited).Blocking.Where(v => v.Code == GuardrailCodes.UngroundedName).Select(v => v.Message).ToList();
        Assert.Equal(3, names.Count);
        Assert.Contains(names, n => n.Contains("“Lincoln”", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("“Elementary”", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("“Monday”", StringComparison.Ordinal));
    }

    [Fact]
    public void An_acronym_is_checked_even_at_a_sentence_start()
    {
        var edited = MessageFixtures.ParentsEnglish() with { Why = "NWEA results will rise." };
        Assert.Contains(Check(edited).Blocking, v => v.Code == GuardrailCodes.UngroundedName && v.Message.Contains("“NWEA”", StringComparison.Ordinal));
    }

    [Fact]
    public void The_contact_line_is_the_districts_configuration_and_is_not_grounding_checked()
    {
        var draft = MessageDrafts.Compose(Demo, Audience.Parents, Language.En, "Ana Ruiz, Family Liaison, 555-0100");
        Assert.DoesNotContain(draft.Report.Violations, v => v.Code is GuardrailCodes.UngroundedName or GuardrailCodes.UngroundedNumber);
    }

    [Fact]
    public void Empty_sections_block()
    {
        var report = Check(MessageFixtures.ParentsEnglish() with { NextStep = " ", WhatStaysTheSame = [] });
        Assert.Contains(report.Blocking, v => v.Code == GuardrailCodes.SectionMissing && v.Section == MessageSection.NextStep);
        Assert.Contains(report.Blocking, v => v.Code == GuardrailCodes.SectionMissing && v.Section == MessageSection.WhatStaysTheSame);
    }

    [Fact]
    public void Prose_above_the_audiences_grade_blocks_for_parents_but_not_for_teachers()
    {
        // Grade 14 on its own; with the rest of the prose the parents' message reads near grade 9
        // (over their 8) and the teachers' near grade 10.6 (under their 12).
        const string why = "Our district is changing how teachers plan lessons, because individual students learn at different speeds and in different ways that traditional classrooms miss.";
        Assert.InRange(Readability.FleschKincaidGrade(why), 13, 16);

        var parents = Check(MessageFixtures.ParentsEnglish() with { Why = why, WhatItMeansForYou = why });
        var teachers = Check(TemplateComposer.Compose(Demo, Audience.Teachers, Language.En) with { Why = why, WhatItMeansForYou = why });
        Assert.Contains(parents.Blocking, v => v.Code == GuardrailCodes.ReadingLevel);
        Assert.DoesNotContain(teachers.Violations, v => v.Code == GuardrailCodes.ReadingLevel);
    }

    [Fact]
    public void Hard_Spanish_prose_blocks_on_Fernandez_Huerta()
    {
        var spanish = TemplateComposer.Compose(Demo, Audience.Parents, Language.Es) with
        {
            WhatItMeansForYou = "La implementación institucional de metodologías individualizadas necesariamente conlleva transformaciones organizacionales considerablemente complejas.",
        };
        Assert.Contains(Check(spanish).Blocking, v => v.Code == GuardrailCodes.ReadingLevel);
    }

    [Fact]
    public void A_subject_with_a_line_break_blocks()
    {
        var report = Check(MessageFixtures.ParentsEnglish() with { Headline = "News\r\nBcc: everyone@example.org" });
        Assert.Contains(report.Blocking, v => v.Code == GuardrailCodes.SubjectInvalid);
    }

    [Fact]
    public void Impacts_without_metrics_warn_but_do_not_block()
    {
        var report = MessageDrafts.Compose(Demo, Audience.Board, Language.En).Report;
        var warning = Assert.Single(report.Warnings, v => v.Code == GuardrailCodes.MetricMissing);
        Assert.Contains("increased student engagement", warning.Message, StringComparison.Ordinal);
        Assert.True(report.Passes);
    }
}
