using PlComms.Shared;

namespace PlComms.Messages;

public static partial class AudiencePlaybooks
{
    /// <summary>
    /// Students are addressed directly (Spanish uses "tú"). Seed 004: personalized learning is not
    /// students alone behind computers, and learners get more voice in how they learn. Seed 002:
    /// students are guided by their teachers and are neither held back nor rushed.
    /// </summary>
    public static AudiencePlaybook Students { get; } = new(
        Audience.Students,
        Name: new("students", "estudiantes"),
        CaresAbout:
        [
            new("004", "Learners take ownership of their learning, having more choice and a greater voice in what, how, when, and where they learn."),
            new("002", "school becomes a place where they want to be"),
            new("003", "How might we support each student in understanding and articulating his/her interests and aspirations?"),
        ],
        Fears:
        [
            new("004", "Personalized learning is not an isolation chamber of students in cubicles behind computers."),
            new("002", "It doesn't slow down students who are gifted, and doesn't rush students struggling to keep up with the rhythm."),
            new("002", "The student who was regularly bored in math because it was too easy"),
        ],
        Stress:
        [
            new(new("Your teachers will still guide you.", "Tus maestros te seguirán guiando."),
                new("002", "with the teacher's guidance, students in personalized learning classrooms move at their own pace")),
            new(new("Personalized learning is not about sitting alone at a computer.",
                    "No se trata de estar solo frente a una computadora."),
                new("004", "Personalized learning is not an isolation chamber of students in cubicles behind computers.")),
            new(new("Your interests and goals matter.", "Tus intereses y tus metas importan."),
                new("004", "Learners take ownership of their learning, having more choice and a greater voice in what, how, when, and where they learn.")),
        ],
        ReadingGradeCeiling: 8,
        Emphasis: [MessageSection.WhatChanges, MessageSection.WhatItMeansForYou, MessageSection.WhatStaysTheSame, MessageSection.Why],
        Details: VisionDetails.None,
        SeesAllShifts: false,
        Headline: new("Personalized learning: what it means for you",
                      "Aprendizaje personalizado: lo que significa para ti"),
        WhyLead: new(new("We want every student to get the support they need to succeed.",
                         "Queremos que cada estudiante tenga el apoyo que necesita para aprender."),
                     CommitmentQuote),
        WhatItMeansLabel: new("What it means for you", "Lo que significa para ti"),
        CallToAction: new(new("Tell your teacher what you like and how you learn best.",
                              "Cuéntale a tu maestro qué te gusta y de qué manera aprendes mejor."),
                          new("003", "How might we support each student in understanding and articulating his/her interests and aspirations?")));
}
