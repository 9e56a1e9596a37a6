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

public sealed record FocusItemInput(string? Category, string? Text);

public sealed record ImpactsInput(IReadOnlyList<ImpactInput?>? ShortTerm, IReadOnlyList<ImpactInput?>? LongTerm);

public sealed record ImpactInput(string? Text, string? Metric, int? Priority);

public sealed record SupportInput(string? Phase, string? Text);

public sealed record ShiftInput(string? Changes, string? StaysTheSame, IReadOnlyList<string?>? Audiences);
