using PlComms.Messages;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.UnitTests.Messages;

public class TemplateComposerTests
{
    private static readonly VisionContent Demo = DemoVision.Content;

    [Fact]
    public void Each_audience_gets_the_shifts_tagged_for_it_or_for_no_one()
    {
        var vision = MessageFixtures.DemoWithShift("Report cards will show progress on each skill.", "Report cards still come home each term.");
        var teachers = TemplateComposer.Compose(vision, Audience.Teachers, Language.En);
        var parents = TemplateComposer.Compose(vision, Audience.Parents, Language.En);

        Assert.Equal(
            ["You can expect much more individualized and independent learning activities as well as much more flexibility in pacing.",
             "Report cards will show progress on each skill."],
            teachers.WhatChanges);
        Assert.Equal(
            ["How students learn will be more tailored to their individual needs and interests.",
             "Students will have more opportunities to practice and develop self-regulation, communication, and reflection skills.",
             "Report cards will show progress on each skill."],
            parents.WhatChanges);
        Assert.Equal(["What students learn will stay the same.", "The learning standards stay the same.", "Report cards still come home each term."],
            parents.WhatStaysTheSame);
    }

    [Fact]
    public void The_board_sees_every_shift_labelled_with_whom_it_concerns()
    {
        var board = TemplateComposer.Compose(Demo, Audience.Board, Language.En);
        Assert.Equal(3, board.WhatChanges.Count);
        Assert.Contains("For teachers: You can expect much more individualized and independent learning activities as well as much more flexibility in pacing.", board.WhatChanges);
        Assert.StartsWith("For families, community partners, and students: ", board.WhatChanges[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parent_and_teacher_messages_differ_beyond_the_greeting()
    {
        var parents = TemplateComposer.Compose(Demo, Audience.Parents, Language.En);
        var teachers = TemplateComposer.Compose(Demo, Audience.Teachers, Language.En);

        Assert.NotEqual(parents.Headline, teachers.Headline);
        Assert.NotEqual(parents.WhatChanges, teachers.WhatChanges);
        Assert.NotEqual(parents.WhatStaysTheSame, teachers.WhatStaysTheSame);
        Assert.NotEqual(parents.Why, teachers.Why);
        Assert.NotEqual(parents.WhatItMeansForYou, teachers.WhatItMeansForYou);
        Assert.NotEqual(parents.NextStep, teachers.NextStep);
        // Teachers are told about the supports for them; parents are told teachers still lead.
        Assert.Contains("offering professional development to teachers on student choice and differentiation", teachers.WhatItMeansForYou, StringComparison.Ordinal);
        Assert.DoesNotContain("professional development", parents.WhatItMeansForYou, StringComparison.Ordinal);
        Assert.Contains("does not replace teachers", parents.WhatItMeansForYou, StringComparison.Ordinal);
    }

    [Fact]
    public void Why_joins_the_playbook_lead_to_the_visions_focus_and_impacts()
    {
        var parents = TemplateComposer.Compose(Demo, Audience.Parents, Language.En);
        Assert.Equal(
            "We want every student to have the support they need to succeed. Our focus is on students in our lowest performing schools. " +
            "In the short term, we hope to see increased student engagement. In the long term, we hope to see increased academic growth.",
            parents.Why);
    }

    [Fact]
    public void The_boards_message_carries_success_criteria_with_metrics_and_the_timeline_by_phase()
    {
        var vision = Demo with { LongTermImpacts = [new Impact("increased academic growth", "share of students meeting growth targets", 1)] };
        var board = TemplateComposer.Compose(vision, Audience.Board, Language.En);

        Assert.Contains("Short-term success criterion: increased student engagement (metric not yet set).", board.WhatItMeansForYou, StringComparison.Ordinal);
        Assert.Contains("Long-term success criterion: increased academic growth (measured by share of students meeting growth targets).", board.WhatItMeansForYou, StringComparison.Ordinal);
        Assert.Contains("Phase I, Planning and Design: conducting a needs assessment (including a deep dive into student data).", board.WhatItMeansForYou, StringComparison.Ordinal);
        Assert.Contains("Some results take more time than others.", board.WhatItMeansForYou, StringComparison.Ordinal);
    }

    [Fact]
    public void Spanish_is_written_in_Spanish_and_quotes_the_visions_words_as_written()
    {
        var es = TemplateComposer.Compose(Demo, Audience.Parents, Language.Es);

        Assert.Equal("Lo que el aprendizaje personalizado significa para su hijo o hija", es.Headline);
        Assert.StartsWith("Queremos que cada estudiante tenga el apoyo que necesita", es.Why, StringComparison.Ordinal);
        Assert.Contains("El plan del distrito se enfoca en «students in our lowest performing schools».", es.Why, StringComparison.Ordinal);
        Assert.Contains("A corto plazo, esperamos ver «increased student engagement».", es.Why, StringComparison.Ordinal);
        Assert.Contains("pero no lo reemplaza", es.WhatItMeansForYou, StringComparison.Ordinal);
        // The vision's shifts stay word for word; the renderers' Spanish headings say they come from the plan.
        Assert.Equal(TemplateComposer.Compose(Demo, Audience.Parents, Language.En).WhatChanges, es.WhatChanges);
    }

    [Fact]
    public void Spanish_lists_use_no_serial_comma()
    {
        var vision = Demo with { ShortTermImpacts = [new("a", null, null), new("b", null, null), new("c", null, null)] };
        var es = TemplateComposer.Compose(vision, Audience.Parents, Language.Es);
        Assert.Contains("«a», «b» y «c»", es.Why, StringComparison.Ordinal);
        Assert.Contains("a, b, and c", TemplateComposer.Compose(vision, Audience.Parents, Language.En).Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Students_are_addressed_as_tu_in_Spanish()
    {
        var es = TemplateComposer.Compose(Demo, Audience.Students, Language.Es);
        Assert.Contains("Tus maestros te seguirán guiando.", es.WhatItMeansForYou, StringComparison.Ordinal);
        Assert.StartsWith("Cuéntale", es.NextStep, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, Language.En, "Contact: the district office")]
    [InlineData("  ", Language.Es, "Contacto: la oficina del distrito")]
    [InlineData("Ana Ruiz, ana.ruiz@example.org, 555-0100.", Language.En, "Contact: Ana Ruiz, ana.ruiz@example.org, 555-0100")]
    [InlineData("Ana Ruiz, 555-0100", Language.Es, "Contacto: Ana Ruiz, 555-0100")]
    public void Contact_line_names_the_district_contact_or_the_district_office(string? contact, Language language, string expected) =>
        Assert.Equal(expected, TemplateComposer.Compose(Demo, Audience.Parents, language, contact).ContactLine);

    [Fact]
    public void An_audience_without_a_shift_gets_an_empty_list_which_blocks_approval()
    {
        var vision = Demo with { Shifts = [Demo.Shifts[2]] }; // for teachers only
        var draft = MessageDrafts.Compose(vision, Audience.Parents, Language.En);

        Assert.Empty(draft.Message.WhatChanges);
        Assert.Contains(draft.Report.Blocking, v => v.Code == GuardrailCodes.SectionMissing && v.Section == MessageSection.WhatChanges);
    }

    [Fact]
    public void Composition_is_deterministic()
    {
        var first = MessageDrafts.ComposeAll(Demo, "Ana Ruiz, 555-0100").Select(MessageFixtures.Snapshot).ToList();
        var second = MessageDrafts.ComposeAll(Demo, "Ana Ruiz, 555-0100").Select(MessageFixtures.Snapshot).ToList();
        Assert.Equal(first, second);
    }
}
