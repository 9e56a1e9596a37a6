namespace PlComms.Messages;

/// <summary>
/// Counts Spanish syllables by the orthographic rules, which are regular enough to need no
/// dictionary: each vowel group is one syllable, except that two strong vowels (a, e, o) split
/// ("le-er", "po-e-ta") and an accented weak vowel (í, ú) splits from its neighbour ("dí-a",
/// "pa-ís"). Weak vowels (i, u, ü, and "y" ending a word after a vowel: "hoy", "muy") join as
/// diphthongs and triphthongs. The "u" of "que", "qui", "gue", "gui" is silent. "H" between vowels
/// is treated as a consonant, which miscounts a rare word like "prohibir" by one.
/// </summary>
public static class SpanishSyllables
{
    public static int Count(string word)
    {
        var w = word.ToLowerInvariant();
        var count = 0;
        char previousVowel = '\0';
        for (var i = 0; i < w.Length; i++)
        {
            var c = w[i];
            if (!IsVowel(w, i))
            {
                previousVowel = '\0';
                continue;
            }
            if (previousVowel == '\0' || Splits(previousVowel, c)) count++;
            previousVowel = c;
        }
        // A lone "y" ("and") is a syllable of its own.
        return count == 0 && w.Any(char.IsLetter) ? 1 : count;
    }

    private static bool Splits(char a, char b) =>
        (IsStrong(a) && IsStrong(b)) || a is 'í' or 'ú' || b is 'í' or 'ú';

    private static bool IsStrong(char c) => c is 'a' or 'e' or 'o' or 'á' or 'é' or 'ó';

    private static bool IsVowel(string w, int i)
    {
        var c = w[i];
        switch (c)
        {
            case 'a' or 'e' or 'i' or 'o' or 'á' or 'é' or 'í' or 'ó' or 'ú' or 'ü':
                return true;
            case 'u':
                if (i > 0 && w[i - 1] == 'q') return false;
                if (i > 0 && w[i - 1] == 'g' && i + 1 < w.Length && w[i + 1] is 'e' or 'i' or 'é' or 'í') return false;
                return true;
            case 'y':
                return i == w.Length - 1 && i > 0 && IsVowel(w, i - 1);
            default:
                return false;
        }
    }
}
