using System.Text.RegularExpressions;

namespace PlComms.Messages;

/// <summary>
/// One education-jargon term with a plain-language replacement in each language.
/// </summary>
/// <param name="Term">The term as the guardrail reports it.</param>
/// <param name="Forms">Spellings that count, English and Spanish, matched case-insensitively as whole words.</param>
/// <param name="Source">Where the seeds use the term (or warn about it).</param>
public sealed record JargonTerm(string Term, IReadOnlyList<string> Forms, LocalizedText PlainLanguage, SeedQuote Source);

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
    ];

    private static readonly (JargonTerm Term, Regex Pattern)[] Patterns =
        [.. Terms.Select(t => (t, new Regex(
            @"(?<![\p{L}\p{N}])(?:" + string.Join("|", t.Forms.OrderByDescending(f => f.Length).Select(Form)) + @")(?![\p{L}\p{N}])",
            // Acronyms match only in capitals ("sel" and "plp" are not the acronyms); other forms ignore case.
            RegexOptions.CultureInvariant | RegexOptions.Compiled)))];

    private static string Form(string form) =>
        form.All(c => !char.IsLetter(c) || char.IsUpper(c))
            ? Regex.Escape(form)
            : "(?i:" + string.Join(@"[\s\-‐]+", Regex.Split(form, @"[\s\-]+").Select(Regex.Escape)) + ")";

    public static IEnumerable<JargonHit> Find(string text)
    {
        foreach (var (term, pattern) in Patterns)
        {
            var match = pattern.Match(text);
            if (match.Success) yield return new JargonHit(term, match.Value);
        }
    }
}
