using System.Text.RegularExpressions;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.WebApp;

namespace PlComms.IntegrationTests.Platform;

/// <summary>The web app's words: both languages hold every key, and every key a page asks for exists.</summary>
public sealed partial class UiTextTests
{
    [Fact]
    public void English_and_Spanish_have_the_same_keys_and_no_text_is_blank_or_left_in_English()
    {
        var en = UiText.Resources["en"];
        var es = UiText.Resources["es"];
        Assert.NotEmpty(en);
        Assert.Equal(en.Keys.Order(), es.Keys.Order());
        Assert.All(en, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), $"en '{kv.Key}' is blank."));
        Assert.All(es, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), $"es '{kv.Key}' is blank."));
        // Names and codes may be the same in both; sentences may not.
        var untranslated = es.Where(kv => kv.Value == en[kv.Key] && kv.Value.Contains(' ')).Select(kv => kv.Key).ToList();
        Assert.True(untranslated.Count == 0, "Spanish text identical to English: " + string.Join(", ", untranslated));
    }

    [Fact]
    public void Every_key_a_page_or_component_uses_exists()
    {
        var sources = Directory.GetFiles(Path.Combine(RepoPaths.Root, "functions", "PlComms"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));
        var missing = new List<string>();
        var used = 0;
        foreach (var file in sources)
        {
            foreach (Match m in KeyUse().Matches(File.ReadAllText(file)))
            {
                used++;
                var key = m.Groups["key"].Value;
                if (!UiText.Resources["en"].ContainsKey(key)) missing.Add($"{Path.GetFileName(file)}: {key}");
            }
        }
        Assert.True(used > 50, $"Only {used} uses of UI text were found; the pattern no longer matches how pages ask for text.");
        Assert.True(missing.Count == 0, "Keys used but not defined: " + string.Join(", ", missing));
    }

    // Text["key"] and Text.Format("key", ...) with a literal key (keys built at run time are checked by the page tests).
    [GeneratedRegex("""Text(?:\[|\.Format\()"(?<key>[a-z0-9.-]+)"(?:\]|,|\))""")]
    private static partial Regex KeyUse();
}
