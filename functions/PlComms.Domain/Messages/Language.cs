namespace PlComms.Messages;

/// <summary>The languages messages are written in. Wire ids: "en", "es".</summary>
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
}
