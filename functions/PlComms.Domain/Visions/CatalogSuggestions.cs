using PlComms.Messages;
using PlComms.Shared;
using static PlComms.Visions.ClassroomThemes;

namespace PlComms.Visions;

/// <summary>
/// Seed 000's three suggestion lists, each item with its Spanish rendering and its family wording.
/// The English <c>Text</c> is the seed's, word for word (a test checks it); the family wording says the
/// same in everyday words, without the seed's professional vocabulary (see <see cref="Jargon"/>), and is
/// written to fit the composer's sentences: focus items after "Our focus is on", impacts after "we hope to
/// see", supports after "The plan includes" (in Spanish, "El plan incluye", so supports are infinitives).
/// </summary>
internal static class CatalogSuggestions
{
    private static readonly Audience[] None = [];
    private static readonly Audience[] Families = [Audience.Parents, Audience.Community];
    private static readonly Audience[] FamiliesAndStudents = [Audience.Parents, Audience.Students, Audience.Community];

    private static CatalogSuggestion F(string text, string es, string familyEn, string familyEs, ClassroomThemes themes = ClassroomThemes.None) =>
        new(CatalogList.Focus, text, es, new(familyEn, familyEs), themes, None);

    private static CatalogSuggestion I(string text, string es, string familyEn, string familyEs, ClassroomThemes themes) =>
        new(CatalogList.Impact, text, es, new(familyEn, familyEs), themes, None);

    private static CatalogSuggestion S(string text, string es, string familyEn, string familyEs, ClassroomThemes themes, Audience[] touches) =>
        new(CatalogList.Support, text, es, new(familyEn, familyEs), themes, touches);

    public static IReadOnlyList<CatalogSuggestion> Focus { get; } =
    [
        F("English learners", "estudiantes que aprenden inglés",
            "students who are learning English", "estudiantes que están aprendiendo inglés"),
        F("Refugees or recent immigrants", "estudiantes refugiados o inmigrantes recién llegados",
            "students who are new to the country, including refugees", "estudiantes que llegaron hace poco al país, incluidos los refugiados"),
        F("Students with special needs (including students with disabilities)", "estudiantes con necesidades especiales (incluidos los estudiantes con discapacidades)",
            "students with special needs, including students with disabilities", "estudiantes con necesidades especiales, incluidos los que tienen una discapacidad"),
        F("Students in \u201ctransition\u201d grades (e.g., ninth graders)", "estudiantes en grados de transición (por ejemplo, noveno grado)",
            "students moving up to a new school level, such as ninth graders", "estudiantes que pasan a una nueva etapa escolar, como los de noveno grado"),
        F("Low-performing students", "estudiantes con bajo rendimiento",
            "students who need extra help to catch up", "estudiantes que necesitan más ayuda para ponerse al día", How),
        F("Gifted students", "estudiantes con altas capacidades",
            "gifted students who are ready for more of a challenge", "estudiantes con talento que están listos para más retos", How),
        F("Elementary, middle, or high school students", "estudiantes de primaria, secundaria o preparatoria",
            "students in elementary, middle or high school", "estudiantes de primaria, secundaria o preparatoria"),
        F("Students in STEM courses", "estudiantes en cursos de ciencias, tecnología, ingeniería y matemáticas (STEM)",
            "students in science, technology, engineering and math classes", "estudiantes en clases de ciencias, tecnología, ingeniería y matemáticas", What),
        F("Students in CTE pathways", "estudiantes en programas de educación técnica y profesional (CTE)",
            "students in classes that train them for a career", "estudiantes en clases que los preparan para una carrera", What | WhenAndWhere),
        F("Students in humanities and arts courses", "estudiantes en cursos de humanidades y artes",
            "students in art, history and literature classes", "estudiantes en clases de arte, historia y literatura", What),
        F("Students with access to educational technology", "estudiantes con acceso a tecnología educativa",
            "students who have computers or tablets for learning", "estudiantes que tienen computadoras o tabletas para aprender", WhenAndWhere),
    ];

    public static IReadOnlyList<CatalogSuggestion> Impacts { get; } =
    [
        I("Accelerated learning or credit accrual", "aprendizaje acelerado o acumulación de créditos",
            "students learning faster and earning credits sooner", "estudiantes que aprenden más rápido y obtienen sus créditos antes", Assessment | WhenAndWhere),
        I("Increased academic growth in tested subjects (e.g., reading language arts, mathematics, science, and history)",
            "mayor crecimiento académico en las materias evaluadas (por ejemplo, lectura y lenguaje, matemáticas, ciencias e historia)",
            "more growth in reading, math, science and history", "más progreso en lectura, matemáticas, ciencias e historia", What),
        I("Narrow or closed achievement gaps", "brechas de rendimiento reducidas o cerradas",
            "every group of students doing well, with smaller gaps between them", "buenos resultados en todos los grupos de estudiantes, con menos diferencias entre ellos", How),
        I("Increased on-time graduation rates", "mayores tasas de graduación a tiempo",
            "more students finishing high school on time", "más estudiantes que terminan la preparatoria a tiempo", ClassroomThemes.None),
        I("Increased completion rates for career pathways", "mayores tasas de finalización de las trayectorias profesionales",
            "more students finishing the classes that train them for a career", "más estudiantes que terminan las clases que los preparan para una carrera", What),
        I("Increased enrollment in advanced coursework", "mayor inscripción en cursos avanzados",
            "more students taking advanced classes", "más estudiantes en clases avanzadas", What),
        I("Reduced dropout and retention rates", "menores tasas de abandono escolar y de repetición de grado",
            "fewer students leaving school early or repeating a grade", "menos estudiantes que dejan la escuela o repiten el grado", ClassroomThemes.None),
        I("Increased independence in learning", "mayor independencia en el aprendizaje",
            "students taking more charge of their own learning", "estudiantes que se hacen más cargo de su propio aprendizaje", How),
        I("Improved social-emotional and deeper learning skills", "mejores habilidades socioemocionales y de aprendizaje profundo",
            "stronger skills in working with others, handling feelings and thinking things through",
            "mejores habilidades para trabajar con otros, manejar las emociones y pensar a fondo", How | What),
        I("Reduced behavioral and disciplinary incidents", "menos incidentes de conducta y de disciplina",
            "fewer behavior problems at school", "menos problemas de conducta en la escuela", ClassroomThemes.None),
        I("Improved attendance", "mejor asistencia",
            "students coming to school more often", "estudiantes que faltan menos a clase", ClassroomThemes.None),
        I("Improved employability skills", "mejores habilidades para el empleo",
            "stronger skills for getting and keeping a job", "mejores habilidades para conseguir y mantener un trabajo", What),
        I("Increased postsecondary matriculation and completion", "mayor ingreso y finalización de estudios postsecundarios",
            "more students starting and finishing college or job training after high school",
            "más estudiantes que empiezan y terminan la universidad o una formación técnica después de la preparatoria", ClassroomThemes.None),
    ];

    public static IReadOnlyDictionary<ImplementationPhase, IReadOnlyList<CatalogSuggestion>> Supports { get; } =
        new Dictionary<ImplementationPhase, IReadOnlyList<CatalogSuggestion>>
        {
            [ImplementationPhase.PlanningAndDesign] =
            [
                S("Establishing a personalized learning design committee", "crear un comité de diseño del aprendizaje personalizado",
                    "setting up a team to plan personalized learning", "formar un equipo que planifique el aprendizaje personalizado", ClassroomThemes.None, None),
                S("Conducting a personalized learning needs assessment or readiness assessment",
                    "realizar una evaluación de necesidades o de preparación para el aprendizaje personalizado",
                    "looking at what our schools need and what they are ready for", "ver qué necesitan nuestras escuelas y para qué están listas", ClassroomThemes.None, None),
                S("Conducting an environmental scan of current personalized learning structures, practices, and opportunities",
                    "analizar las estructuras, prácticas y oportunidades de aprendizaje personalizado que ya existen",
                    "looking at how our schools already fit learning to each student", "revisar cómo nuestras escuelas ya adaptan el aprendizaje a cada estudiante", ClassroomThemes.None, None),
                S("Providing initial training and engagement opportunities around personalized learning",
                    "ofrecer formación inicial y oportunidades de participación sobre el aprendizaje personalizado",
                    "first trainings and chances for people to learn about personalized learning and take part",
                    "ofrecer las primeras capacitaciones y oportunidades para conocer el aprendizaje personalizado y participar", ClassroomThemes.None, Families),
                S("Conducting a crosswalk of skills and competencies", "hacer una correspondencia entre habilidades y competencias",
                    "matching the skills students learn to the goals they need to reach", "relacionar las habilidades que aprenden los estudiantes con las metas que deben alcanzar", What, None),
                S("Creating a monitoring and implementation plan (including baseline data)", "crear un plan de implementación y seguimiento (con datos de referencia)",
                    "making a plan to track how the work is going, starting from where we are now",
                    "hacer un plan para seguir cómo avanza el trabajo, a partir de dónde estamos hoy", ClassroomThemes.None, None),
            ],
            [ImplementationPhase.EarlyImplementation] =
            [
                S("Communicating about implementation, changes, successes, and lessons learned with invested stakeholder groups",
                    "comunicar a los grupos interesados cómo avanza la implementación, los cambios, los logros y las lecciones aprendidas",
                    "telling families and partners about the changes, what works and what we learn",
                    "contar a las familias y a nuestros socios los cambios, lo que funciona y lo que aprendemos", ClassroomThemes.None, Families),
                S("Providing professional learning and personalized learning implementation monitoring",
                    "ofrecer desarrollo profesional y seguimiento de la implementación del aprendizaje personalizado",
                    "training teachers and checking how the changes are going", "capacitar a los maestros y revisar cómo van los cambios", ClassroomThemes.None, None),
                S("Providing access to coaching (on-site, virtual, or blended), demonstration classrooms, or other implementation supports",
                    "ofrecer acompañamiento (presencial, virtual o mixto), aulas de demostración u otros apoyos para la implementación",
                    "giving teachers coaches and model classrooms to learn from", "dar a los maestros acompañamiento y aulas modelo de las que aprender", ClassroomThemes.None, None),
                S("Implementing the personalized learning pilot program with a group of students, teachers, schools, or districts (e.g., launching a \u201cschool within a school\u201d)",
                    "poner en marcha el programa piloto de aprendizaje personalizado con un grupo de estudiantes, docentes, escuelas o distritos (por ejemplo, una \u201cescuela dentro de la escuela\u201d)",
                    "trying personalized learning first with a small group of students, teachers or schools",
                    "probar primero el aprendizaje personalizado con un grupo pequeño de estudiantes, maestros o escuelas", How, FamiliesAndStudents),
            ],
            [ImplementationPhase.ExpandedImplementation] =
            [
                S("Providing professional learning, micro-credentials, or implementation monitoring around personalized learning",
                    "ofrecer desarrollo profesional, microcredenciales o seguimiento de la implementación del aprendizaje personalizado",
                    "more training for teachers, with short courses that show what they have learned",
                    "dar más capacitación a los maestros, con cursos cortos que muestran lo que aprendieron", ClassroomThemes.None, None),
                S("Revising policies and protocols to reflect personalized learning practices",
                    "revisar las políticas y los protocolos para que reflejen las prácticas de aprendizaje personalizado",
                    "updating school rules so they fit personalized learning", "actualizar las reglas de la escuela para que se ajusten al aprendizaje personalizado",
                    WhenAndWhere | Assessment, FamiliesAndStudents),
                S("Celebrating early adopters and champions by collecting and publishing stories from the field",
                    "reconocer a quienes adoptan primero el cambio y a quienes lo impulsan, con historias de las escuelas",
                    "sharing stories from classrooms where it is working", "compartir historias de las aulas donde está funcionando", ClassroomThemes.None, Families),
                S("Conducting \u201creality checks\u201d with key stakeholders to recommend midcourse adjustments",
                    "hacer revisiones con los grupos clave para recomendar ajustes a mitad de camino",
                    "checking in with families, staff and partners to fix what is not working",
                    "consultar a las familias, al personal y a nuestros socios para corregir lo que no funciona", ClassroomThemes.None, Families),
            ],
            [ImplementationPhase.RefiningAndScaling] =
            [
                S("Conducting an evaluation of the impact of personalized learning instructional approaches on select student outcomes",
                    "evaluar el impacto de los enfoques de enseñanza del aprendizaje personalizado en algunos resultados de los estudiantes",
                    "studying how much personalized learning helps students", "estudiar cuánto ayuda el aprendizaje personalizado a los estudiantes", ClassroomThemes.None, None),
                S("Compiling and curating strategies, tools, and materials from personalized learning pilot for future use",
                    "reunir y seleccionar estrategias, herramientas y materiales del programa piloto para usarlos en el futuro",
                    "saving the best ideas and materials from the first classrooms to use later",
                    "guardar las mejores ideas y materiales de las primeras aulas para usarlos más adelante", ClassroomThemes.None, None),
                S("Holding planning sessions to determine next-level decisions regarding personalized learning program implementation",
                    "hacer sesiones de planificación para decidir los próximos pasos del programa de aprendizaje personalizado",
                    "meeting to decide the next steps", "reunirse para decidir los próximos pasos", ClassroomThemes.None, None),
            ],
        };
}
