using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PlComms.Visions;

namespace PlComms.Messages;

public enum ClaimKind
{
    Number,
    Name,
}

/// <summary>A token a message asserts that must come from somewhere: a number, or a capitalised name or acronym.</summary>
public sealed record Claim(ClaimKind Kind, string Token);

/// <summary>
/// Checks that a message asserts nothing the vision does not say: every number, and every
/// capitalised name (a capitalised word not at a sentence start, and any acronym of two or more
/// capitals), must appear in the vision, the audience's playbook, or the composers' and renderers'
/// fixed text. Numbers match exactly ("95" in "95%"); names match ignoring case, so a word the
/// vision uses in lower case may be capitalised. Numbers written as words are not checked.
/// </summary>
public sealed partial class Grounding
{
    private readonly Corpus[] _layers;

    private Grounding(params Corpus[] layers) => _layers = layers;

    // Template and playbook text never change, so each is tokenized once; only the vision is read per check.
    private static readonly Lazy<Corpus> TemplateCorpus = new(() => new Corpus(
    [
        .. ComposerPhrases.English.AllText(), .. ComposerPhrases.Spanish.AllText(),
        .. RenderLabels.English.AllText(), .. RenderLabels.Spanish.AllText(),
        VisionCatalog.Commitment, VisionStatement.FocusLead, VisionStatement.ImpactLead, VisionStatement.SupportLead,
        .. VisionCatalog.Phases.SelectMany(p => new[] { p.Numeral, p.Title }),
    ]));

    private static readonly ConditionalWeakTable<AudiencePlaybook, Corpus> PlaybookCorpora = new();

    public static Grounding For(VisionContent vision, AudiencePlaybook playbook) =>
        new(TemplateCorpus.Value, PlaybookCorpora.GetValue(playbook, p => new Corpus(p.AllText())), new Corpus(VisionText(vision)));

    public static IEnumerable<string> VisionText(VisionContent vision) =>
        new[] { vision.Title, vision.Author }
            .Concat(vision.Focus.Select(f => f.Text))
            .Concat(vision.ShortTermImpacts.Concat(vision.LongTermImpacts).SelectMany(i => new[] { i.Text, i.Metric ?? "" }))
            .Concat(vision.Supports.Select(s => s.Text))
            .Concat(vision.Shifts.SelectMany(s => new[] { s.Changes, s.StaysTheSame }))
            // The item's words in other languages, and the catalog's wordings of a suggestion the vision took.
            .Concat(VisionItem.All(vision).SelectMany(i => i.Translations.Values
                .Concat(i.Catalog is { } c ? [c.Es, c.Family.En, c.Family.Es] : [])));

    public bool Supports(Claim claim) => _layers.Any(l => l.Supports(claim));

    /// <summary>The claims in a text that the sources do not support, each once, in order of appearance.</summary>
    public IEnumerable<Claim> Unsupported(string text) => Claims(text).Where(c => !Supports(c)).Distinct();

    /// <summary>Numbers, names and acronyms in a text. Sentence starts are lines' starts and what follows ".", "!", "?" or ":".</summary>
    public static IEnumerable<Claim> Claims(string text)
    {
        foreach (Match m in NumberPattern().Matches(text)) yield return new Claim(ClaimKind.Number, m.Value);
        foreach (Match m in WordPattern().Matches(text))
        {
            var atSentenceStart = AtSentenceStart(text, m.Index);
            foreach (var part in StripPossessive(m.Value).Split('-'))
            {
                var capitals = part.Count(char.IsUpper);
                var acronym = capitals >= 2;
                var name = part.Length > 0 && char.IsUpper(part[0]) && !atSentenceStart && part != "I";
                if (acronym || name) yield return new Claim(ClaimKind.Name, part);
                atSentenceStart = false;
            }
        }
    }

    private sealed class Corpus
    {
        private readonly HashSet<string> _numbers = new(StringComparer.Ordinal);
        private readonly HashSet<string> _words = new(StringComparer.OrdinalIgnoreCase);

        public Corpus(IEnumerable<string> texts)
        {
            foreach (var text in texts)
            {
                foreach (Match m in NumberPattern().Matches(text)) _numbers.Add(m.Value);
                foreach (Match m in WordPattern().Matches(text))
                    foreach (var part in StripPossessive(m.Value).Split('-')) _words.Add(part);
            }
        }

        public bool Supports(Claim claim) => claim.Kind == ClaimKind.Number ? _numbers.Contains(claim.Token) : _words.Contains(claim.Token);
    }

    private static bool AtSentenceStart(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c == '\n') return true;
            if (char.IsWhiteSpace(c) || c is '«' or '“' or '"' or '(' or '¿' or '¡' or '‘' or '\'' or '[' or '-' or '*' or '_' or '#') continue;
            return c is '.' or '!' or '?' or ':';
        }
        return true;
    }

    private static string StripPossessive(string word) =>
        word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal) ? word[..^2] : word;

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\p{L}+(?:['’\-]\p{L}+)*")]
    private static partial Regex WordPattern();
}
