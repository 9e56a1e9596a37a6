namespace PlComms.Visions;

/// <summary>
/// Bounds on a vision draft. They keep each stored component's JSON under Azure Table Storage's
/// 64 KiB-per-property limit even in the worst case (every character escaped), see docs/storage.md.
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
    public const int DraftsToCompare = 20;
}
