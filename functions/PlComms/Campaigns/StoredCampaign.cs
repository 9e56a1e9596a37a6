using System.Text.Json;
using Azure.Data.Tables;
using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.Platform.Http;
using PlComms.Shared;

namespace PlComms.Campaigns;

/// <summary>The email one language's recipients get, rendered and frozen when the campaign starts.</summary>
public sealed record CampaignContent(string Language, string MessageId, string ContentHash, string Subject, string Html, string Text)
{
    public EmailContent Email => new(Subject, Html, Text);
}

/// <summary>
/// What a survey send knows of its wave. <see cref="WaveId"/> is the wave's own send id: a reminder's recipients get
/// links to the wave's deliveries, so an answer lands on the same response whichever email it came from.
/// </summary>
/// <param name="Reminder">Null for the wave's invitation; 1 or 2 for its reminders.</param>
/// <param name="WaveBatches">A reminder's plan: the wave's batches it goes through, one reminder batch for each.</param>
public sealed record SurveySend(string SurveyId, int WaveIndex, string WaveId, DateTimeOffset ClosesAt, int ThrottleDays, int? Reminder, int WaveBatches);

/// <summary>
/// A campaign and its dispatch state (a survey wave and its reminders are sends of the same shape; see <see cref="Kind"/>). <see cref="PlanPass"/>, <see cref="PlanAfter"/> and <see cref="BatchCount"/> are the
/// planner's checkpoint: the language pass it is in, the last contact id it batched, and how many batches exist.
/// </summary>
public sealed record StoredCampaign(
    string Id,
    string Name,
    string VisionId,
    string MessageId,
    Segment Segment,
    MessageStream Stream,
    DateTimeOffset ScheduledAt,
    CampaignStatus Status,
    string? StatusReason,
    IReadOnlyList<CampaignContent> Contents,
    int PlanPass,
    string? PlanAfter,
    int BatchCount,
    int Planned,
    DateTimeOffset? PlanLeaseUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt)
{
    private const int MaxContents = 8;

    /// <summary>Content languages, primary subtags.</summary>
    public IReadOnlyList<string> Languages => Contents.Select(c => c.Language).ToList();

    public string FallbackLanguage => LanguageChoice.FallbackOf(Languages.ToList());

    /// <summary>
    /// The planning step in progress: the last contact id of each of its batches (numbered from <see cref="BatchCount"/>),
    /// recorded before any of them is written, so a step resumed after a crash rebuilds exactly those batches.
    /// </summary>
    public IReadOnlyList<string>? PlanBounds { get; init; }

    public SendKind Kind { get; init; } = SendKind.Campaign;

    /// <summary>Set for survey waves and reminders.</summary>
    public SurveySend? Survey { get; init; }

    /// <summary>
    /// The planner's passes: each other language's recipients first, then everyone else on the fallback language,
    /// so every batch holds one language and a recipient falls in exactly one pass.
    /// </summary>
    public IReadOnlyList<(string Language, ContactFilter Filter)> Passes()
    {
        var others = Languages.Where(l => l != FallbackLanguage).Order(StringComparer.Ordinal).ToList();
        var baseFilter = ContactFilter.Of(Segment);
        var passes = others.Select(l => (l, baseFilter with { OnlyPrimaryLanguages = [l] })).ToList();
        passes.Add((FallbackLanguage, baseFilter with { ExceptPrimaryLanguages = others }));
        return passes;
    }

    internal TableEntity ToEntity()
    {
        var entity = new TableEntity(CampaignStore.Partition, Id)
        {
            ["Name"] = Name,
            ["VisionId"] = VisionId,
            ["MessageId"] = MessageId,
            ["Segment"] = JsonSerializer.Serialize(Segment, Json.Options),
            ["Stream"] = WireName<MessageStream>.Of(Stream),
            ["ScheduledAt"] = ScheduledAt,
            ["Status"] = WireName<CampaignStatus>.Of(Status),
            ["StatusReason"] = StatusReason,
            ["ContentCount"] = Contents.Count,
            ["PlanPass"] = PlanPass,
            ["PlanAfter"] = PlanAfter,
            ["BatchCount"] = BatchCount,
            ["Planned"] = Planned,
            ["PlanLeaseUntil"] = PlanLeaseUntil,
            ["PlanBounds"] = PlanBounds is { Count: > 0 } bounds ? string.Join(',', bounds) : null,
            ["CreatedAt"] = CreatedAt,
            ["UpdatedAt"] = UpdatedAt,
            ["CompletedAt"] = CompletedAt,
            ["Kind"] = WireName<SendKind>.Of(Kind),
            ["Survey"] = Survey is null ? null : JsonSerializer.Serialize(Survey, Json.Options),
        };
        // One property per language: a rendered email is a few KiB, and a string property holds 32K characters.
        for (var i = 0; i < Math.Min(Contents.Count, MaxContents); i++) entity[$"Content{i}"] = JsonSerializer.Serialize(Contents[i], Json.Options);
        return entity;
    }

    internal static StoredCampaign FromEntity(TableEntity e)
    {
        var contents = new List<CampaignContent>();
        for (var i = 0; i < (e.GetInt32("ContentCount") ?? 0); i++)
        {
            if (e.GetString($"Content{i}") is { } json) contents.Add(JsonSerializer.Deserialize<CampaignContent>(json, Json.Options)!);
        }
        return new StoredCampaign(
            e.RowKey,
            e.GetString("Name") ?? "",
            e.GetString("VisionId") ?? "",
            e.GetString("MessageId") ?? "",
            JsonSerializer.Deserialize<Segment>(e.GetString("Segment") ?? "{}", Json.Options)!,
            WireName<MessageStream>.Parse(e.GetString("Stream")),
            e.GetDateTimeOffset("ScheduledAt") ?? default,
            WireName<CampaignStatus>.Parse(e.GetString("Status")),
            e.GetString("StatusReason"),
            contents,
            e.GetInt32("PlanPass") ?? 0,
            e.GetString("PlanAfter"),
            e.GetInt32("BatchCount") ?? 0,
            e.GetInt32("Planned") ?? 0,
            e.GetDateTimeOffset("PlanLeaseUntil"),
            e.GetDateTimeOffset("CreatedAt") ?? default,
            e.GetDateTimeOffset("UpdatedAt") ?? default,
            e.GetDateTimeOffset("CompletedAt"))
        {
            PlanBounds = e.GetString("PlanBounds") is { Length: > 0 } bounds ? bounds.Split(',') : null,
            Kind = e.GetString("Kind") is { } kind ? WireName<SendKind>.Parse(kind) : SendKind.Campaign,
            Survey = e.GetString("Survey") is { Length: > 0 } survey ? JsonSerializer.Deserialize<SurveySend>(survey, Json.Options) : null,
        };
    }
}
