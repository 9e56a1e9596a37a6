namespace PlComms.Delivery;

/// <summary>Which of a send's content languages a recipient gets.</summary>
public static class LanguageChoice
{
    public const string English = "en";

    /// <summary>
    /// The content in the recipient's language (by primary subtag: "es-MX" reads "es"), else English, else the send's
    /// own first language. <paramref name="available"/> holds primary subtags.
    /// </summary>
    public static string For(string recipientLanguage, IReadOnlyCollection<string> available, string fallback)
    {
        var primary = Contacts.LanguageTags.Primary(recipientLanguage);
        return available.Contains(primary) ? primary : fallback;
    }

    /// <summary>English when the send has it, else the first language it has.</summary>
    public static string FallbackOf(IReadOnlyCollection<string> available) =>
        available.Contains(English) ? English : available.Order(StringComparer.Ordinal).First();
}
