using System.Text.RegularExpressions;

namespace PlComms.Messages;

/// <summary>
/// One education-jargon term with a plain-language replacement in each language.
/// </summary>
/// <param name="Term">The term as the guardrail reports it.</param>
/// <param name="Forms">Spellings that count, English and Spanish, matched case-insensitively as whole words.</param>
/// <param name="Source">Where the seeds use the term (or warn about it).</param>
/// <param name="Professional">
/// The visioning tool's own vocabulary (seed 000's suggestion lists): the words teachers and the board plan in,
/// so it is jargon only for parents, students and community partners, who get the catalog's family wording.
/// </param>
public sealed record JargonTerm(string Term, IReadOnlyList<string> Forms, LocalizedText PlainLanguage, SeedQuote Source, bool Professional = false)
{
    /// <summary>Whether the term is jargon for the audience the playbook describes.</summary>
    public bool AppliesTo(AudiencePlaybook playbook) => !Professional || playbook.UsesFamilyWording;
}

public sealed record JargonHit(JargonTerm Term, string Found);

/// <summary>
/// Education jargon to keep out of messages, seeded from the seeds' own warning (seed 002, risk 1:
/// "they turn to educational jargon and say things like, 'we want to see 21st-century skills and
/// higher-order thinking skills'") and from the technical terms the seeds use among educators.
/// Spanish forms are listed too, and every form is checked in every message, because a Spanish
/// message quotes the vision as it was written.
/// </summary>
public static class Jargon
{
    public static IReadOnlyList<JargonTerm> Terms { get; } =
    [
        new("21st-century skills", ["21st-century skills", "21st century skills", "twenty-first-century skills", "habilidades del siglo XXI", "habilidades del siglo 21"],
            new("skills like solving problems, working with others and learning new things", "habilidades como resolver problemas, trabajar con otros y aprender cosas nuevas"),
            new("002", "we want to see 21st-century skills and higher-order thinking skills.")),
        new("higher-order thinking skills", ["higher-order thinking", "higher order thinking", "pensamiento de orden superior"],
            new("thinking skills like explaining, comparing and creating", "habilidades para pensar, como explicar, comparar y crear"),
            new("002", "we want to see 21st-century skills and higher-order thinking skills.")),
        new("competency-based", ["competency-based", "competency based", "basado en competencias", "basada en competencias", "basados en competencias", "basadas en competencias"],
            new("students move ahead when they show they have learned the skill", "cada estudiante avanza cuando demuestra que aprendió la habilidad"),
            new("001", "competency-based")),
        new("blended learning", ["blended learning", "aprendizaje combinado", "aprendizaje mixto", "aprendizaje semipresencial"],
            new("learning that mixes time with the teacher and time online", "aprendizaje que combina tiempo con el maestro y tiempo en línea"),
            new("004", "Blended learning, a mix of face-to-face and online learning, enables personalized learning particularly when one mode informs the other.")),
        new("modalities", ["modalities", "modality", "modalidades de aprendizaje"],
            new("ways of learning, such as small groups, one-on-one help or online lessons", "formas de aprender, como grupos pequeños, ayuda individual o clases en línea"),
            new("001", "multiple modalities")),
        new("learner variability", ["learner variability", "variabilidad del estudiante", "variabilidad de los estudiantes", "variabilidad del aprendiz"],
            new("every student learns in their own way", "cada estudiante aprende a su manera"),
            new("004", "learner variability")),
        new("MTSS", ["MTSS", "multi-tiered system of support", "multi-tiered system of supports", "sistema de apoyo de múltiples niveles"],
            new("extra help for students who need it, at different levels", "ayuda adicional, en distintos niveles, para quien la necesite"),
            new("002", "Multi-Tiered System of Support (MTSS)")),
        new("PLP", ["PLP", "PLPs", "personalized learning plan", "personal learning plan", "plan de aprendizaje personalizado"],
            new("each student's learning plan: goals, strengths and next steps", "el plan de aprendizaje de cada estudiante: metas, fortalezas y próximos pasos"),
            new("004", "Personalized Learning Plan (PLP)")),
        new("zone of proximal development", ["zone of proximal development", "ZPD", "zona de desarrollo próximo"],
            new("work that is hard enough to stretch a student, but not too hard", "trabajo que reta al estudiante, pero no demasiado"),
            new("002", "Zone of Proximal Development")),
        new("station rotation", ["station rotation", "rotación por estaciones"],
            new("students move between small-group, online and hands-on activities", "los estudiantes pasan por actividades en grupos pequeños, en línea y prácticas"),
            new("002", "station rotation")),
        new("flipped learning", ["flipped learning", "flipped classroom", "flipped teaching", "aula invertida", "clase invertida"],
            new("students watch or read the lesson at home and practice in class", "los estudiantes ven o leen la lección en casa y practican en clase"),
            new("001", "flipped learning")),
        new("formative and summative assessment", ["formative assessment", "formative assessments", "summative assessment", "summative assessments", "evaluación formativa", "evaluación sumativa"],
            new("quick checks during learning, and tests at the end", "revisiones rápidas durante el aprendizaje y pruebas al final"),
            new("001", "formative and summative assessments")),
        new("learner profile", ["learner profile", "learner profiles", "perfil del estudiante", "perfil del aprendiz"],
            new("a record of each student's strengths, needs and goals", "un registro de las fortalezas, necesidades y metas de cada estudiante"),
            new("003", "LEARNER PROFILES")),
        new("SEL", ["SEL", "social-emotional learning", "aprendizaje socioemocional"],
            new("skills like managing feelings, setting goals and getting along with others", "habilidades como manejar las emociones, fijar metas y convivir con los demás"),
            new("002", "Social-Emotional Learning (SEL)")),
        new("student agency", ["student agency", "learner agency", "agencia del estudiante"],
            new("students make choices and take charge of their learning", "los estudiantes toman decisiones y se hacen cargo de su aprendizaje"),
            new("001", "promotes **agency**")),

        // Seed 000's suggestion lists, in the words families should not have to decode. Each names the catalog item it comes from.
        Catalog("accelerated learning", ["accelerated learning", "aprendizaje acelerado"],
            "learning faster", "aprender más rápido", "Accelerated learning or credit accrual"),
        Catalog("credit accrual", ["credit accrual", "acumulación de créditos"],
            "earning credits toward graduation", "obtener créditos para graduarse", "Accelerated learning or credit accrual"),
        Catalog("tested subjects", ["tested subjects", "materias evaluadas"],
            "reading, math, science and history", "lectura, matemáticas, ciencias e historia", "Increased academic growth in tested subjects"),
        Catalog("achievement gaps", ["achievement gap", "achievement gaps", "brecha de rendimiento", "brechas de rendimiento", "brecha de logro", "brechas de logro"],
            "gaps in how well different groups of students do", "diferencias en los resultados de distintos grupos de estudiantes", "Narrow or closed achievement gaps"),
        Catalog("graduation rates", ["graduation rate", "graduation rates", "tasa de graduación", "tasas de graduación"],
            "how many students graduate", "cuántos estudiantes se gradúan", "Increased on-time graduation rates"),
        Catalog("completion rates", ["completion rate", "completion rates", "tasa de finalización", "tasas de finalización"],
            "how many students finish", "cuántos estudiantes terminan", "Increased completion rates for career pathways"),
        Catalog("career pathways", ["career pathway", "career pathways", "CTE pathways", "trayectoria profesional", "trayectorias profesionales"],
            "classes that train students for a career", "clases que preparan a los estudiantes para una carrera", "Increased completion rates for career pathways"),
        Catalog("advanced coursework", ["advanced coursework", "coursework"],
            "advanced classes", "clases avanzadas", "Increased enrollment in advanced coursework"),
        Catalog("dropout and retention rates", ["dropout rate", "dropout rates", "retention rate", "retention rates", "tasa de abandono", "tasas de abandono", "tasa de retención", "tasas de retención"],
            "how many students leave school early or repeat a grade", "cuántos estudiantes dejan la escuela o repiten el grado", "Reduced dropout and retention rates"),
        Catalog("social-emotional skills", ["social-emotional", "socioemocional", "socioemocionales"],
            "skills like handling feelings and working with others", "habilidades como manejar las emociones y trabajar con otros", "Improved social-emotional and deeper learning skills"),
        Catalog("deeper learning", ["deeper learning", "aprendizaje profundo"],
            "learning to think things through and use what they know", "aprender a pensar a fondo y usar lo que saben", "Improved social-emotional and deeper learning skills"),
        Catalog("disciplinary incidents", ["disciplinary incident", "disciplinary incidents", "behavioral incidents", "behavioral and disciplinary incidents", "incidentes disciplinarios", "incidentes de conducta"],
            "behavior problems", "problemas de conducta", "Reduced behavioral and disciplinary incidents"),
        Catalog("employability skills", ["employability", "empleabilidad"],
            "skills for getting and keeping a job", "habilidades para conseguir y mantener un trabajo", "Improved employability skills"),
        Catalog("postsecondary", ["postsecondary", "post-secondary", "postsecundario", "postsecundaria", "postsecundarios", "postsecundarias"],
            "college or job training after high school", "la universidad o una formación técnica después de la preparatoria", "Increased postsecondary matriculation and completion"),
        Catalog("matriculation", ["matriculation", "matriculación"],
            "starting college", "empezar la universidad", "Increased postsecondary matriculation and completion"),
        Catalog("STEM", ["STEM"],
            "science, technology, engineering and math", "ciencias, tecnología, ingeniería y matemáticas", "Students in STEM courses"),
        Catalog("CTE", ["CTE", "educación técnica y profesional"],
            "classes that train students for a career", "clases que preparan a los estudiantes para una carrera", "Students in CTE pathways"),
        Catalog("humanities", ["humanities", "humanidades"],
            "art, history and literature", "arte, historia y literatura", "Students in humanities and arts courses"),
        Catalog("educational technology", ["educational technology", "edtech", "ed tech", "tecnología educativa"],
            "computers, tablets and learning apps", "computadoras, tabletas y aplicaciones para aprender", "Students with access to educational technology"),
        Catalog("transition grades", ["transition grades", "\u201ctransition\u201d grades", "grados de transición"],
            "the first year at a new school level, such as ninth grade", "el primer año en una nueva etapa escolar, como noveno grado", "Students in \u201ctransition\u201d grades (e.g., ninth graders)"),
        Catalog("readiness assessment", ["readiness assessment", "evaluación de preparación"],
            "a look at what our schools are ready for", "una revisión de para qué están listas nuestras escuelas", "Conducting a personalized learning needs assessment or readiness assessment"),
        Catalog("environmental scan", ["environmental scan", "análisis del entorno"],
            "a look at what our schools already do", "una revisión de lo que ya hacen nuestras escuelas", "Conducting an environmental scan of current personalized learning structures, practices, and opportunities"),
        Catalog("crosswalk", ["crosswalk", "correspondencia entre habilidades"],
            "matching skills to the goals students need to reach", "relacionar las habilidades con las metas de los estudiantes", "Conducting a crosswalk of skills and competencies"),
        Catalog("competencies", ["competencies"],
            "skills", "habilidades", "Conducting a crosswalk of skills and competencies"),
        Catalog("baseline data", ["baseline data", "baseline", "datos de referencia", "línea de base"],
            "where we are starting from", "el punto de partida", "Creating a monitoring and implementation plan (including baseline data)"),
        Catalog("stakeholders", ["stakeholder", "stakeholders", "grupos interesados", "partes interesadas"],
            "families, staff and partners", "las familias, el personal y nuestros socios", "with invested stakeholder groups"),
        Catalog("professional learning", ["professional learning", "desarrollo profesional"],
            "training for teachers", "capacitación para los maestros", "Providing professional learning and personalized learning implementation monitoring"),
        Catalog("implementation monitoring", ["implementation monitoring", "seguimiento de la implementación"],
            "checking how the changes are going", "revisar cómo van los cambios", "Providing professional learning and personalized learning implementation monitoring"),
        Catalog("implementation supports", ["implementation support", "implementation supports", "apoyos para la implementación"],
            "help to make the changes work", "ayuda para que los cambios funcionen", "or other implementation supports"),
        Catalog("demonstration classrooms", ["demonstration classroom", "demonstration classrooms", "aula de demostración", "aulas de demostración"],
            "model classrooms others can visit", "aulas modelo que otros pueden visitar", "demonstration classrooms"),
        Catalog("micro-credentials", ["micro-credential", "micro-credentials", "microcredential", "microcredentials", "microcredencial", "microcredenciales"],
            "short courses that show what teachers have learned", "cursos cortos que muestran lo que aprendieron los maestros", "Providing professional learning, micro-credentials, or implementation monitoring around personalized learning"),
        Catalog("early adopters", ["early adopter", "early adopters"],
            "the first teachers and schools to try it", "los primeros maestros y escuelas en probarlo", "Celebrating early adopters and champions by collecting and publishing stories from the field"),
        Catalog("midcourse adjustments", ["midcourse", "mid-course"],
            "changes along the way", "cambios sobre la marcha", "Conducting \u201creality checks\u201d with key stakeholders to recommend midcourse adjustments"),
        Catalog("instructional approaches", ["instructional approach", "instructional approaches", "enfoques de enseñanza"],
            "ways of teaching", "formas de enseñar", "personalized learning instructional approaches on select student outcomes"),
        Catalog("student outcomes", ["student outcomes", "outcomes"],
            "results for students", "resultados de los estudiantes", "personalized learning instructional approaches on select student outcomes"),
        Catalog("curating", ["curating", "curate", "curated"],
            "choosing the best", "elegir lo mejor", "Compiling and curating strategies, tools, and materials from personalized learning pilot for future use"),
        Catalog("next-level decisions", ["next-level decisions", "next-level"],
            "decisions about next steps", "decisiones sobre los próximos pasos", "Holding planning sessions to determine next-level decisions regarding personalized learning program implementation"),
    ];

    private static JargonTerm Catalog(string term, IReadOnlyList<string> forms, string plainEn, string plainEs, string seedText) =>
        new(term, forms, new(plainEn, plainEs), new("000", seedText), Professional: true);

    private static readonly (JargonTerm Term, Regex Pattern)[] Patterns =
        [.. Terms.Select(t => (t, new Regex(
            @"(?<![\p{L}\p{N}])(?:" + string.Join("|", t.Forms.OrderByDescending(f => f.Length).Select(Form)) + @")(?![\p{L}\p{N}])",
            // Acronyms match only in capitals ("sel" and "plp" are not the acronyms); other forms ignore case.
            RegexOptions.CultureInvariant | RegexOptions.Compiled)))];

    // A form can only match where its longest word occurs: a cheap ordinal search per term skips most regex scans.
    private static readonly string[][] Keys =
        [.. Terms.Select(t => t.Forms.Select(f => Regex.Split(f, @"[\s\-]+").OrderByDescending(w => w.Length).First().ToLowerInvariant()).Distinct().ToArray())];

    private static string Form(string form) =>
        form.All(c => !char.IsLetter(c) || char.IsUpper(c))
            ? Regex.Escape(form)
            : "(?i:" + string.Join(@"[\s\-‐]+", Regex.Split(form, @"[\s\-]+").Select(Regex.Escape)) + ")";

    public static IEnumerable<JargonHit> Find(string text)
    {
        var lower = text.ToLowerInvariant();
        for (var i = 0; i < Patterns.Length; i++)
        {
            if (!Keys[i].Any(k => lower.Contains(k, StringComparison.Ordinal))) continue;
            var (term, pattern) = Patterns[i];
            var match = pattern.Match(text);
            if (match.Success) yield return new JargonHit(term, match.Value);
        }
    }
}
