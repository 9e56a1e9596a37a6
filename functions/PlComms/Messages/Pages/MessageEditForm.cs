namespace PlComms.Messages.Pages;

/// <summary>
/// The edit form's fields, named as the API's edit request names them (so the validator's errors land beside them).
/// List sections are one item per line.
/// </summary>
public static class MessageEditForm
{
    public sealed record Field(string Name, int Rows, int MaxLength, bool List = false);

    public static readonly IReadOnlyList<Field> Fields =
    [
        new("headline", 1, MessageRequestValidator.HeadlineLength),
        new("whatChanges", 6, MessageRequestValidator.ListItems * (MessageRequestValidator.ListItemLength + 1), List: true),
        new("whatStaysTheSame", 6, MessageRequestValidator.ListItems * (MessageRequestValidator.ListItemLength + 1), List: true),
        new("why", 4, MessageRequestValidator.ProseLength),
        new("whatItMeansForYou", 4, MessageRequestValidator.ProseLength),
        new("nextStep", 3, MessageRequestValidator.ProseLength),
        new("contactLine", 1, MessageRequestValidator.ContactLength),
    ];

    public static string ValueOf(StructuredMessage message, string field) => field switch
    {
        "headline" => message.Headline,
        "whatChanges" => string.Join("\n", message.WhatChanges),
        "whatStaysTheSame" => string.Join("\n", message.WhatStaysTheSame),
        "why" => message.Why,
        "whatItMeansForYou" => message.WhatItMeansForYou,
        "nextStep" => message.NextStep,
        "contactLine" => message.ContactLine,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>The edit request the API would receive; blank lines in a list are dropped, not reported.</summary>
    public static MessageEditRequest Read(IReadOnlyDictionary<string, string?> form) => new(
        form.GetValueOrDefault("headline"),
        Lines(form.GetValueOrDefault("whatChanges")),
        Lines(form.GetValueOrDefault("whatStaysTheSame")),
        form.GetValueOrDefault("why"),
        form.GetValueOrDefault("whatItMeansForYou"),
        form.GetValueOrDefault("nextStep"),
        form.GetValueOrDefault("contactLine"));

    private static string?[] Lines(string? text) =>
        text?.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray<string?>() ?? [];
}
