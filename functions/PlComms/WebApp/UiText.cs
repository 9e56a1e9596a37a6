using System.Collections.Frozen;
using System.Text.Json;

namespace PlComms.WebApp;

/// <summary>
/// The web app's words, in English and Spanish, held as resources: every feature embeds a <c>*.ui.json</c> file
/// (<c>{"en": {key: text}, "es": {key: text}}</c>) beside its pages, and this merges them. The language is the one the
/// officer picked (<c>?lang=</c>, remembered in a cookie), else English. A unit test checks that both languages have
/// every key and that every key a page uses exists.
/// </summary>
public sealed class UiText
{
    public const string CookieName = "plcomms-ui-lang";
    public static readonly IReadOnlyList<string> Languages = ["en", "es"];

    private static readonly Lazy<FrozenDictionary<string, FrozenDictionary<string, string>>> All = new(Load);

    public UiText(IHttpContextAccessor accessor)
    {
        var http = accessor.HttpContext;
        var asked = http?.Request.Query["lang"].ToString();
        var remembered = http?.Request.Cookies[CookieName];
        Language = Languages.Contains(asked) ? asked! : Languages.Contains(remembered) ? remembered! : "en";
    }

    public string Language { get; }

    public string this[string key] => All.Value[Language].TryGetValue(key, out var text) ? text : All.Value["en"].GetValueOrDefault(key) ?? $"[{key}]";

    public string Format(string key, params object?[] args) => string.Format(System.Globalization.CultureInfo.InvariantCulture, this[key], args);

    /// <summary>Every key and text per language, for the resource tests.</summary>
    public static IReadOnlyDictionary<string, FrozenDictionary<string, string>> Resources => All.Value;

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        var merged = Languages.ToDictionary(l => l, _ => new Dictionary<string, string>(StringComparer.Ordinal));
        var assembly = typeof(UiText).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".ui.json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var doc = JsonDocument.Parse(stream);
            foreach (var language in Languages)
            {
                foreach (var entry in doc.RootElement.GetProperty(language).EnumerateObject())
                {
                    if (!merged[language].TryAdd(entry.Name, entry.Value.GetString()!))
                        throw new InvalidOperationException($"UI text key '{entry.Name}' is defined twice ({name}).");
                }
            }
        }
        return merged.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
