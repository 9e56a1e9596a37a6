using System.Globalization;
using System.Text.RegularExpressions;

namespace PlComms.Messages;

/// <summary>What a stretch of text looks like: its words, and how many are function words of each profiled language.</summary>
public sealed record LanguageEvidence(int Words, IReadOnlyDictionary<string, int> Hits, int NonLatinLetters, int LatinLetters)
{
    public int HitsFor(string primary) => Hits.TryGetValue(primary, out var n) ? n : 0;
}

/// <summary>
/// A language check for message text: which language a sentence or a clause is in, from the share of each
/// language's function words (articles, prepositions, pronouns, auxiliaries: the words every sentence needs and
/// no two languages share many of) and a few words every message about schools uses, plus the script of its
/// letters for languages not written in Latin letters. Profiles cover English and Spanish, which the template
/// composer writes, and French and Portuguese, which share Spanish's short words and would otherwise be taken
/// for it. A stretch too short to tell (fewer than two telling words) is never judged.
/// </summary>
public static partial class LanguageCheck
{
    // Words whose presence says little: shared by the profiled languages, or names of what messages are about.
    private static readonly HashSet<string> Ambiguous = new(StringComparer.Ordinal) { "a", "de", "en", "no", "me", "he", "son", "se", "o", "e", "as", "do" };

    private static readonly Dictionary<string, HashSet<string>> Profiles = new(StringComparer.Ordinal)
    {
        ["en"] =
        [
            "the", "and", "of", "to", "in", "is", "are", "will", "be", "for", "with", "that", "this", "our", "your", "their", "they",
            "we", "you", "it", "on", "at", "by", "from", "as", "an", "or", "not", "have", "has", "more", "can", "how", "what", "who",
            "when", "where", "which", "all", "each", "every", "still", "also", "about", "into", "than", "them", "us", "would", "should",
            "do", "does", "its", "was", "were", "been", "these", "those", "there", "if", "but", "so", "such", "some", "other", "may",
            "students", "student", "learning", "learn", "teachers", "teacher", "school", "schools", "families", "family", "child",
            "increased", "improved", "reduced", "skills", "new", "help", "support", "supports", "stay", "same", "changes",
        ],
        ["es"] =
        [
            "el", "la", "los", "las", "del", "y", "que", "es", "un", "una", "unos", "unas", "por", "para", "con", "su", "sus", "se",
            "al", "lo", "le", "les", "como", "más", "pero", "sin", "sobre", "cada", "todos", "todas", "este", "esta", "estos", "estas",
            "ese", "esa", "qué", "cómo", "cuándo", "dónde", "también", "muy", "ya", "hay", "está", "están", "será", "serán", "puede",
            "pueden", "nuestro", "nuestra", "nuestros", "nuestras", "usted", "ustedes", "tu", "tus", "te", "ti", "entre", "cuando",
            "hijo", "hija", "estudiantes", "estudiante", "aprendizaje", "aprender", "maestros", "maestro", "escuela", "escuelas",
            "familias", "familia", "mayor", "mejor", "mejores", "menos", "habilidades", "nuevo", "nueva", "apoyo", "apoyos", "sigue",
        ],
        ["fr"] =
        [
            "le", "les", "des", "et", "est", "une", "pour", "avec", "dans", "sur", "nous", "vous", "votre", "vos", "leur", "leurs",
            "ce", "cette", "ces", "qui", "pas", "plus", "sont", "être", "au", "aux", "du", "élèves", "école", "apprentissage", "enseignants",
        ],
        ["pt"] =
        [
            "o", "os", "as", "do", "da", "dos", "das", "e", "em", "no", "na", "nos", "nas", "um", "uma", "para", "com", "não", "mais",
            "seu", "sua", "você", "alunos", "escola", "aprendizagem", "professores", "é", "são", "ao", "pelo", "pela",
        ],
    };

    /// <summary>Scripts expected for languages not written in Latin letters, by primary subtag.</summary>
    private static readonly Dictionary<string, Func<char, bool>> Scripts = new(StringComparer.Ordinal)
    {
        ["zh"] = IsHan, ["ja"] = c => IsHan(c) || c is >= '\u3040' and <= '\u30FF', ["ko"] = c => c is >= '\uAC00' and <= '\uD7AF' || c is >= '\u1100' and <= '\u11FF',
        ["ar"] = IsArabic, ["fa"] = IsArabic, ["ur"] = IsArabic, ["ps"] = IsArabic,
        ["ru"] = IsCyrillic, ["uk"] = IsCyrillic, ["bg"] = IsCyrillic, ["sr"] = IsCyrillic, ["mn"] = IsCyrillic,
        ["hi"] = IsDevanagari, ["ne"] = IsDevanagari, ["mr"] = IsDevanagari,
        ["bn"] = c => c is >= '\u0980' and <= '\u09FF', ["pa"] = c => c is >= '\u0A00' and <= '\u0A7F', ["am"] = c => c is >= '\u1200' and <= '\u137F',
        ["th"] = c => c is >= '\u0E00' and <= '\u0E7F', ["lo"] = c => c is >= '\u0E80' and <= '\u0EFF', ["km"] = c => c is >= '\u1780' and <= '\u17FF',
        ["my"] = c => c is >= '\u1000' and <= '\u109F', ["he"] = c => c is >= '\u0590' and <= '\u05FF', ["el"] = c => c is >= '\u0370' and <= '\u03FF',
    };

    public static IReadOnlyCollection<string> ProfiledLanguages => Profiles.Keys;

    // Each telling word with the profiles it belongs to, looked up once per word (the check runs on every sentence of every message).
    private static readonly string[] ProfileOrder = [.. Profiles.Keys];

    private static readonly Dictionary<string, int> WordProfiles = BuildWordProfiles();

    private static Dictionary<string, int> BuildWordProfiles()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ProfileOrder.Length; i++)
            foreach (var word in Profiles[ProfileOrder[i]].Where(w => !Ambiguous.Contains(w)))
                map[word] = map.GetValueOrDefault(word) | (1 << i);
        return map;
    }

    public static LanguageEvidence Evidence(string text)
    {
        var counts = new int[ProfileOrder.Length];
        var words = 0;
        foreach (var m in WordPattern().EnumerateMatches(text))
        {
            words++;
            var word = text.Substring(m.Index, m.Length).ToLower(CultureInfo.InvariantCulture);
            if (!WordProfiles.TryGetValue(word, out var profiles)) continue;
            for (var i = 0; i < counts.Length; i++)
                if ((profiles & (1 << i)) != 0) counts[i]++;
        }
        var hits = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < counts.Length; i++)
            if (counts[i] > 0) hits[ProfileOrder[i]] = counts[i];
        int latin = 0, other = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            if (c < '\u0250' || c is >= '\u1E00' and <= '\u1EFF') latin++; else other++;
        }
        return new LanguageEvidence(words, hits, other, latin);
    }

    /// <summary>
    /// The profiled language a stretch of text is plainly in ("en", "es", "fr", "pt"), or null when it is too short
    /// to tell or no language clearly leads: at least two telling words, and more than twice the runner-up's.
    /// </summary>
    public static string? Detect(string text) => Detect(Evidence(text));

    public static string? Detect(LanguageEvidence evidence)
    {
        var ranked = evidence.Hits.OrderByDescending(kv => kv.Value).ToList();
        if (ranked.Count == 0 || ranked[0].Value < 2) return null;
        var runnerUp = ranked.Count > 1 ? ranked[1].Value : 0;
        return ranked[0].Value > 2 * runnerUp ? ranked[0].Key : null;
    }

    /// <summary>
    /// Whether a stretch of a message in <paramref name="language"/> is plainly in another language; the other
    /// language's tag (or "latin" for Latin letters in a language written otherwise) when it is.
    /// </summary>
    public static string? ForeignLanguageOf(string text, MessageLanguage language)
    {
        var evidence = Evidence(text);
        var primary = language.Primary;
        if (Scripts.TryGetValue(primary, out var inScript))
        {
            // A language with its own script: Latin words carrying sentences of their own are another language.
            var letters = text.Where(char.IsLetter).ToList();
            var foreign = letters.Count(c => !inScript(c));
            if (Detect(evidence) is { } latinLanguage && foreign * 2 > letters.Count) return latinLanguage;
            return letters.Count >= 12 && foreign * 10 > letters.Count * 8 ? "latin" : null;
        }
        var detected = Detect(evidence);
        if (detected is null || detected == primary) return null;
        if (Profiles.ContainsKey(primary))
        {
            // Profiled: the other language must lead this one clearly too.
            return evidence.HitsFor(detected) > 2 * evidence.HitsFor(primary) ? detected : null;
        }
        // Not profiled (Vietnamese, Haitian Creole, ...): only English and Spanish, the languages a message is drafted
        // from, are looked for, and only where they carry most of the words.
        return detected is "en" or "es" && evidence.HitsFor(detected) * 3 >= evidence.Words ? detected : null;
    }

    /// <summary>
    /// The stretches a text is checked in: its sentences, and within each the clauses that quotes, brackets, colons,
    /// semicolons and commas set apart, so one English clause inside a Spanish sentence is found.
    /// </summary>
    public static IEnumerable<string> Stretches(string text)
    {
        foreach (var sentence in SentencePattern().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0))
        {
            yield return sentence;
            var clauses = ClausePattern().Split(sentence).Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
            if (clauses.Count > 1)
                foreach (var clause in clauses) yield return clause;
        }
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' || c is >= '\u3400' and <= '\u4DBF';

    private static bool IsArabic(char c) => c is >= '\u0600' and <= '\u06FF' || c is >= '\u0750' and <= '\u077F';

    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    private static bool IsDevanagari(char c) => c is >= '\u0900' and <= '\u097F';

    [GeneratedRegex(@"\p{L}+(?:['’]\p{L}+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?<=[.!?。！？])\s+|\n+")]
    private static partial Regex SentencePattern();

    [GeneratedRegex(@"[«»“”""()\[\]:;,—–]|\s-\s")]
    private static partial Regex ClausePattern();
}
