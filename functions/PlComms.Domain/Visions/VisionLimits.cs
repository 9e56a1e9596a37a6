namespace PlComms.Visions;

/// <summary>
/// Bounds on a vision draft. A stored component's JSON is split over as many string properties as it
/// needs (each under Azure Table Storage's 64 KiB per property); these bounds keep the whole entity
/// under its 1 MiB even in the worst case (every character escaped), see docs/storage.md.
/// </summary>
public static class VisionLimits
{
    public const int TitleLength = 200;
    public const int AuthorLength = 100;
    public const int ItemTextLength = 300;
    public const int MetricLength = 200;
    public const int FocusItems = 12;
    public const int ImpactsPerHorizon = 10;
    public const int RankedImpactsPerHorizon = 3;
    public const int Supports = 24;
    public const int Shifts = 12;
    public const int ShiftTextLength = 400;

    /// <summary>A shift's audiences: five kinds, so more than this many entries is not a list of them.</summary>
    public const int ShiftAudiences = 10;
    public const int DraftsToCompare = 20;

    /// <summary>Languages one item may carry translations for. Each translation has its field's own length limit.</summary>
    public const int TranslationsPerItem = 4;
}
