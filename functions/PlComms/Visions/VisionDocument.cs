namespace PlComms.Visions;

public sealed record ImpactsDocument(IReadOnlyList<Impact> ShortTerm, IReadOnlyList<Impact> LongTerm);

/// <summary>A vision as the API returns it: the same shape a client sends, plus id, version and times.</summary>
public sealed record VisionDocument(
    string Id,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Title,
    string Author,
    IReadOnlyList<FocusItem> Focus,
    ImpactsDocument Impacts,
    IReadOnlyList<SupportItem> Supports,
    IReadOnlyList<Shift> Shifts)
{
    public static VisionDocument From(StoredVision v) => new(
        v.Id, v.Version, v.CreatedAt, v.UpdatedAt, v.Content.Title, v.Content.Author, v.Content.Focus,
        new ImpactsDocument(v.Content.ShortTermImpacts, v.Content.LongTermImpacts), v.Content.Supports, v.Content.Shifts);
}

public sealed record VisionList(IReadOnlyList<VisionSummary> Items, string? ContinuationToken);

public sealed record VisionVersionList(string Id, IReadOnlyList<VisionVersionSummary> Versions);

public sealed record CompareRequest(IReadOnlyList<string?>? Ids);

public sealed record VisionCatalogDocument(
    IReadOnlyList<CatalogFocusCategory> FocusCategories,
    IReadOnlyList<string> FocusSuggestions,
    IReadOnlyList<string> ImpactSuggestions,
    IReadOnlyList<CatalogPhase> Phases,
    IReadOnlyList<Shared.Audience> Audiences,
    string StatementTemplate,
    IReadOnlyList<CatalogWording> Wordings);

/// <summary>
/// One suggestion's wordings: the seed's (what teachers and the board read), its Spanish, and the plain family
/// wording parents, students and community partners read. A vision item whose text matches <c>Text</c> (ignoring
/// case, spacing and punctuation) is quoted in these words.
/// </summary>
public sealed record CatalogWording(CatalogList List, string Text, string Es, Messages.LocalizedText Family);

public sealed record CatalogFocusCategory(FocusCategory Id, string Title);

public sealed record CatalogPhase(ImplementationPhase Id, string Numeral, string Title, IReadOnlyList<string> Consider);
