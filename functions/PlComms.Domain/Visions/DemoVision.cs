using PlComms.Shared;

namespace PlComms.Visions;

/// <summary>
/// The worked example at the end of seed 000, as a vision draft. The shifts are the seed's own
/// per-audience examples. The run command loads it as the demo district's vision. Each item carries
/// its Spanish wording, so the demo's Spanish messages are Spanish throughout.
/// </summary>
public static class DemoVision
{
    public const string Id = "demo";

    public static VisionContent Content { get; } = new(
        Title: "Demo district vision for personalized learning",
        Author: "Demo communications officer",
        Focus: [new FocusItem(FocusCategory.AchievementGaps, "students in our lowest performing schools",
            Es("los estudiantes de nuestras escuelas con más bajo rendimiento"))],
        ShortTermImpacts: [new Impact("increased student engagement", null, 1, Es("una mayor participación de los estudiantes"))],
        LongTermImpacts: [new Impact("increased academic growth", null, 1, Es("un mayor crecimiento académico"))],
        Supports:
        [
            new SupportItem(ImplementationPhase.PlanningAndDesign, "conducting a needs assessment (including a deep dive into student data)",
                Es("hacer una evaluación de necesidades (con un análisis a fondo de los datos de los estudiantes)")),
            new SupportItem(ImplementationPhase.EarlyImplementation, "offering professional development to teachers on student choice and differentiation",
                Es("ofrecer a los docentes formación sobre la elección de los estudiantes y la enseñanza diferenciada")),
            new SupportItem(ImplementationPhase.EarlyImplementation, "supporting peer learning networks to help make personalized learning a grassroots effort",
                Es("apoyar redes de aprendizaje entre colegas para que el aprendizaje personalizado crezca desde las escuelas")),
        ],
        Shifts:
        [
            new Shift(
                "How students learn will be more tailored to their individual needs and interests.",
                "What students learn will stay the same.",
                [Audience.Parents, Audience.Community, Audience.Students],
                ShiftEs("La forma en que aprenden los estudiantes se adaptará mejor a sus necesidades e intereses.",
                        "Lo que aprenden los estudiantes se mantiene igual.")),
            new Shift(
                "Students will have more opportunities to practice and develop self-regulation, communication, and reflection skills.",
                "The learning standards stay the same.",
                [Audience.Parents, Audience.Community],
                ShiftEs("Los estudiantes tendrán más oportunidades de practicar y desarrollar el autocontrol, la comunicación y la reflexión.",
                        "Los estándares de aprendizaje se mantienen.")),
            new Shift(
                "You can expect much more individualized and independent learning activities as well as much more flexibility in pacing.",
                "The learning standards, scope, and sequence of instruction will stay the same.",
                [Audience.Teachers],
                ShiftEs("Puede esperar muchas más actividades de aprendizaje individualizadas e independientes, y mucha más flexibilidad en el ritmo.",
                        "Los estándares de aprendizaje, el alcance y la secuencia de la enseñanza se mantienen.")),
        ]);

    private static Dictionary<string, string> Es(string text) => new(StringComparer.Ordinal) { ["es"] = text };

    private static Dictionary<string, ShiftTranslation> ShiftEs(string changes, string staysTheSame) =>
        new(StringComparer.Ordinal) { ["es"] = new ShiftTranslation(changes, staysTheSame) };
}
