using PlComms.Shared;

namespace PlComms.Messages;

public static partial class AudiencePlaybooks
{
    /// <summary>
    /// Seed 000: tell community partners which knowledge and skills personalized learning supports,
    /// so "what changes" leads. Seed 002: device decisions draw the most publicity and poor
    /// communication breeds opposition. Seed 004: the community is a partner in learning that
    /// happens outside the classroom too.
    /// </summary>
    public static AudiencePlaybook Community { get; } = new(
        Audience.Community,
        Name: new("community partners", "socios comunitarios"),
        CaresAbout:
        [
            new("000", "For parents and community partners, consider communicating the specific knowledge and skills personalized learning will support."),
            new("002", "We hear consistently from employers that they look for people who are self-directed."),
            new("002", "Districts have to talk to families about personalized learning in a way that ensures the community can see the vision, the need for change, and ultimately champion the idea of personalizing learning for students."),
        ],
        Fears:
        [
            new("002", "They may worry that parents and community members will object to providing elementary school students with additional devices or technology before high schoolers"),
            new("002", "Poor device decisions often attract the most publicity"),
            new("002", "Poor communication can lead to unmanageable expectations, confusion, and opposition to change."),
        ],
        Stress:
        [
            new(new("Learning can happen outside the classroom, too.",
                    "El aprendizaje también puede ocurrir fuera del aula."),
                new("004", "They also can encourage the belief that learning occurs outside of the classroom as well, and provide ideas on how to make that happen.")),
            new(new("The community is a partner in learning.",
                    "La comunidad es parte del aprendizaje."),
                PartnersQuote),
            TechnologyIsATool,
        ],
        ReadingGradeCeiling: 8,
        Emphasis: [MessageSection.WhatChanges, MessageSection.Why, MessageSection.WhatStaysTheSame, MessageSection.WhatItMeansForYou],
        Details: VisionDetails.None,
        SeesAllShifts: false,
        Headline: new("How our schools are personalizing learning",
                      "Lo que cambia en nuestras escuelas"),
        WhyLead: new(new("We want all students to have the support they need to succeed.",
                         "Queremos que todos los estudiantes tengan el apoyo que necesitan para aprender."),
                     CommitmentQuote),
        WhatItMeansLabel: new("What it means for our community", "Lo que significa para nuestra comunidad"),
        CallToAction: new(new("Share your ideas and questions with us.",
                              "Comparta con nosotros sus ideas y preguntas."),
                          TwoWayQuote));
}
