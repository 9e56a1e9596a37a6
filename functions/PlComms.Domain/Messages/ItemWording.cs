using PlComms.Visions;

namespace PlComms.Messages;

/// <summary>A vision item as a message quotes it.</summary>
/// <param name="InLanguage">False when the item has no wording in the message's language and its base text stands in.</param>
public sealed record ItemWording(VisionItem Item, string Text, bool InLanguage);

/// <summary>
/// Chooses the words a message uses for a vision item. A seed 000 suggestion reads in the catalog's
/// wording to teachers and the board, and in its plain family wording to parents, students and community
/// partners, in English or Spanish. The district's own words read as written in English (or as their
/// "en" translation), and in another language as their translation for it. When there is none, the base
/// text stands in, marked <see cref="ItemWording.InLanguage"/> false: the template composer never
/// translates, and the language guardrail blocks the message, naming the item.
/// </summary>
public static class ItemWordings
{
    public static ItemWording For(VisionItem item, MessageLanguage language, bool familyWording)
    {
        if (item.Catalog is { } catalog && language.Template is { } template)
            return new(item, MidSentence(familyWording ? catalog.Family.In(template) : catalog.Catalog.In(template)), true);
        if (item.TranslationFor(language.Tag) is { } translated) return new(item, translated, true);
        return new(item, item.Text, language.Primary == "en");
    }

    public static ItemWording For(VisionItem item, MessageLanguage language, AudiencePlaybook playbook) =>
        For(item, language, playbook.UsesFamilyWording);

    /// <summary>
    /// Whether the vision gives this item's words in the language (the check the language guardrail and the
    /// Azure OpenAI composer's translation step share).
    /// </summary>
    public static bool HasWording(VisionItem item, MessageLanguage language) =>
        (item.Catalog is not null && language.Template is not null) || item.TranslationFor(language.Tag) is not null || language.Primary == "en";

    // Seed 000 capitalises list items ("Improved attendance"); inside a sentence they read in lower case,
    // except a first word that is a name ("English learners") or an acronym ("STEM").
    private static string MidSentence(string text)
    {
        if (text.Length < 2 || !char.IsUpper(text[0]) || char.IsUpper(text[1])) return text;
        var first = text.Split(' ', 2)[0];
        return first is "English" or "Spanish" ? text : char.ToLowerInvariant(text[0]) + text[1..];
    }
}
