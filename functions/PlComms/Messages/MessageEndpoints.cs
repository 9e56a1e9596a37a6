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
        string id, HttpRequest request, MessageWorkflow workflow, CancellationToken ct)
    {
        // An unknown vision is a 404 whatever the body says.
        if (!VisionEndpoints.IsId(id)) return Problems.NotFound("Vision", id);
        var (body, problem) = await JsonBody.ReadAsync<GenerateMessagesRequest>(request, ct);
        if (problem is not null) return problem;
        var result = await workflow.GenerateAsync(id, body!, ct);
        return result.Refusal switch
        {
            MessageRefusal.VisionNotFound => Problems.NotFound("Vision", id),
            MessageRefusal.Invalid => Problems.Validation(result.Errors),
            _ => TypedResults.Created(FunctionCatalog.VisionMessages.AppPath.Replace("{id}", id),
                new MessageList(id, result.Vision!.Version, result.Messages.Select(m => MessageDocument.From(m, result.Vision.Version)).ToList())),
        };
    }

    private static async Task<Results<Ok<MessageList>, ProblemHttpResult>> ListAsync(
        string id, string? audience, string? language, string? status, string? composer, bool? usable,
        MessageWorkflow workflow, CancellationToken ct)
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
        if (composer is not null and not TemplateMessageComposer.ComposerName and not AzureOpenAi.AzureOpenAiComposer.ComposerName)
            errors.Add("composer", $"Use {TemplateMessageComposer.ComposerName} or {AzureOpenAi.AzureOpenAiComposer.ComposerName}.");
        if (!errors.IsEmpty) return Problems.Validation(errors.ToDictionary());
        if (await workflow.ListAsync(id, ct) is not var (vision, stored)) return Problems.NotFound("Vision", id);

        var items = stored
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
        string id, string messageId, HttpResponse response, MessageWorkflow workflow, CancellationToken ct)
    {
        var result = await workflow.ReadAsync(id, messageId, ct);
        if (Refused(result, id, messageId) is { } problem) return problem;
        ETags.Set(response, result.Message!.Revision);
        return TypedResults.Ok(MessageDocument.From(result.Message, result.Vision!.Version, result.Renderings));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> EmailPreviewAsync(
        string id, string messageId, MessageWorkflow workflow, IOptions<MessageOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var result = await workflow.RenderAsync(id, messageId, Channel.Email, ct);
        if (Refused(result, id, messageId) is { } problem) return problem;
        var (message, email) = (result.Message!, result.Renderings![0]);
        var eml = EmailPreview.ToEml(email, message.Language, options.Value.PreviewFrom, clock.GetUtcNow());
        var name = $"{WireName<Audience>.Of(message.Audience)}-{message.Language.Tag}-{message.Id}.eml";
        return TypedResults.File(eml, "message/rfc822", name);
    }

    private static async Task<Results<Ok<MessageDocument>, ProblemHttpResult>> EditAsync(
        string id, string messageId, HttpRequest request, HttpResponse response, MessageWorkflow workflow, CancellationToken ct)
    {
        var (revision, body, problem) = await WriteRequestAsync<MessageEditRequest>(request, ct);
        if (problem is not null) return problem;
        var result = await workflow.EditAsync(id, messageId, revision, body!, ct);
        if (Refused(result, id, messageId) is { } refused) return refused;
        ETags.Set(response, result.Message!.Revision);
        return TypedResults.Ok(MessageDocument.From(result.Message, result.Vision!.Version, result.Renderings));
    }

    private static async Task<Results<Ok<MessageDocument>, ProblemHttpResult>> ApproveAsync(
        string id, string messageId, HttpRequest request, HttpResponse response, MessageWorkflow workflow, CancellationToken ct)
    {
        // If-Match pins the approval to the revision the approver actually reviewed.
        var (revision, body, problem) = await WriteRequestAsync<ApproveRequest>(request, ct);
        if (problem is not null) return problem;
        var result = await workflow.ApproveAsync(id, messageId, revision, body!, ct);
        if (Refused(result, id, messageId) is { } refused) return refused;
        ETags.Set(response, result.Message!.Revision);
        return TypedResults.Ok(MessageDocument.From(result.Message, result.Vision!.Version));
    }

    /// <summary>A write's If-Match revision (required) and its JSON body.</summary>
    private static async Task<(int Revision, T? Body, ProblemHttpResult? Problem)> WriteRequestAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        var (expected, problem) = ETags.IfMatch(request, required: true);
        if (problem is not null) return (0, null, problem);
        var (body, bodyProblem) = await JsonBody.ReadAsync<T>(request, ct);
        return (expected ?? 0, body, bodyProblem);
    }

    private static ProblemHttpResult? Refused(MessageResult result, string id, string messageId) => result.Refusal switch
    {
        null => null,
        MessageRefusal.VisionNotFound => Problems.NotFound("Vision", id),
        MessageRefusal.MessageNotFound => Problems.NotFound("Message", messageId),
        MessageRefusal.Invalid => Problems.Validation(result.Errors),
        MessageRefusal.Changed => Problems.PreconditionFailed(),
        MessageRefusal.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The message is stale.",
            detail: MessageWorkflow.StaleDetail(result.Message!, result.Vision!)),
        MessageRefusal.Blocked => TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The message has blocking guardrail violations.",
            Detail = "Fix them by editing the message, then approve it.",
            Extensions = { ["violations"] = result.Message!.Report.Blocking.ToList() },
        }),
        _ => throw new InvalidOperationException($"Unhandled refusal {result.Refusal}."),
    };
}
