using PlComms.Shared;

namespace PlComms.Messages;

public static partial class AudiencePlaybooks
{
    /// <summary>
    /// Seed 002, risk 5: boards often do not know the criteria by which success will be measured,
    /// nor the difference between "this is not working" and "this just takes more time", and
    /// withdraw their support. So the board's message leads with why, then carries the success
    /// criteria (the vision's impacts and metrics) and the timeline (its supports by phase).
    /// </summary>
    public static AudiencePlaybook Board { get; } = new(
        Audience.Board,
        Name: new("school board members", "miembros de la junta escolar"),
        CaresAbout:
        [
            new("000", "For decisionmakers, systematically defining the intended focus and impact of personalized learning efforts in a vision statement can help determine the scope of necessary implementation support."),
            new("002", "Considering how much change a district can experience, and the level of investment of both time and money it requires, it makes sense that you want to know: is this working?"),
            new("002", "district and school leaders may be unable to identify early wins that would help them increase buy-in across the district and with parents and school board"),
        ],
        Fears:
        [
            new("002", "Many times the school board does not understand the criteria by which the district will measure the success of the work."),
            new("002", "They do not know the difference between “this is not working” and “this just takes more time,” and withdraw their support."),
            new("002", "While end-of-year measures are important, they can falsely imply a binary outcome: you are either successful or you are not."),
        ],
        Stress:
        [
            new(new("Some results take more time than others. The short-term impacts are the early signs; the long-term impacts take longer to show.",
                    "Algunos resultados tardan más que otros. Los impactos a corto plazo son las primeras señales; los de largo plazo tardan más en verse."),
                new("002", "They do not know the difference between “this is not working” and “this just takes more time,” and withdraw their support.")),
            new(new("End-of-year test results matter, but they are not the only sign of progress.",
                    "Los resultados de las pruebas de fin de año importan, pero no son la única señal de progreso."),
                new("002", "While end-of-year measures are important, they can falsely imply a binary outcome: you are either successful or you are not.")),
        ],
        ReadingGradeCeiling: 12,
        Emphasis: [MessageSection.Why, MessageSection.WhatItMeansForYou, MessageSection.WhatChanges, MessageSection.WhatStaysTheSame],
        Details: VisionDetails.SuccessCriteria | VisionDetails.Timeline,
        SeesAllShifts: true,
        Headline: new("Personalized learning: success criteria and timeline",
                      "Aprendizaje personalizado: criterios de éxito y calendario"),
        WhyLead: CommitmentLead,
        WhatItMeansLabel: new("Success criteria and timeline", "Criterios de éxito y calendario"),
        CallToAction: new(new("Review the success criteria and timeline, and tell us what evidence you want to see at each phase.",
                              "Revise los criterios de éxito y el calendario, y cuéntenos qué evidencia quiere ver en cada fase."),
                          new("002", "Many times the school board does not understand the criteria by which the district will measure the success of the work.")));
}
