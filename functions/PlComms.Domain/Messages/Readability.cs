using System.Text.RegularExpressions;

namespace PlComms.Messages;

public sealed record TextStatistics(int Sentences, int Words, int Syllables)
{
    public double WordsPerSentence => Sentences == 0 ? 0 : (double)Words / Sentences;
    public double SyllablesPerWord => Words == 0 ? 0 : (double)Syllables / Words;
}

/// <summary>
/// Readability formulas. Words are runs of letters and digits (inner apostrophes and hyphens keep
/// "teacher's" and "self-regulation" one word). A sentence ends at ".", "!" or "?" followed by a
/// space, a closing quote or the end; a line that ends without one (a headline, a list item) is a
/// sentence too. A number counts one syllable per digit, a rough stand-in for reading it aloud.
/// </summary>
public static partial class Readability
{
    /// <summary>
    /// Flesch–Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59
    /// (Kincaid et al., 1975). Grade 8 means an eighth grader can read it.
    /// </summary>
    public static double FleschKincaidGrade(string text) => FleschKincaidGrade(English(text));

    public static double FleschKincaidGrade(TextStatistics s) =>
        s.Words == 0 ? 0 : 0.39 * s.WordsPerSentence + 11.8 * s.SyllablesPerWord - 15.59;

    /// <summary>
    /// Fernández-Huerta reading ease (1959), Flesch's formula refitted for Spanish:
    /// 206.84 − 60 × syllables per word − 1.02 × words per sentence. Higher is easier, on Flesch's
    /// 0–100 scale (70–80 "bastante fácil", 60–70 "normal"). The original paper's second term is
    /// often misprinted as sentences per 100 words; words per sentence is the reading that matches
    /// Flesch's, and the one common tools use.
    /// </summary>
    public static double FernandezHuerta(string text) => FernandezHuerta(Spanish(text));

    public static double FernandezHuerta(TextStatistics s) =>
        s.Words == 0 ? 100 : 206.84 - 60 * s.SyllablesPerWord - 1.02 * s.WordsPerSentence;

    public static TextStatistics English(string text) => Measure(text, EnglishSyllables.Count);

    public static TextStatistics Spanish(string text) => Measure(text, SpanishSyllables.Count);

    /// <summary>Drops «quoted» passages: a Spanish message quotes the vision as the officer wrote it, often in English.</summary>
    public static string WithoutGuillemetQuotes(string text) => GuillemetQuote().Replace(text, " ");

    /// <summary>Drops each of the phrases (ignoring case and a trailing full stop), longest first.</summary>
    public static string Without(string text, IEnumerable<string> phrases)
    {
        foreach (var phrase in phrases.Select(p => p.Trim().TrimEnd('.', ';', ',', ' ')).Where(p => p.Length > 0).Distinct().OrderByDescending(p => p.Length))
            text = text.Replace(phrase, " ", StringComparison.OrdinalIgnoreCase);
        return text;
    }

    public static IEnumerable<string> Words(string text) => WordPattern().Matches(text).Select(m => m.Value);

    private static TextStatistics Measure(string text, Func<string, int> syllables)
    {
        var words = 0;
        var syllableTotal = 0;
        foreach (Match m in WordPattern().Matches(text))
        {
            words++;
            syllableTotal += m.Value.Split('-').Sum(part => part.Any(char.IsDigit) ? part.Count(char.IsDigit) : syllables(part));
        }
        return new TextStatistics(words == 0 ? 0 : Math.Max(1, Sentences(text)), words, syllableTotal);
    }

    private static int Sentences(string text)
    {
        var count = 0;
        foreach (var line in text.Split('\n'))
        {
            if (!WordPattern().IsMatch(line)) continue;
            count += SentenceEnd().Count(line);
            if (!EndsSentence().IsMatch(line)) count++;
        }
        return count;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[.!?]+(?=[\s""'”’»)\]]|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[.!?][""'”’»)\]]*\s*$")]
    private static partial Regex EndsSentence();

    [GeneratedRegex(@"«[^»]*»")]
    private static partial Regex GuillemetQuote();
}
