using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.UnitTests.Messages;

/// <summary>
/// Visions a new district would write, other than the demo: built from the visioning tool's suggestion lists
/// (every focus, impact and support suggestion is used by at least one) and the district's own words, with
/// shifts for some audiences, for none, or for one only, and free text with and without Spanish translations.
/// </summary>
public static class VisionFixtures
{
    public sealed record Fixture(string Name, VisionContent Vision, bool SpanishComplete, bool ListsComplete)
    {
        public override string ToString() => Name;
    }

    private static Dictionary<string, string> Es(string text) => new(StringComparer.Ordinal) { ["es"] = text };

    private static Dictionary<string, ShiftTranslation> Es(string changes, string same) =>
        new(StringComparer.Ordinal) { ["es"] = new ShiftTranslation(changes, same) };

    private static string Focus(int i) => VisionCatalog.FocusSuggestions[i];

    private static string Impact(int i) => VisionCatalog.ImpactSuggestions[i];

    private static SupportItem Support(ImplementationPhase phase, int i) => new(phase, VisionCatalog.Phases[(int)phase].Consider[i]);

    /// <summary>Ninth grade: catalog items, one shift for parents only (written about students, so others may hear it).</summary>
    public static Fixture NinthGrade { get; } = new("ninth-grade", new VisionContent(
        "Ninth grade on track", "Team member A",
        [new FocusItem(FocusCategory.GradesOrSubjects, Focus(3))],
        [new Impact(Impact(10), "average daily attendance", 1, MetricTranslations: Es("asistencia diaria promedio"))],
        [new Impact(Impact(3), "share of ninth graders who finish high school in four years", 1,
            MetricTranslations: Es("porcentaje de estudiantes de noveno grado que terminan la preparatoria en cuatro años"))],
        [Support(ImplementationPhase.PlanningAndDesign, 0), Support(ImplementationPhase.EarlyImplementation, 3)],
        [new Shift("Ninth graders will set learning goals with an adviser.", "Ninth graders still take the same courses.", [Audience.Parents],
            Es("Los estudiantes de noveno grado fijarán metas de aprendizaje con un consejero.", "Los estudiantes de noveno grado siguen tomando los mismos cursos."))]),
        SpanishComplete: true, ListsComplete: true);

    /// <summary>English learners: catalog items only and no shift at all, so every list restates the vision.</summary>
    public static Fixture EnglishLearners { get; } = new("english-learners", new VisionContent(
        "Every newcomer learning", "Team member B",
        [new FocusItem(FocusCategory.AdditionalSupports, Focus(0)), new FocusItem(FocusCategory.AdditionalSupports, Focus(1))],
        [new Impact(Impact(2), null, 1), new Impact(Impact(8), null, 2)],
        [new Impact(Impact(1), null, 1)],
        [Support(ImplementationPhase.PlanningAndDesign, 1), Support(ImplementationPhase.EarlyImplementation, 2), Support(ImplementationPhase.EarlyImplementation, 0)],
        []),
        SpanishComplete: true, ListsComplete: true);

    /// <summary>STEM and career classes: catalog items and one shift that speaks to teachers ("you"), which stays theirs.</summary>
    public static Fixture StemAndCareers { get; } = new("stem-and-careers", new VisionContent(
        "Ready for careers", "Team member C",
        [new FocusItem(FocusCategory.GradesOrSubjects, Focus(7)), new FocusItem(FocusCategory.GradesOrSubjects, Focus(8))],
        [new Impact(Impact(5), "students in at least one advanced course", 1), new Impact(Impact(11), null, null)],
        [new Impact(Impact(12), null, 1), new Impact(Impact(4), null, 2)],
        [Support(ImplementationPhase.PlanningAndDesign, 4), Support(ImplementationPhase.ExpandedImplementation, 0),
         Support(ImplementationPhase.ExpandedImplementation, 1), Support(ImplementationPhase.RefiningAndScaling, 0)],
        [new Shift("You will plan projects with local employers.", "You still teach the same courses.", [Audience.Teachers],
            Es("Usted planificará proyectos con empleadores de la zona.", "Usted sigue enseñando los mismos cursos."))]),
        SpanishComplete: false, ListsComplete: true);

    /// <summary>The district's own words throughout, each with its Spanish; shifts for everyone.</summary>
    public static Fixture OwnWordsTranslated { get; } = new("own-words-translated", new VisionContent(
        "Reading by third grade", "Team member D",
        [new FocusItem(FocusCategory.Other, "students at Lincoln Elementary and Roosevelt Middle School",
            Es("los estudiantes de Lincoln Elementary y Roosevelt Middle School"))],
        [new Impact("more students reading well by the end of third grade", "share of third graders reading at grade level", 1,
            Es("más estudiantes que leen bien al terminar tercer grado"), Es("porcentaje de estudiantes de tercer grado que leen al nivel de su grado"))],
        [new Impact("students who enjoy reading and choose books for themselves", null, 1, Es("estudiantes a quienes les guste leer y que elijan sus propios libros"))],
        [new SupportItem(ImplementationPhase.PlanningAndDesign, "family reading nights each term to show the new learning plans",
            Es("noches de lectura para las familias cada trimestre, para mostrar los nuevos planes de aprendizaje")),
         new SupportItem(ImplementationPhase.EarlyImplementation, "reading coaches in every school", Es("maestros de apoyo en lectura en cada escuela"))],
        [new Shift("Students will choose some of the books they read and set their own reading goals.", "Students still read every day in class.", [],
            Es("Los estudiantes elegirán algunos de los libros que leen y fijarán sus propias metas de lectura.", "Los estudiantes siguen leyendo en clase todos los días."))]),
        SpanishComplete: true, ListsComplete: true);

    /// <summary>The demo's own words without any Spanish: the Spanish messages must say which item to translate.</summary>
    public static Fixture OwnWordsUntranslated { get; } = new("own-words-untranslated", new VisionContent(
        "Lowest performing schools first", "Team member E",
        [new FocusItem(FocusCategory.AchievementGaps, "students in our lowest performing schools")],
        [new Impact("increased student engagement", null, 1)],
        [new Impact("increased academic growth", null, 1)],
        [new SupportItem(ImplementationPhase.PlanningAndDesign, "conducting a needs assessment (including a deep dive into student data)")],
        [new Shift("How students learn will be more tailored to their individual needs and interests.", "What students learn will stay the same.",
            [Audience.Parents, Audience.Students])]),
        SpanishComplete: false, ListsComplete: true);

    /// <summary>Mixed: catalog and own words, a students-only shift that speaks to them and one for community partners.</summary>
    public static Fixture MixedPartialShifts { get; } = new("mixed-partial-shifts", new VisionContent(
        "Every learner at their pace", "Team member F",
        [new FocusItem(FocusCategory.AdditionalSupports, Focus(5)), new FocusItem(FocusCategory.GradesOrSubjects, Focus(6)),
         new FocusItem(FocusCategory.AchievementGaps, Focus(4)),
         new FocusItem(FocusCategory.Other, "students who moved schools this year", Es("estudiantes que cambiaron de escuela este año"))],
        [new Impact(Impact(0), null, 1), new Impact(Impact(7), null, 2), new Impact(Impact(9), null, 3)],
        [new Impact(Impact(6), null, 1)],
        [Support(ImplementationPhase.PlanningAndDesign, 2), Support(ImplementationPhase.EarlyImplementation, 1),
         Support(ImplementationPhase.ExpandedImplementation, 2), Support(ImplementationPhase.ExpandedImplementation, 3),
         Support(ImplementationPhase.RefiningAndScaling, 1), Support(ImplementationPhase.RefiningAndScaling, 2)],
        [new Shift("You can move to the next unit when you show you are ready.", "You still work with your class every day.", [Audience.Students],
            Es("Puedes pasar a la siguiente unidad cuando demuestres que estás listo.", "Sigues trabajando con tu clase todos los días.")),
         new Shift("Local businesses will host some student projects.", "Partners still meet with school leaders each term.", [Audience.Community],
            Es("Algunos negocios de la zona recibirán proyectos de los estudiantes.", "Los socios siguen reuniéndose con los directores cada trimestre."))]),
        SpanishComplete: true, ListsComplete: true);

    /// <summary>Special needs and technology: catalog items, one shift for the board only; free text metric without Spanish.</summary>
    public static Fixture SpecialNeedsAndTechnology { get; } = new("special-needs-and-technology", new VisionContent(
        "Access for every learner", "Team member G",
        [new FocusItem(FocusCategory.AdditionalSupports, Focus(2)), new FocusItem(FocusCategory.Other, Focus(10)),
         new FocusItem(FocusCategory.GradesOrSubjects, Focus(9))],
        [new Impact(Impact(10), null, 1)],
        [new Impact(Impact(12), "students enrolled in college or training a year after graduation", 1)],
        [Support(ImplementationPhase.PlanningAndDesign, 3), Support(ImplementationPhase.PlanningAndDesign, 5)],
        [new Shift("The board will review progress on each support every term.", "The budget process stays the same.", [Audience.Board],
            Es("La junta revisará cada trimestre el avance de cada apoyo.", "El proceso de presupuesto se mantiene igual."))]),
        SpanishComplete: false, ListsComplete: true);

    /// <summary>A bare draft: one focus in the district's words, nothing else. Its lists have nothing to say.</summary>
    public static Fixture Bare { get; } = new("bare", new VisionContent(
        "First draft", "Team member H",
        [new FocusItem(FocusCategory.Other, "ninth graders", Es("estudiantes de noveno grado"))], [], [], [], []),
        SpanishComplete: true, ListsComplete: false);

    public static IReadOnlyList<Fixture> All { get; } =
        [NinthGrade, EnglishLearners, StemAndCareers, OwnWordsTranslated, OwnWordsUntranslated, MixedPartialShifts, SpecialNeedsAndTechnology, Bare];
}
