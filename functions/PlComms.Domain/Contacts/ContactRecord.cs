namespace PlComms.Contacts;

/// <summary>A school as the district's files name it: its id (OneRoster org sourcedId, or the CSV's own) and display name.</summary>
public sealed record SchoolRef(string Id, string Name);

/// <summary>
/// One validated, normalised contact as an import produced it. Email is trimmed and lower-cased;
/// Language is a canonical BCP 47 tag ("es-MX"). Every cell is kept as text and never evaluated.
/// </summary>
public sealed record ContactRecord(
    ContactRole Role,
    string Email,
    string GivenName,
    string FamilyName,
    IReadOnlyList<SchoolRef> Schools,
    IReadOnlyList<string> Grades,
    string Language,
    string? ExternalId,
    ContactSource Source,
    IReadOnlyList<string> StudentIds)
{
    /// <summary>
    /// What an import matches on: the external id when there is one, else the normalised email, within the role.
    /// </summary>
    public string IdentityKey => ExternalId is { Length: > 0 } id ? $"{(int)Role}|x|{id}" : $"{(int)Role}|e|{Email}";
}
