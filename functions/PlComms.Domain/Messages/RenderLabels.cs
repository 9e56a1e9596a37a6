namespace PlComms.Messages;

/// <summary>
/// Headings the channel renderers add. The Spanish list headings say the items come from the
/// district's plan, because they are the vision's words as the officer wrote them.
/// </summary>
public sealed record RenderLabels(
    string WhatChanges,
    string WhatStaysTheSame,
    string Why,
    string NextStep,
    string TalkingPointsTitle,
    string TalkingPointsFor,
    string KeyMessages,
    string SuccessCriteria,
    string ShortTerm,
    string LongTerm,
    string MetricNotSet,
    string Timeline,
    string PhaseHeading,
    string AskedIfWorking)
{
    public static RenderLabels English { get; } = new(
        WhatChanges: "What changes",
        WhatStaysTheSame: "What stays the same",
        Why: "Why",
        NextStep: "Next step",
        TalkingPointsTitle: "Talking points: {0}",
        TalkingPointsFor: "For principals and other messengers speaking with {0}.",
        KeyMessages: "Key messages",
        SuccessCriteria: "Success criteria (how we will know it is working)",
        ShortTerm: "Short term",
        LongTerm: "Long term",
        MetricNotSet: "metric not yet set",
        Timeline: "Timeline (supports by phase)",
        PhaseHeading: "Phase {0}, {1}",
        AskedIfWorking: "If someone asks whether it is working");

    public static RenderLabels Spanish { get; } = new(
        WhatChanges: "Lo que cambia, según el plan del distrito",
        WhatStaysTheSame: "Lo que se mantiene igual, según el plan del distrito",
        Why: "Por qué",
        NextStep: "Próximo paso",
        TalkingPointsTitle: "Puntos para la conversación: {0}",
        TalkingPointsFor: "Para directores y otras personas que hablen con {0}.",
        KeyMessages: "Mensajes clave",
        SuccessCriteria: "Criterios de éxito (cómo sabremos si funciona)",
        ShortTerm: "Corto plazo",
        LongTerm: "Largo plazo",
        MetricNotSet: "medida aún sin definir",
        Timeline: "Calendario (apoyos por fase)",
        PhaseHeading: "Fase {0}, {1}",
        AskedIfWorking: "Si alguien pregunta si está funcionando");

    public static RenderLabels For(Language language) => language == Language.Es ? Spanish : English;

    /// <summary>English or Spanish labels; English stands in for another language (its message carries its own headings).</summary>
    public static RenderLabels For(MessageLanguage language) => For(language.Template ?? Language.En);

    public string LabelOf(MessageSection section, AudiencePlaybook playbook, Language language) => section switch
    {
        MessageSection.WhatChanges => WhatChanges,
        MessageSection.WhatStaysTheSame => WhatStaysTheSame,
        MessageSection.Why => Why,
        MessageSection.WhatItMeansForYou => playbook.WhatItMeansLabel.In(language),
        MessageSection.NextStep => NextStep,
        _ => "",
    };

    /// <summary>A section's heading in the message's language: its own <see cref="StructuredMessage.Labels"/> when it has them.</summary>
    public static string LabelOf(MessageSection section, StructuredMessage message, AudiencePlaybook playbook) => message.Labels is { } own
        ? section switch
        {
            MessageSection.WhatChanges => own.WhatChanges,
            MessageSection.WhatStaysTheSame => own.WhatStaysTheSame,
            MessageSection.Why => own.Why,
            MessageSection.WhatItMeansForYou => own.WhatItMeansForYou,
            MessageSection.NextStep => own.NextStep,
            _ => "",
        }
        : For(message.Language).LabelOf(section, playbook, message.Language.Template ?? Language.En);

    public IEnumerable<string> AllText() =>
    [
        WhatChanges, WhatStaysTheSame, Why, NextStep, TalkingPointsTitle, TalkingPointsFor, KeyMessages,
        SuccessCriteria, ShortTerm, LongTerm, MetricNotSet, Timeline, PhaseHeading, AskedIfWorking,
    ];
}
