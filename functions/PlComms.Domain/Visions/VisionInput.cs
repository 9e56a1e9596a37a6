namespace PlComms.Visions;

// The request shape as clients send it. Everything is nullable and stringly typed so that
// validation, not the JSON reader, decides what is wrong and names the field.

public sealed record VisionInput(
    string? Title,
    string? Author,
    IReadOnlyList<FocusItemInput?>? Focus,
    ImpactsInput? Impacts,
    IReadOnlyList<SupportInput?>? Supports,
    IReadOnlyList<ShiftInput?>? Shifts);

public sealed record FocusItemInput(string? Category, string? Text, IReadOnlyDictionary<string, string?>? Translations = null);

public sealed record ImpactsInput(IReadOnlyList<ImpactInput?>? ShortTerm, IReadOnlyList<ImpactInput?>? LongTerm);

public sealed record ImpactInput(string? Text, string? Metric, int? Priority,
    IReadOnlyDictionary<string, string?>? Translations = null, IReadOnlyDictionary<string, string?>? MetricTranslations = null);

public sealed record SupportInput(string? Phase, string? Text, IReadOnlyDictionary<string, string?>? Translations = null);

public sealed record ShiftInput(string? Changes, string? StaysTheSame, IReadOnlyList<string?>? Audiences,
    IReadOnlyDictionary<string, ShiftTranslationInput?>? Translations = null);

public sealed record ShiftTranslationInput(string? Changes, string? StaysTheSame);
