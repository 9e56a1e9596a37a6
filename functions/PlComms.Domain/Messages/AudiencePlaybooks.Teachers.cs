using PlComms.Shared;

namespace PlComms.Messages;

public static partial class AudiencePlaybooks
{
    /// <summary>
    /// Seed 000: tell teachers what changes in their primary responsibilities, so "what changes"
    /// leads. Seed 002: jargon leaves a teacher not knowing what to do differently, and teachers may
    /// assume technology will replace them. Seed 004: teachers need time and support to learn, so
    /// the vision's supports are listed for them.
    /// </summary>
    public static AudiencePlaybook Teachers { get; } = new(
        Audience.Teachers,
        Name: new("teachers", "docentes"),
        CaresAbout:
        [
            new("000", "For teachers, consider communicating what the specific changes are to their primary responsibilities as instructors."),
            new("002", "you may be thinking about your classroom design, what tools and curriculum you will be using, and how you will be managing the students and allocating time to each one of them"),
            new("004", "Teachers need their own personalized path to learn, as well as the flexibility, encouragement, and time for professional learning."),
        ],
        Fears:
        [
            new("002", "But if I’m a teacher, I don’t know what I should be doing differently."),
            new("002", "Technology is not being introduced to replace teachers, as some might assume."),
            new("002", "There is a real risk that introducing personalized learning will be seen as “just another initiative,”"),
            new("002", "school leaders and teachers are unclear on expectations and how the new instructional model “fits in” with what they were already doing"),
        ],
        Stress:
        [
            new(new(TeacherRoleQuote.Text,
                    "El aprendizaje personalizado redefine el papel del docente, pero no reemplaza a los docentes."),
                TeacherRoleQuote),
            new(new("The first step is knowing your students well.",
                    "El primer paso es conocer bien a sus estudiantes."),
                new("002", "first step to personalize learning, is knowing your students")),
            new(new("Teachers need time and support to learn new ways of working. We want to hear what you need.",
                    "Los docentes necesitan tiempo y apoyo para aprender nuevas formas de trabajar. Queremos saber qué necesita usted."),
                new("004", "Teachers need their own personalized path to learn, as well as the flexibility, encouragement, and time for professional learning.")),
        ],
        ReadingGradeCeiling: 12,
        Emphasis: [MessageSection.WhatChanges, MessageSection.WhatStaysTheSame, MessageSection.WhatItMeansForYou, MessageSection.Why],
        Details: VisionDetails.Supports,
        SeesAllShifts: false,
        Headline: new("Personalized learning: what changes in your classroom",
                      "Aprendizaje personalizado: lo que cambia en su aula"),
        WhyLead: CommitmentLead,
        WhatItMeansLabel: new("What it means for your work", "Lo que significa para su trabajo"),
        CallToAction: new(new("Tell us what support you need and what questions you have.",
                              "Cuéntenos qué apoyo necesita y qué preguntas tiene."),
                          new("002", "a teacher “listening tour” at the beginning and mid-way points of your implementation efforts can highlight communications successes or problems")));
}
