namespace PlComms.Contacts;

/// <summary>What a parse needs from configuration.</summary>
/// <param name="DefaultLanguage">The language (BCP 47) of a contact whose row gives none.</param>
/// <param name="MaxRows">The most data rows one file may hold; more is an <see cref="ImportFileException"/>.</param>
public sealed record ImportSettings(string DefaultLanguage, int MaxRows);
