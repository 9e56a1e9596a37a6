using PlComms.Visions;

namespace PlComms.Messages;

/// <summary>
/// The template composer's fixed phrases, one set per language, each written natively. "{0}" marks
/// where the vision's words go: in the message's language (a catalog wording or the item's translation),
/// or, when the vision has none, «quoted» as the officer wrote them, which the language guardrail blocks.
/// </summary>
public sealed record ComposerPhrases(
    Language Language,
    string OurFocus,
    string ShortTermHope,
    string LongTermHope,
    string SeeCriteria,
    string SupportsFirst,
    string SupportsMore,
    string ShortTerm,
    string LongTerm,
    string Criterion,
    string MeasuredBy,
    string MetricNotSet,
    string TimelineLead,
    string PhaseItem,
    string ForAudiences,
    string Everyone,
    string PlanIncludes,
    string ContactWith,
    string DefaultContact,
    string Conjunction,
    IReadOnlyList<string> PhaseTitles)
{
    public static ComposerPhrases English { get; } = new(
        Language.En,
        OurFocus: "Our focus is on {0}.",
        ShortTermHope: "In the short term, we hope to see {0}.",
        LongTermHope: "In the long term, we hope to see {0}.",
        SeeCriteria: "The success criteria below show the impacts we expect.",
        SupportsFirst: "Planned supports include {0}.",
        SupportsMore: "The plan also includes {0}.",
        ShortTerm: "Short-term",
        LongTerm: "Long-term",
        Criterion: "{0} success criterion: {1} ({2}).",
        MeasuredBy: "measured by {0}",
        MetricNotSet: "metric not yet set",
        TimelineLead: "Timeline by phase:",
        PhaseItem: "Phase {0}, {1}: {2}.",
        ForAudiences: "For {0}: {1}",
        Everyone: "everyone",
        PlanIncludes: "The plan includes {0}.",
        ContactWith: "Contact: {0}",
        DefaultContact: "Contact: the district office",
        Conjunction: "and",
        PhaseTitles: [.. VisionCatalog.Phases.Select(p => p.Title)]);

    public static ComposerPhrases Spanish { get; } = new(
        Language.Es,
        OurFocus: "El plan del distrito se enfoca en {0}.",
        ShortTermHope: "A corto plazo, esperamos ver {0}.",
        LongTermHope: "A largo plazo, esperamos ver {0}.",
        SeeCriteria: "Los criterios de éxito que siguen muestran los impactos que esperamos.",
        SupportsFirst: "El plan incluye estos apoyos: {0}.",
        SupportsMore: "También incluye {0}.",
        ShortTerm: "corto plazo",
        LongTerm: "largo plazo",
        Criterion: "Criterio de éxito a {0}: {1} ({2}).",
        MeasuredBy: "medida: {0}",
        MetricNotSet: "medida aún sin definir",
        TimelineLead: "Calendario por fases:",
        PhaseItem: "Fase {0}, {1}: {2}.",
        ForAudiences: "Para {0}: {1}",
        Everyone: "todos",
        PlanIncludes: "El plan incluye {0}.",
        ContactWith: "Contacto: {0}",
        DefaultContact: "Contacto: la oficina del distrito",
        Conjunction: "y",
        // Seed 000's phase names, in the order of ImplementationPhase.
        PhaseTitles: ["Planificación y diseño", "Implementación inicial", "Implementación ampliada", "Ajuste y expansión"]);

    public static ComposerPhrases For(Language language) => language == Language.Es ? Spanish : English;

    /// <summary>English or Spanish phrases; English for another language, which only the Azure OpenAI composer writes.</summary>
    public static ComposerPhrases For(MessageLanguage language) => For(language.Template ?? Language.En);

    public string PhaseTitle(ImplementationPhase phase) => PhaseTitles[(int)phase];

    /// <summary>Words the vision gives in another language than this one, «quoted» in Spanish as the officer wrote them.</summary>
    public string Quote(string visionText)
    {
        var text = Trim(visionText);
        return Language == Language.Es ? $"«{text}»" : text;
    }

    /// <summary>An item inside a sentence: its words in this language as they are, otherwise <see cref="Quote"/>d.</summary>
    public string Words(ItemWording wording) => wording.InLanguage ? Trim(wording.Text) : Quote(wording.Text);

    // Items are joined into sentences, so a trailing full stop on an item would end one early.
    private static string Trim(string text) => text.Trim().TrimEnd('.', ';', ',', ' ');

    /// <summary>"a, b, and c" in English (the seed's serial comma); "a, b y c" in Spanish, which has none.</summary>
    public string JoinList(IReadOnlyList<string> items) =>
        Language == Language.Es && items.Count > 2
            ? $"{string.Join(", ", items.Take(items.Count - 1))} {Conjunction} {items[^1]}"
            : Shared.NaturalList.Join(items, Conjunction);

    public IEnumerable<string> AllText() =>
        new[] { OurFocus, ShortTermHope, LongTermHope, SeeCriteria, SupportsFirst, SupportsMore, ShortTerm, LongTerm, Criterion,
                MeasuredBy, MetricNotSet, TimelineLead, PhaseItem, ForAudiences, Everyone, PlanIncludes, ContactWith, DefaultContact, Conjunction }
            .Concat(PhaseTitles);
}
