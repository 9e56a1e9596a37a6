using Azure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.Messages;

public static class MessageEndpoints
{
    // Azure OpenAI calls are slow; a few at once keeps a 10-message generation quick without a 429 storm.
    private const int ComposeConcurrency = 4;

    public static void MapMessageEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Messages");
        api.MapPost(FunctionCatalog.VisionMessages.AppPath, GenerateAsync)
            .WithSummary("Generate draft messages from a vision")
            .WithDescription("One draft per audience and language (each list defaults to all), rendered for the channels, stored in one transaction. Composer template (default) or openai when Azure OpenAI is configured.")
            .ReadsJson<GenerateMessagesRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FunctionCatalog.VisionMessages.AppPath, ListAsync)
            .WithSummary("List a vision's messages")
            .WithDescription("With status, staleness, provenance (composer, model, prompt version, fallback reason) and guardrail report; usable=true lists what campaigns may send.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FunctionCatalog.VisionMessage.AppPath, GetAsync)
            .WithSummary("Read a message with each channel's rendering")
            .SendsETag().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut(FunctionCatalog.VisionMessage.AppPath, EditAsync)
            .WithSummary("Edit a message's sections")
            .WithDescription("The guardrails run again against the current vision; an approved message becomes a draft again when its words change. Requires If-Match.")
            .ReadsJson<MessageEditRequest>().ReadsIfMatch(required: true).SendsETag().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FunctionCatalog.VisionMessageEmailPreview.AppPath, EmailPreviewAsync)
            .WithSummary("Download the email rendering as an .eml file")
            .Produces<Stream>(StatusCodes.Status200OK, "message/rfc822").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(FunctionCatalog.VisionMessageApprove.AppPath, ApproveAsync)
            .WithSummary("Approve a message")
            .WithDescription("If-Match pins the approval to the revision you reviewed. 409 while a guardrail violation blocks it, or while it is stale.")
            .ReadsJson<ApproveRequest>().ReadsIfMatch(required: true).SendsETag()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Created<MessageList>, ProblemHttpResult>> GenerateAsync(
        string id, HttpRequest request, VisionStore visions, MessageStore messages, IEnumerable<IMessageComposer> composers,
        IOptions<MessageOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (!VisionEndpoints.IsId(id) || await visions.GetAsync(id, ct) is not { } vision) return Problems.NotFound("Vision", id);
        var (body, problem) = await JsonBody.ReadAsync<GenerateMessagesRequest>(request, ct);
        if (problem is not null) return problem;
        var byName = composers.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var validated = MessageRequestValidator.Validate(body!, byName.Keys, options.Value.Composer);
        if (!validated.IsValid) return Problems.Validation(validated.Errors);
        var plan = validated.Value!;
        var composer = byName[plan.Composer];

        var requests = plan.Audiences.SelectMany(a => plan.Languages.Select(l =>
            new CompositionRequest(vision.Content, a, l, plan.Channels, options.Value.DistrictContact))).ToList();
        var composed = new ComposedMessage[requests.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = ComposeConcurrency, CancellationToken = ct },
            async (i, token) => composed[i] = await composer.ComposeAsync(requests[i], token));

        var now = clock.GetUtcNow();
        var stored = composed.Select(c => new StoredMessage(
            Guid.CreateVersion7(now).ToString("n"), id, vision.Version, plan.Channels, c.Composer, c.Model, c.PromptVersion, c.FallbackReason,
            c.Draft.Message, c.Draft.Report, 1, now, now, null, null, null)).ToList();
        // One transaction: either the whole generation is stored or none of it.
        await messages.AddAllAsync(stored, ct);

        return TypedResults.Created(FunctionCatalog.VisionMessages.AppPath.Replace("{id}", id),
            new MessageList(id, vision.Version, stored.Select(m => MessageDocument.From(m, vision.Version)).ToList()));
    }

    private static async Task<Results<Ok<MessageList>, ProblemHttpResult>> ListAsync(
        string id, string? audience, string? language, string? status, string? composer, bool? usable,
        VisionStore visions, MessageStore messages, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var audienceFilter = audience is null ? null : errors.OneOf<Audience>("audience", audience);
        MessageLanguage? languageFilter = null;
        if (language is not null)
        {
            if (MessageLanguage.TryParse(language, out var parsed)) languageFilter = parsed;
            else errors.Add("language", Contacts.LanguageTags.Explain(language));
        }
        if (status is not null and not MessageDocument.Draft and not MessageDocument.Approved)
            errors.Add("status", "Use draft or approved.");
        if (!errors.IsEmpty) return Problems.Validation(errors.ToDictionary());
        if (!VisionEndpoints.IsId(id) || await visions.GetAsync(id, ct) is not { } vision) return Problems.NotFound("Vision", id);

        var items = (await messages.ListAsync(id, ct))
            .Select(m => MessageDocument.From(m, vision.Version))
            .Where(m => audienceFilter is null || m.Audience == audienceFilter)
            .Where(m => languageFilter is null || m.Language == languageFilter)
            .Where(m => status is null || m.Status == status)
            .Where(m => composer is null || m.Composer == composer)
            .Where(m => usable is null || m.Usable == usable)
            .ToList();
        return TypedResults.Ok(new MessageList(id, vision.Version, items));
    }

    private static async Task<Results<Ok<MessageDocument>, ProblemHttpResult>> GetAsync(
        string id, string messageId, HttpResponse response, VisionStore visions, MessageStore messages, CancellationToken ct)
    {
        var found = await FindAsync(id, messageId, visions, messages, ct);
        if (found.Problem is not null) return found.Problem;
        var (vision, message) = (found.Vision!, found.Message!);
        var renderings = ChannelRenderer.RenderAll(message.Message, await ContentAtAsync(visions, id, message.VisionVersion, vision, ct), message.Channels);
        ETags.Set(response, message.Revision);
        return TypedResults.Ok(MessageDocument.From(message, vision.Version, renderings));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> EmailPreviewAsync(
        string id, string messageId, VisionStore visions, MessageStore messages, IOptions<MessageOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var found = await FindAsync(id, messageId, visions, messages, ct);
        if (found.Problem is not null) return found.Problem;
        var message = found.Message!;
        var email = ChannelRenderer.Render(message.Message, Channel.Email, await ContentAtAsync(visions, id, message.VisionVersion, found.Vision!, ct));
        var eml = EmailPreview.ToEml(email, message.Language, options.Value.PreviewFrom, clock.GetUtcNow());
        var name = $"{WireName<Audience>.Of(message.Audience)}-{message.Language.Tag}-{message.Id}.eml";
        return TypedResults.File(eml, "message/rfc822", name);
    }

    private static async Task<Results<Ok<MessageDocument>, ProblemHttpResult>> EditAsync(
        string id, string messageId, HttpRequest request, HttpResponse response, VisionStore visions, MessageStore messages, TimeProvider clock, CancellationToken ct)
    {
        var found = await FindForWriteAsync(id, messageId, request, visions, messages, ct);
        if (found.Problem is not null) return found.Problem;
        var (vision, current) = (found.Vision!, found.Message!);

        var (body, problem) = await JsonBody.ReadAsync<MessageEditRequest>(request, ct);
        if (problem is not null) return problem;
        var validated = MessageRequestValidator.Validate(body!, current.Audience, current.Language, current.Message.Labels);
        if (!validated.IsValid) return Problems.Validation(validated.Errors);

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
        if (!await messages.ReplaceAsync(updated, found.ETag, ct)) return Problems.PreconditionFailed();
        ETags.Set(response, updated.Revision);
        return TypedResults.Ok(MessageDocument.From(updated, vision.Version, draft.Renderings));
    }

    private static async Task<Results<Ok<MessageDocument>, ProblemHttpResult>> ApproveAsync(
        string id, string messageId, HttpRequest request, HttpResponse response, VisionStore visions, MessageStore messages, TimeProvider clock, CancellationToken ct)
    {
        // If-Match pins the approval to the revision the approver actually reviewed.
        var found = await FindForWriteAsync(id, messageId, request, visions, messages, ct);
        if (found.Problem is not null) return found.Problem;
        var (vision, current) = (found.Vision!, found.Message!);

        var (body, problem) = await JsonBody.ReadAsync<ApproveRequest>(request, ct);
        if (problem is not null) return problem;
        var approver = MessageRequestValidator.Validate(body!);
        if (!approver.IsValid) return Problems.Validation(approver.Errors);

        if (current.IsStaleAgainst(vision.Version))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The message is stale.",
                detail: $"It was written from version {current.VisionVersion} of the vision, which is now at version {vision.Version}. Edit it (it is then checked against the current vision) or generate it again.");
        if (!current.Report.Passes)
            return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The message has blocking guardrail violations.",
                Detail = "Fix them by editing the message, then approve it.",
                Extensions = { ["violations"] = current.Report.Blocking.ToList() },
            });

        var now = clock.GetUtcNow();
        var approved = current with
        {
            ApprovedBy = approver.Value!, ApprovedAt = now, ApprovedHash = current.ContentHash,
            Revision = current.Revision + 1, UpdatedAt = now,
        };
        if (!await messages.ReplaceAsync(approved, found.ETag, ct)) return Problems.PreconditionFailed();
        ETags.Set(response, approved.Revision);
        return TypedResults.Ok(MessageDocument.From(approved, vision.Version));
    }

    private sealed record Found(StoredVision? Vision, StoredMessage? Message, ETag ETag, ProblemHttpResult? Problem);

    private static async Task<Found> FindAsync(string id, string messageId, VisionStore visions, MessageStore messages, CancellationToken ct)
    {
        if (!VisionEndpoints.IsId(id) || await visions.GetAsync(id, ct) is not { } vision)
            return new Found(null, null, default, Problems.NotFound("Vision", id));
        if (!VisionEndpoints.IsId(messageId) || await messages.GetAsync(id, messageId, ct) is not { } row)
            return new Found(null, null, default, Problems.NotFound("Message", messageId));
        return new Found(vision, row.Message, row.ETag, null);
    }

    /// <summary>Like <see cref="FindAsync"/>, and the request's If-Match must name the message's current revision.</summary>
    private static async Task<Found> FindForWriteAsync(string id, string messageId, HttpRequest request, VisionStore visions, MessageStore messages, CancellationToken ct)
    {
        var found = await FindAsync(id, messageId, visions, messages, ct);
        if (found.Problem is not null) return found;
        var (expected, problem) = ETags.IfMatch(request, required: true);
        if (problem is not null) return found with { Problem = problem };
        return expected == found.Message!.Revision ? found : found with { Problem = Problems.PreconditionFailed() };
    }

    /// <summary>The vision as it was when the message was written: talking points quote its impacts and timeline.</summary>
    private static async Task<VisionContent> ContentAtAsync(VisionStore visions, string id, int version, StoredVision current, CancellationToken ct) =>
        version == current.Version ? current.Content : (await visions.GetVersionAsync(id, version, ct))?.Content ?? current.Content;
}
