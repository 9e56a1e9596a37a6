using System.Text.Json;
using System.Text.Json.Serialization;
using PlComms.Contacts;

namespace PlComms.Messages;

/// <summary>
/// The languages the template composer writes, and the survey pages and survey emails speak. Wire ids: "en", "es".
/// Messages from the Azure OpenAI composer may be in any BCP 47 language: see <see cref="MessageLanguage"/>.
/// </summary>
public enum Language
{
    En,
    Es,
}

/// <summary>A phrase written natively in each language (not translated word for word).</summary>
public sealed record LocalizedText(string En, string Es)
{
    public string In(Language language) => language switch
    {
        Language.En => En,
        Language.Es => Es,
        _ => throw new ArgumentOutOfRangeException(nameof(language)),
    };

    /// <summary>The text in a message's language; English for a language the project has no wording for.</summary>
    public string In(MessageLanguage language) => In(language.Template ?? Language.En);
}

/// <summary>
/// A message's language: a canonical BCP 47 tag ("en", "es", "vi", "zh-Hant"). English and Spanish are the
/// template composer's (<see cref="Template"/>); any other tag is written by the Azure OpenAI composer.
/// On the wire and in storage it is the tag as a string, so a stored "en"/"es" message reads back unchanged.
/// </summary>
[JsonConverter(typeof(MessageLanguageJsonConverter))]
public sealed record MessageLanguage
{
    private MessageLanguage(string tag) => Tag = tag;

    public string Tag { get; }

    public static MessageLanguage En { get; } = new("en");

    public static MessageLanguage Es { get; } = new("es");

    /// <summary>The template language this is, exactly ("es-MX" is not "es": the template writes one Spanish).</summary>
    public Language? Template => Tag switch { "en" => Language.En, "es" => Language.Es, _ => null };

    /// <summary>The primary language subtag: "zh-Hant-TW" → "zh".</summary>
    public string Primary => LanguageTags.Primary(Tag);

    /// <summary>The language's English name for guardrail messages ("Spanish", "Vietnamese"); the tag when unknown.</summary>
    public string Name => LanguageNames.English(Tag);

    public static bool TryParse(string? value, out MessageLanguage language)
    {
        language = En;
        if (!LanguageTags.TryCanonicalize(value, out var tag)) return false;
        language = tag switch { "en" => En, "es" => Es, _ => new MessageLanguage(tag) };
        return true;
    }

    public static MessageLanguage Parse(string value) =>
        TryParse(value, out var language) ? language : throw new FormatException(LanguageTags.Explain(value));

    public static implicit operator MessageLanguage(Language language) => language == Language.Es ? Es : En;

    public override string ToString() => Tag;
}

internal sealed class MessageLanguageJsonConverter : JsonConverter<MessageLanguage>
{
    public override MessageLanguage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && MessageLanguage.TryParse(reader.GetString(), out var language)
            ? language
            : throw new JsonException("A language is a BCP 47 tag such as \"en\", \"es\" or \"vi\".");

    public override void Write(Utf8JsonWriter writer, MessageLanguage value, JsonSerializerOptions options) => writer.WriteStringValue(value.Tag);
}

/// <summary>English names of languages districts commonly name, for messages to the officer. Others show their tag.</summary>
public static class LanguageNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["en"] = "English", ["es"] = "Spanish", ["fr"] = "French", ["pt"] = "Portuguese", ["vi"] = "Vietnamese", ["zh"] = "Chinese",
        ["ar"] = "Arabic", ["ht"] = "Haitian Creole", ["ko"] = "Korean", ["ru"] = "Russian", ["tl"] = "Tagalog", ["so"] = "Somali",
        ["hmn"] = "Hmong", ["uk"] = "Ukrainian", ["ja"] = "Japanese", ["hi"] = "Hindi", ["ur"] = "Urdu", ["bn"] = "Bengali",
        ["pa"] = "Punjabi", ["fa"] = "Persian", ["de"] = "German", ["it"] = "Italian", ["pl"] = "Polish", ["am"] = "Amharic",
        ["ne"] = "Nepali", ["my"] = "Burmese", ["sw"] = "Swahili", ["km"] = "Khmer", ["lo"] = "Lao", ["th"] = "Thai",
    };

    public static string English(string tag)
    {
        var primary = LanguageTags.Primary(tag);
        if (!Names.TryGetValue(primary, out var name)) return tag;
        return primary == tag ? name : $"{name} ({tag})";
    }
}
