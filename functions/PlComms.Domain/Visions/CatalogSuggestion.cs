using PlComms.Messages;
using PlComms.Shared;

namespace PlComms.Visions;

/// <summary>Which of seed 000's three "Consider" lists a suggestion comes from.</summary>
public enum CatalogList
{
    Focus,
    Impact,
    Support,
}

/// <summary>
/// The four classroom themes of seed 001 ("what, how, when and where students learn, and how
/// learning is assessed"), which seed 003's working definition also names. A vision item that
/// touches a theme lets a message say what changes and what stays the same in it.
/// </summary>
[Flags]
public enum ClassroomThemes
{
    None = 0,
    /// <summary>What students learn: standards, goals, materials (seed 001, table 1).</summary>
    What = 1,
    /// <summary>How students learn: varied activities, guidance, voice and choice (seed 001, table 2).</summary>
    How = 2,
    /// <summary>When and where students learn: time, pace and place (seed 001, table 3).</summary>
    WhenAndWhere = 4,
    /// <summary>How learning is assessed and recognized: mastery and credit (seed 001, table 4).</summary>
    Assessment = 8,
}

/// <summary>
/// One suggestion from seed 000's lists, as data: the seed's own wording (what teachers and the board
/// read), its Spanish rendering, and a plain-language wording for families, students and the community
/// in both languages. <paramref name="Themes"/> says which classroom themes it touches;
/// <paramref name="Touches"/> which audiences besides teachers and the board a support concerns.
/// </summary>
/// <param name="Text">Seed 000's wording, exactly.</param>
/// <param name="Es">The same wording in Spanish, for teachers and the board.</param>
/// <param name="Family">Plain wording for parents, students and community partners.</param>
public sealed record CatalogSuggestion(
    CatalogList List,
    string Text,
    string Es,
    LocalizedText Family,
    ClassroomThemes Themes,
    IReadOnlyList<Audience> Touches)
{
    /// <summary>The professional wording (the seed's, or its Spanish rendering).</summary>
    public LocalizedText Catalog => new(Text, Es);
}
