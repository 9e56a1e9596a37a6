using PlComms.Shared;

namespace PlComms.Messages;

public static partial class AudiencePlaybooks
{
    /// <summary>
    /// Seed 000: tell parents what stays the same, not only the outcomes, so "what stays the same"
    /// leads. Seed 002: families who hear only about devices think "teachers aren't doing their
    /// job", so the teacher's role is stressed. Seed 004: grading and college admission worry some
    /// parents; nothing in a vision settles that, so the message invites the question instead of
    /// answering it.
    /// </summary>
    public static AudiencePlaybook Parents { get; } = new(
        Audience.Parents,
        // Seeds 002 and 004 speak of "families"; one word keeps lists of audiences readable ("for families and community partners").
        Name: new("families", "familias"),
        CaresAbout:
        [
            new("000", "For parents, consider communicating not only what the positive outcomes are for students, but also what will stay the same."),
            new("002", "Or if I’m a parent, I don’t know how my child’s experience will be different – much less improved – than before."),
            new("002", "in ways less steeped in education jargon and practices"),
            PartnersQuote,
        ],
        Fears:
        [
            new("002", "teachers aren’t doing their job!"),
            new("002", "Families may only hear about the infusion of technology into classrooms, not the pedagogical changes, and think that students are not getting sufficient instruction from teachers"),
            new("004", "Some parents wonder if aspects of personalized learning such as standards-based grading will negatively impact their child's ability to gain admission to a selective college."),
        ],
        Stress:
        [
            new(new("Teachers still lead the learning. Personalized learning changes the teacher's role, but it does not replace teachers.",
                    "Los maestros siguen a cargo de la clase. El aprendizaje personalizado cambia el papel del maestro, pero no lo reemplaza."),
                TeacherRoleQuote),
            TechnologyIsATool,
            new(new("You are a partner in your child's learning.",
                    "Usted es parte del aprendizaje de su hijo o hija."),
                PartnersQuote),
            new(new("If you have questions about grades or college, please ask us.",
                    "¿Tiene preguntas sobre las calificaciones o la universidad? Pregúntenos."),
                new("004", "Some parents wonder if aspects of personalized learning such as standards-based grading will negatively impact their child's ability to gain admission to a selective college.")),
        ],
        ReadingGradeCeiling: 8,
        Emphasis: [MessageSection.WhatStaysTheSame, MessageSection.WhatChanges, MessageSection.Why, MessageSection.WhatItMeansForYou],
        Details: VisionDetails.None,
        SeesAllShifts: false,
        Headline: new("What personalized learning means for your child",
                      "Lo que el aprendizaje personalizado significa para su hijo o hija"),
        WhyLead: new(new("We want every student to have the support they need to succeed.",
                         "Queremos que cada estudiante tenga el apoyo que necesita para salir adelante."),
                     CommitmentQuote),
        WhatItMeansLabel: new("What it means for your family", "Lo que significa para su familia"),
        CallToAction: new(new("Questions? Ask your child's teacher or contact us.",
                              "¿Preguntas? Hable con el maestro de su hijo o hija, o con nosotros."),
                          TwoWayQuote));
}
