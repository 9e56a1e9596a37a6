using Azure;
using Microsoft.Extensions.Options;
using PlComms.Visions;

namespace PlComms.Messages;

/// <summary>Why a message command was refused; the API answers each with its problem, the web app with a sentence.</summary>
public enum MessageRefusal
{
    /// <summary>Fields are wrong: see <see cref="MessageResult.Errors"/>.</summary>
    Invalid,
    VisionNotFound,
    MessageNotFound,

    /// <summary>The message moved on since the revision the officer read (If-Match, or the form's revision).</summary>
    Changed,

    /// <summary>Written from an older version of the vision: edit it or generate it again.</summary>
    Stale,

    /// <summary>A blocking guardrail violation stands: see <see cref="MessageResult.Message"/>'s report.</summary>
    Blocked,
}

/// <summary>A command's message, or why it was refused. A blocked or stale refusal still carries the message.</summary>
public sealed record MessageResult(
    StoredMessage? Message, StoredVision? Vision, MessageRefusal? Refusal, IReadOnlyDictionary<string, string[]> Errors,
    IReadOnlyList<RenderedMessage>? Renderings = null)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public static MessageResult Done(StoredMessage message, StoredVision vision, IReadOnlyList<RenderedMessage>? renderings = null) =>
        new(message, vision, null, NoErrors, renderings);

    public static MessageResult Refused(MessageRefusal refusal, StoredMessage? message = null, StoredVision? vision = null) =>
        new(message, vision, refusal, NoErrors);

    public static MessageResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(null, null, MessageRefusal.Invalid, errors);
}

/// <summary>A generation's stored messages, or why it was refused.</summary>
public sealed record GenerationResult(StoredVision? Vision, IReadOnlyList<StoredMessage> Messages, MessageRefusal? Refusal, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// Generating, reading, editing and approving messages: one implementation for the API
/// (<c>/api/visions/{id}/messages…</c>) and the web app's message pages, so both apply the same validation,
/// guardrails, staleness and approval rules.
/// </summary>
public sealed class MessageWorkflow(VisionStore visions, MessageStore messages, IEnumerable<IMessageComposer> composers, IOptions<MessageOptions> options, TimeProvider clock)
{
    // Azure OpenAI calls are slow; a few at once keeps a 10-message generation quick without a 429 storm.
    private const int ComposeConcurrency = 4;

    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    private readonly Dictionary<string, IMessageComposer> byName = composers.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>The composers this app has (template always; openai when Azure OpenAI is configured).</summary>
    public IReadOnlyCollection<string> Composers => byName.Keys;

    public string DefaultComposer => options.Value.Composer;

    public async Task<GenerationResult> GenerateAsync(string visionId, GenerateMessagesRequest body, CancellationToken ct)
    {
        if (!VisionEndpoints.IsId(visionId) || await visions.GetAsync(visionId, ct) is not { } vision)
            return new(null, [], MessageRefusal.VisionNotFound, NoErrors);
        var validated = MessageRequestValidator.Validate(body, byName.Keys, options.Value.Composer);
        if (!validated.IsValid) return new(vision, [], MessageRefusal.Invalid, validated.Errors);
        var plan = validated.Value!;
        var composer = byName[plan.Composer];

        var requests = plan.Audiences.SelectMany(a => plan.Languages.Select(l =>
            new CompositionRequest(vision.Content, a, l, plan.Channels, options.Value.DistrictContact))).ToList();
        var composed = new ComposedMessage[requests.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = ComposeConcurrency, CancellationToken = ct },
            async (i, token) => composed[i] = await composer.ComposeAsync(requests[i], token));

        var now = clock.GetUtcNow();
        var stored = composed.Select(c => new StoredMessage(
            Guid.CreateVersion7(now).ToString("n"), visionId, vision.Version, plan.Channels, c.Composer, c.Model, c.PromptVersion, c.FallbackReason,
            c.Draft.Message, c.Draft.Report, 1, now, now, null, null, null)).ToList();
        // One transaction: either the whole generation is stored or none of it.
        await messages.AddAllAsync(stored, ct);
        return new(vision, stored, null, NoErrors);
    }

    /// <summary>The vision with its messages, newest first, or null when the vision does not exist.</summary>
    public async Task<(StoredVision Vision, IReadOnlyList<StoredMessage> Messages)?> ListAsync(string visionId, CancellationToken ct)
    {
        if (!VisionEndpoints.IsId(visionId) || await visions.GetAsync(visionId, ct) is not { } vision) return null;
        return (vision, await messages.ListAsync(visionId, ct));
    }

    /// <summary>A message with each channel's rendering, drawn from the vision version it was written from.</summary>
    public async Task<MessageResult> ReadAsync(string visionId, string messageId, CancellationToken ct)
    {
        var found = await FindAsync(visionId, messageId, ct);
        if (found.Refusal is not null) return MessageResult.Refused(found.Refusal.Value);
        var content = await ContentAtAsync(found.Vision!, found.Message!.VisionVersion, ct);
        return MessageResult.Done(found.Message, found.Vision!, ChannelRenderer.RenderAll(found.Message.Message, content, found.Message.Channels));
    }

    /// <summary>One channel's rendering of a message (the only one in its renderings), for the email preview and its .eml.</summary>
    public async Task<MessageResult> RenderAsync(string visionId, string messageId, Channel channel, CancellationToken ct)
    {
        var found = await FindAsync(visionId, messageId, ct);
        if (found.Refusal is not null) return MessageResult.Refused(found.Refusal.Value);
        var content = await ContentAtAsync(found.Vision!, found.Message!.VisionVersion, ct);
        return MessageResult.Done(found.Message, found.Vision!, [ChannelRenderer.Render(found.Message.Message, channel, content)]);
    }

    /// <summary>
    /// Saves an edit made on <paramref name="revision"/>: the guardrails run again against the vision as it is now,
    /// and an approved message is a draft again once its words change.
    /// </summary>
    public async Task<MessageResult> EditAsync(string visionId, string messageId, int revision, MessageEditRequest body, CancellationToken ct)
    {
        var found = await FindAsync(visionId, messageId, ct);
        if (found.Refusal is not null) return MessageResult.Refused(found.Refusal.Value);
        var (vision, current) = (found.Vision!, found.Message!);
        if (current.Revision != revision) return MessageResult.Refused(MessageRefusal.Changed, current, vision);

        var validated = MessageRequestValidator.Validate(body, current.Audience, current.Language, current.Message.Labels);
        if (!validated.IsValid) return MessageResult.Invalid(validated.Errors);

        // An edit is reviewed against the vision as it is now, so it also brings a stale message up to date.
        var draft = MessageDrafts.Review(validated.Value!, vision.Content, current.Channels);
        var rebased = current.VisionVersion != vision.Version;
        var updated = current with
        {
            Message = draft.Message,
            Report = draft.Report,
            VisionVersion = vision.Version,
            Revision = current.Revision + 1,
            UpdatedAt = clock.GetUtcNow(),
            // Approval is pinned to the content hash, so a changed text is a draft again by itself; moving to a
            // newer vision also needs a fresh approval even when the words did not change.
            ApprovedHash = rebased ? null : current.ApprovedHash,
        };
        if (!await messages.ReplaceAsync(updated, found.ETag, ct)) return MessageResult.Refused(MessageRefusal.Changed, current, vision);
        return MessageResult.Done(updated, vision, draft.Renderings);
    }

    /// <summary>Approves <paramref name="revision"/>, the one the approver reviewed, unless it is stale or blocked.</summary>
    public async Task<MessageResult> ApproveAsync(string visionId, string messageId, int revision, ApproveRequest body, CancellationToken ct)
    {
        var found = await FindAsync(visionId, messageId, ct);
        if (found.Refusal is not null) return MessageResult.Refused(found.Refusal.Value);
        var (vision, current) = (found.Vision!, found.Message!);
        if (current.Revision != revision) return MessageResult.Refused(MessageRefusal.Changed, current, vision);

        var approver = MessageRequestValidator.Validate(body);
        if (!approver.IsValid) return MessageResult.Invalid(approver.Errors);
        if (current.IsStaleAgainst(vision.Version)) return MessageResult.Refused(MessageRefusal.Stale, current, vision);
        if (!current.Report.Passes) return MessageResult.Refused(MessageRefusal.Blocked, current, vision);

        var now = clock.GetUtcNow();
        var approved = current with
        {
            ApprovedBy = approver.Value!, ApprovedAt = now, ApprovedHash = current.ContentHash,
            Revision = current.Revision + 1, UpdatedAt = now,
        };
        if (!await messages.ReplaceAsync(approved, found.ETag, ct)) return MessageResult.Refused(MessageRefusal.Changed, current, vision);
        return MessageResult.Done(approved, vision);
    }

    /// <summary>Why a stale message is stale, in the words the API and the pages both use.</summary>
    public static string StaleDetail(StoredMessage message, StoredVision vision) =>
        $"It was written from version {message.VisionVersion} of the vision, which is now at version {vision.Version}. Edit it (it is then checked against the current vision) or generate it again.";

    private sealed record Found(StoredVision? Vision, StoredMessage? Message, ETag ETag, MessageRefusal? Refusal);

    private async Task<Found> FindAsync(string visionId, string messageId, CancellationToken ct)
    {
        if (!VisionEndpoints.IsId(visionId) || await visions.GetAsync(visionId, ct) is not { } vision)
            return new(null, null, default, MessageRefusal.VisionNotFound);
        if (!VisionEndpoints.IsId(messageId) || await messages.GetAsync(visionId, messageId, ct) is not { } row)
            return new(vision, null, default, MessageRefusal.MessageNotFound);
        return new(vision, row.Message, row.ETag, null);
    }

    /// <summary>The vision as it was when the message was written: talking points quote its impacts and timeline.</summary>
    private async Task<VisionContent> ContentAtAsync(StoredVision current, int version, CancellationToken ct) =>
        version == current.Version ? current.Content : (await visions.GetVersionAsync(current.Id, version, ct))?.Content ?? current.Content;
}
