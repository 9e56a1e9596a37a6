using PlComms.Messages;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.UnitTests.Messages;

public class TemplateComposerTests
{
    private static readonly VisionContent Demo = DemoVision.Content;

    private static Dictionary<string, string> Es(string text) => new(StringComparer.Ordinal) { ["es"] = text };

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
    public void Spanish_is_written_in_Spanish_from_the_visions_Spanish_wording()
    {
        var es = TemplateComposer.Compose(Demo, Audience.Parents, Language.Es);

        Assert.Equal("Lo que el aprendizaje personalizado significa para su hijo o hija", es.Headline);
        Assert.StartsWith("Queremos que cada estudiante tenga el apoyo que necesita", es.Why, StringComparison.Ordinal);
        Assert.Contains("El plan del distrito se enfoca en los estudiantes de nuestras escuelas con más bajo rendimiento.", es.Why, StringComparison.Ordinal);
        Assert.Contains("A corto plazo, esperamos ver una mayor participación de los estudiantes.", es.Why, StringComparison.Ordinal);
        Assert.Contains("pero no lo reemplaza", es.WhatItMeansForYou, StringComparison.Ordinal);
        // The shifts are the vision's own Spanish, word for word.
        Assert.Equal([Demo.Shifts[0].Translations!["es"].Changes, Demo.Shifts[1].Translations!["es"].Changes], es.WhatChanges);
        Assert.DoesNotContain("«", es.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_without_Spanish_wording_is_quoted_as_written_and_blocks_naming_the_item()
    {
        var vision = Demo with { Focus = [new FocusItem(FocusCategory.AchievementGaps, "students in our lowest performing schools")] };
        var draft = MessageDrafts.Compose(vision, Audience.Parents, Language.Es);

        Assert.Contains("El plan del distrito se enfoca en «students in our lowest performing schools».", draft.Message.Why, StringComparison.Ordinal);
        var violation = Assert.Single(draft.Report.Blocking);
        Assert.Equal(GuardrailCodes.Untranslated, violation.Code);
        Assert.Equal(MessageSection.Why, violation.Section);
        Assert.Equal("Add a Spanish translation for focus item 1 'students in our lowest performing schools' (focus[0].translations.es in the vision).", violation.Suggestion);
    }

    [Fact]
    public void Catalog_suggestions_read_in_family_wording_to_families_and_in_the_seeds_wording_to_teachers()
    {
        var vision = Demo with
        {
            Focus = [new FocusItem(FocusCategory.GradesOrSubjects, "Students in STEM courses")],
            ShortTermImpacts = [new Impact("Increased enrollment in advanced coursework", null, 1)],
        };
        var parents = TemplateComposer.Compose(vision, Audience.Parents, Language.En);
        var teachers = TemplateComposer.Compose(vision, Audience.Teachers, Language.En);
        var parentsEs = TemplateComposer.Compose(vision, Audience.Parents, Language.Es);
        var teachersEs = TemplateComposer.Compose(vision, Audience.Teachers, Language.Es);

        Assert.Contains("Our focus is on students in science, technology, engineering and math classes.", parents.Why, StringComparison.Ordinal);
        Assert.Contains("In the short term, we hope to see more students taking advanced classes.", parents.Why, StringComparison.Ordinal);
        Assert.Contains("Our focus is on students in STEM courses.", teachers.Why, StringComparison.Ordinal);
        Assert.Contains("In the short term, we hope to see increased enrollment in advanced coursework.", teachers.Why, StringComparison.Ordinal);
        Assert.Contains("esperamos ver más estudiantes en clases avanzadas", parentsEs.Why, StringComparison.Ordinal);
        Assert.Contains("esperamos ver mayor inscripción en cursos avanzados", teachersEs.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Spanish_lists_use_no_serial_comma()
    {
        var vision = Demo with { ShortTermImpacts = [new("a", null, null, Es("x")), new("b", null, null, Es("y")), new("c", null, null, Es("z"))] };
        var es = TemplateComposer.Compose(vision, Audience.Parents, Language.Es);
        Assert.Contains("x, y y z", es.Why, StringComparison.Ordinal);
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
    public void An_audience_without_a_shift_hears_what_the_vision_says_for_it_elsewhere()
    {
        // Only the teachers' shift, which speaks to teachers ("You can expect"), so it is not restated for families.
        // The vision's "increased student engagement" and "student choice" touch how students learn (seed 001), and the
        // teachers' shift what (standards) and when (pacing): families get the playbook's lines for those themes.
        var vision = Demo with { Shifts = [Demo.Shifts[2]] };
        var draft = MessageDrafts.Compose(vision, Audience.Parents, Language.En);
        var lines = AudiencePlaybooks.Parents.Classroom;

        Assert.Equal(
            [.. lines.Where(l => l.Theme != ClassroomThemes.Assessment).Select(l => l.Changes.Text.En)],
            draft.Message.WhatChanges);
        Assert.Contains("How your child learns will fit your child's needs and interests better.", draft.Message.WhatChanges);
        Assert.Equal(
            [.. lines.Where(l => l.Theme != ClassroomThemes.Assessment).Select(l => l.StaysTheSame.Text.En)],
            draft.Message.WhatStaysTheSame);
        Assert.DoesNotContain(draft.Message.WhatChanges, i => i.Contains("You can expect", StringComparison.Ordinal));
        Assert.True(draft.Report.Passes, string.Join("; ", draft.Report.Blocking.Select(v => v.Message)));
    }

    [Fact]
    public void Students_and_community_partners_hear_the_families_shifts_written_about_students()
    {
        var vision = Demo with { Shifts = [Demo.Shifts[1] with { Audiences = [Audience.Parents] }, Demo.Shifts[2]] };
        var students = TemplateComposer.Compose(vision, Audience.Students, Language.En);
        var community = TemplateComposer.Compose(vision, Audience.Community, Language.Es);

        Assert.Equal(Demo.Shifts[1].Changes, students.WhatChanges[0]);
        Assert.Equal(Demo.Shifts[1].StaysTheSame, students.WhatStaysTheSame[0]);
        Assert.Equal(Demo.Shifts[1].Translations!["es"].Changes, community.WhatChanges[0]);
        Assert.DoesNotContain(students.WhatChanges, i => i.Contains("You can expect", StringComparison.Ordinal));
    }

    [Fact]
    public void A_support_that_touches_families_is_restated_for_them_when_they_have_no_shift()
    {
        var vision = Demo with
        {
            Shifts = [],
            Supports = [new SupportItem(ImplementationPhase.EarlyImplementation,
                "Communicating about implementation, changes, successes, and lessons learned with invested stakeholder groups")],
        };
        var parents = TemplateComposer.Compose(vision, Audience.Parents, Language.En);
        Assert.Equal("The plan includes telling families and partners about the changes, what works and what we learn.", parents.WhatChanges[0]);
    }

    [Fact]
    public void A_list_the_vision_gives_nothing_for_blocks_and_says_what_to_add()
    {
        var vision = Demo with { ShortTermImpacts = [], LongTermImpacts = [], Supports = [], Shifts = [] };
        var draft = MessageDrafts.Compose(vision, Audience.Parents, Language.En);

        Assert.Empty(draft.Message.WhatChanges);
        var missing = Assert.Single(draft.Report.Blocking, v => v.Code == GuardrailCodes.SectionMissing && v.Section == MessageSection.WhatChanges);
        Assert.StartsWith("Add a shift for families (or one for everyone) to the vision", missing.Suggestion, StringComparison.Ordinal);
        Assert.Contains("what, how, when or where students learn", missing.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void Composition_is_deterministic()
    {
        var first = MessageDrafts.ComposeAll(Demo, "Ana Ruiz, 555-0100").Select(MessageFixtures.Snapshot).ToList();
        var second = MessageDrafts.ComposeAll(Demo, "Ana Ruiz, 555-0100").Select(MessageFixtures.Snapshot).ToList();
        Assert.Equal(first, second);
    }

    [Fact]
    public void The_catalogs_vocabulary_in_the_districts_own_words_is_jargon_for_families_but_not_for_teachers()
    {
        var vision = Demo with { ShortTermImpacts = [new Impact("credit accrual for ninth graders", null, 1, Es("acumulación de créditos en noveno grado"))] };
        var parents = MessageDrafts.Compose(vision, Audience.Parents, Language.En);
        var teachers = MessageDrafts.Compose(vision, Audience.Teachers, Language.En);
        var parentsEs = MessageDrafts.Compose(vision, Audience.Parents, Language.Es);

        var jargon = Assert.Single(parents.Report.Blocking, v => v.Code == GuardrailCodes.Jargon && v.Section == MessageSection.Why);
        Assert.Equal("earning credits toward graduation", jargon.Suggestion);
        Assert.Contains(parentsEs.Report.Blocking, v => v.Code == GuardrailCodes.Jargon && v.Suggestion == "obtener créditos para graduarse");
        Assert.DoesNotContain(teachers.Report.Violations, v => v.Code == GuardrailCodes.Jargon);
    }
}
