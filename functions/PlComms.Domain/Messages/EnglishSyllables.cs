namespace PlComms.Messages;

/// <summary>
/// Counts English syllables by rule, without a dictionary. It counts vowel groups (a, e, i, o, u,
/// and y after the first letter), then corrects the usual exceptions: a silent final "e" (but not
/// consonant + "le": "ta-ble"), silent "-es" and "-ed" endings ("makes", "tailored"; but "uses",
/// "needed"), "u" after "q", the suffixes -ment, -ly, -ful, -ness and -less counted on their stem
/// ("en-gage-ment"), and vowel pairs that split into two syllables ("me-di-a", "in-di-vid-u-al",
/// "pe-ri-od", "sci-ence", "be-ing", "eas-i-er"). On everyday words it agrees with a dictionary
/// about nine times in ten, and is off by one otherwise, which is what Flesch–Kincaid needs.
/// </summary>
public static class EnglishSyllables
{
    private static readonly string[] Suffixes = ["ments", "ment", "ness", "less", "ful", "ly"];

    public static int Count(string word)
    {
        var w = Letters(word);
        if (w.Length == 0) return 0;
        foreach (var suffix in Suffixes)
        {
            if (w.Length > suffix.Length + 1 && w.EndsWith(suffix, StringComparison.Ordinal))
                return Math.Max(1, CountStem(w[..^suffix.Length]) + 1);
        }
        return Math.Max(1, CountStem(w));
    }

    private static int CountStem(string w)
    {
        if (w.Length == 0) return 0;
        var count = VowelGroups(w);

        if (w.Length > 2 && w[^1] == 'e' && !IsVowel(w, w.Length - 2))
        {
            var consonantLe = w[^2] == 'l' && w.Length > 2 && !IsVowel(w, w.Length - 3);
            if (!consonantLe) count--;
        }
        else if (w.Length > 3 && w.EndsWith("es", StringComparison.Ordinal) && !IsVowel(w, w.Length - 3))
        {
            // "makes", "lives" lose the e; "uses", "boxes", "places", "changes", "tables" keep it.
            var before = w[^3];
            var sibilant = before is 's' or 'x' or 'z' or 'c' or 'g' || w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal);
            var consonantLes = before == 'l' && !IsVowel(w, w.Length - 4);
            if (!sibilant && !consonantLes) count--;
        }
        else if (w.Length > 3 && w.EndsWith("ed", StringComparison.Ordinal) && !IsVowel(w, w.Length - 3) && w[^3] is not ('t' or 'd'))
        {
            count--;
        }

        count += SplitPairs(w);
        return Math.Max(count, 0);
    }

    // Vowel pairs that are usually two syllables although they form one vowel group.
    private static int SplitPairs(string w)
    {
        var extra = 0;
        for (var i = 1; i < w.Length; i++)
        {
            var prev = i >= 2 ? w[i - 2] : ' ';
            var pair = (w[i - 1], w[i]);
            extra += pair switch
            {
                ('i', 'a') when prev is not ('c' or 't' or 's' or 'g') => 1,
                ('u', 'a') when prev != 'q' => 1,
                ('i', 'o') when prev is not ('t' or 's' or 'c' or 'x' or 'g') => 1,
                ('e', 'o') when prev != 'p' && !Following(w, i, "u") && !Following(w, i, "ne") => 1,
                ('i', 'e') when Following(w, i, "t") || Following(w, i, "r") || Following(w, i, "st") => 1,
                ('i', 'e') when (Following(w, i, "nt") || Following(w, i, "nce"))
                    && (prev is not ('t' or 'c' or 's') || w.StartsWith("sci", StringComparison.Ordinal)) => 1,
                ('e', 'a') when i == w.Length - 1 && w.Length > 3 => 1,
                ('e', 'a') when w.StartsWith("creat", StringComparison.Ordinal) || w.StartsWith("reac", StringComparison.Ordinal) => 1,
                _ => 0,
            };
        }
        if (w.Length > 4 && w.EndsWith("ing", StringComparison.Ordinal) && IsVowel(w, w.Length - 4)) extra++;
        return extra;
    }

    private static bool Following(string w, int i, string text) =>
        i + 1 + text.Length <= w.Length && string.CompareOrdinal(w, i + 1, text, 0, text.Length) == 0;

    private static int VowelGroups(string w)
    {
        var groups = 0;
        var inGroup = false;
        for (var i = 0; i < w.Length; i++)
        {
            var vowel = IsVowel(w, i);
            if (vowel && !inGroup) groups++;
            inGroup = vowel;
        }
        return groups;
    }

    private static bool IsVowel(string w, int i)
    {
        if (i < 0 || i >= w.Length) return false;
        return w[i] switch
        {
            'a' or 'e' or 'i' or 'o' => true,
            'u' => i == 0 || w[i - 1] != 'q',
            'y' => i > 0,
            _ => false,
        };
    }

    private static string Letters(string word)
    {
        Span<char> buffer = stackalloc char[Math.Min(word.Length, 64)];
        var n = 0;
        foreach (var c in word)
        {
            if (n == buffer.Length) break;
            if (c is >= 'a' and <= 'z') buffer[n++] = c;
            else if (c is >= 'A' and <= 'Z') buffer[n++] = (char)(c + 32);
        }
        return new string(buffer[..n]);
    }
}
