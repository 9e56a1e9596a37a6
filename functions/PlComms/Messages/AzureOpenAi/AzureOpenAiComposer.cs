using System.ClientModel;
using System.Text.Json;
using Azure;
using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using OpenAI.Chat;

namespace PlComms.Messages.AzureOpenAi;

/// <summary>
/// Writes the structured message with an Azure OpenAI chat deployment, using a strict JSON-schema
/// response format, then puts it through the same guardrails as the template. One repair round
/// sends the guardrails' findings back. Whatever goes wrong (timeout, 429s, the content filter,
/// malformed output, guardrails still failing, the service unreachable), the caller gets the
/// template's draft with the reason; only the caller's own cancellation propagates.
/// <para>
/// Languages: it writes any BCP 47 language. When the vision has no wording in the message's language for some
/// items (no translation, and no catalog wording for English and Spanish), a first call translates just those
/// items (strict JSON schema, one text per item id, numbers kept); the message is then written and checked against
/// the vision with those translations added, for this message only. The stored vision is never changed, and the
/// template fallback never translates, so it is blocked as untranslated when the vision lacks the language.
/// </para>
/// </summary>
public sealed class AzureOpenAiComposer : IMessageComposer
{
    public const string ComposerName = "openai";

    private readonly AzureOpenAiOptions _options;
    private readonly ChatClient _chat;
    private readonly TimeProvider _time;
    private readonly ILogger<AzureOpenAiComposer> _logger;

    public AzureOpenAiComposer(IOptions<AzureOpenAiOptions> options, TokenCredential credential, TimeProvider time, ILogger<AzureOpenAiComposer> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;

        var clientOptions = new AzureOpenAIClientOptions
        {
            RetryPolicy = new BoundedRetryPolicy(_options.MaxRetries, _options.Timeout, time),
            // The default is 100 s per try; no try may outlast the whole composition's budget.
            NetworkTimeout = _options.Timeout,
        };
        var client = _options.UsesApiKey
            ? new AzureOpenAIClient(_options.EndpointUri, new ApiKeyCredential(_options.ApiKey!.Trim()), clientOptions)
            : new AzureOpenAIClient(_options.EndpointUri, credential, clientOptions);
        _chat = client.GetChatClient(_options.DeploymentName);
    }

    public string Name => ComposerName;

    public async Task<ComposedMessage> ComposeAsync(CompositionRequest request, CancellationToken cancellationToken)
    {
        // The template's draft is the fallback, and its lists and contact line are what the model
        // must reproduce; it is deterministic and cheap, so it is made first, every time.
        var template = TemplateMessageComposer.Compose(request);
        var playbook = AudiencePlaybooks.For(request.Audience);

        var started = _time.GetTimestamp();
        using var budget = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var missing = VisionTranslation.Missing(request.Vision, request.Language, playbook);
            var translated = missing.Count == 0 ? request : request with
            {
                Vision = VisionTranslation.With(request.Vision, request.Language, await TranslateAsync(request, playbook, missing, linked.Token).ConfigureAwait(false)),
            };
            // The lists the model copies (English and Spanish) or translates one for one (any other language).
            var reference = TemplateMessageComposer.Compose(translated).Draft.Message;
            List<ChatMessage> conversation =
            [
                ChatMessage.CreateSystemMessage(MessagePrompt.System(translated, playbook)),
                ChatMessage.CreateUserMessage(MessagePrompt.User(translated, playbook, reference)),
            ];

            for (var round = 1; ; round++)
            {
                var answer = await AskAsync(conversation, request.Language.Template is null, linked.Token).ConfigureAwait(false);
                var draft = MessageDrafts.Review(ToStructured(answer, request, template.Draft.Message), translated.Vision, request.Channels);
                var blocking = draft.Report.Blocking.ToList();
                if (blocking.Count == 0)
                {
                    _logger.LogInformation("Azure OpenAI composed a {Audience}/{Language} message in {Rounds} round(s), {Elapsed} ms.",
                        request.Audience, request.Language, round, (int)_time.GetElapsedTime(started).TotalMilliseconds);
                    return new ComposedMessage(draft, ComposerName, _options.ModelLabel, MessagePrompt.Version, null);
                }
                if (round == 2)
                    throw new ModelFailure(FallbackReasons.Guardrails, string.Join(", ", blocking.Select(v => v.Code).Distinct()));

                _logger.LogInformation("Azure OpenAI message failed guardrails ({Codes}); asking for a repair.",
                    string.Join(", ", blocking.Select(v => v.Code).Distinct()));
                conversation.Add(ChatMessage.CreateAssistantMessage(answer.ToJson()));
                conversation.Add(ChatMessage.CreateUserMessage(MessagePrompt.Repair(blocking)));
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Classify(e, budget.IsCancellationRequested) is { } failure)
        {
            var reason = FallbackReasons.Format(failure.Code, failure.Detail);
            _logger.LogWarning(e is ModelFailure ? null : e,
                "Azure OpenAI composer fell back to the template for a {Audience}/{Language} message after {Elapsed} ms: {Reason}",
                request.Audience, request.Language, (int)_time.GetElapsedTime(started).TotalMilliseconds, reason);
            // Same as TemplateMessageComposer.Compose(request, reason): the draft was already made above.
            return template with { FallbackReason = reason };
        }
    }

    /// <summary>The translation step: one call for every item the message needs in its language and the vision lacks.</summary>
    private async Task<IReadOnlyDictionary<string, string>> TranslateAsync(CompositionRequest request, AudiencePlaybook playbook, IReadOnlyList<MissingWording> missing, CancellationToken cancellationToken)
    {
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(
                ModelTranslations.SchemaName, ModelTranslations.Schema, jsonSchemaFormatDescription: "Translations of a district plan's items, one per id.", jsonSchemaIsStrict: true),
        };
        var text = await CompleteAsync(
            [ChatMessage.CreateSystemMessage(MessagePrompt.TranslationSystem(request, playbook)), ChatMessage.CreateUserMessage(MessagePrompt.TranslationUser(missing))],
            options, cancellationToken).ConfigureAwait(false);
        if (!ModelTranslations.TryParse(text, out var answer, out var error))
            throw new ModelFailure(FallbackReasons.InvalidJson, "translations: " + error);

        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in answer!.Items)
        {
            if (!missing.Any(m => m.Id == item.Id)) throw new ModelFailure(FallbackReasons.InvalidJson, $"translations: unknown item id '{item.Id}'");
            if (!byId.TryAdd(item.Id, item.Text)) throw new ModelFailure(FallbackReasons.InvalidJson, $"translations: item '{item.Id}' twice");
        }
        foreach (var m in missing)
        {
            if (VisionTranslation.Problem(m, byId.GetValueOrDefault(m.Id)) is { } problem)
                throw new ModelFailure(FallbackReasons.InvalidJson, "translations: " + problem);
        }
        _logger.LogInformation("Azure OpenAI translated {Count} vision item(s) into {Language} for a {Audience} message.", missing.Count, request.Language.Tag, request.Audience);
        return byId;
    }

    private async Task<ModelMessage> AskAsync(IEnumerable<ChatMessage> conversation, bool withLabels, CancellationToken cancellationToken)
    {
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(
                ModelMessage.SchemaName, withLabels ? ModelMessage.SchemaWithLabels : ModelMessage.Schema,
                jsonSchemaFormatDescription: "A message from a school district, in the sections the district reviews.", jsonSchemaIsStrict: true),
        };
        var text = await CompleteAsync(conversation, options, cancellationToken).ConfigureAwait(false);
        if (!ModelMessage.TryParse(text, out var message, out var error)) throw new ModelFailure(FallbackReasons.InvalidJson, error);
        if (withLabels && message!.Labels is null) throw new ModelFailure(FallbackReasons.InvalidJson, "the answer has no section headings (labels)");
        return message!;
    }

    /// <summary>One chat completion's text; a filtered, refused or cut-off answer is a <see cref="ModelFailure"/>.</summary>
    private async Task<string> CompleteAsync(IEnumerable<ChatMessage> conversation, ChatCompletionOptions options, CancellationToken cancellationToken)
    {
        ChatCompletion completion = await _chat.CompleteChatAsync(conversation, options, cancellationToken).ConfigureAwait(false);

        if (completion.FinishReason == ChatFinishReason.ContentFilter)
            throw new ModelFailure(FallbackReasons.ContentFilter, "the answer was filtered (finish_reason content_filter)");
        if (!string.IsNullOrWhiteSpace(completion.Refusal))
            throw new ModelFailure(FallbackReasons.ContentFilter, "the model refused: " + completion.Refusal);
        if (completion.FinishReason == ChatFinishReason.Length)
            throw new ModelFailure(FallbackReasons.InvalidJson, "the answer was cut off (finish_reason length)");

        return string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
    }

    private static StructuredMessage ToStructured(ModelMessage answer, CompositionRequest request, StructuredMessage template) => new(
        request.Audience,
        request.Language,
        Headline: answer.Headline.Trim(),
        WhatChanges: Items(answer.WhatChanges),
        WhatStaysTheSame: Items(answer.WhatStaysTheSame),
        Why: answer.Why.Trim(),
        WhatItMeansForYou: answer.WhatItMeansForYou.Trim(),
        NextStep: answer.NextStep.Trim(),
        // The district's own configuration, never the model's words.
        ContactLine: template.ContactLine,
        Labels: request.Language.Template is null && answer.Labels is { } l
            ? new MessageLabels(l.WhatChanges.Trim(), l.WhatStaysTheSame.Trim(), l.Why.Trim(), l.WhatItMeansForYou.Trim(), l.NextStep.Trim())
            : null);

    private static List<string> Items(IEnumerable<string> items) => [.. items.Select(i => i.Trim()).Where(i => i.Length > 0)];

    private sealed record Failure(string Code, string Detail);

    /// <summary>Maps what went wrong to a fallback reason; null for errors that are bugs here and must surface.</summary>
    private Failure? Classify(Exception e, bool budgetSpent) => e switch
    {
        ModelFailure f => new(f.Code, f.Detail),
        // Our budget, or the pipeline's per-try network timeout (which surfaces as a cancellation too).
        OperationCanceledException or TimeoutException => new(FallbackReasons.Timeout, $"no usable answer within {_options.TimeoutSeconds} s"),
        ClientResultException { Status: 429 } r => new(FallbackReasons.RateLimited, RateLimitDetail(r)),
        ClientResultException { Status: 400 } r when IsContentFilter(r) => new(FallbackReasons.ContentFilter, "the prompt was filtered (HTTP 400 content_filter)"),
        ClientResultException { Status: 0 } r => new(FallbackReasons.Unavailable, r.InnerException?.Message ?? r.Message),
        ClientResultException r => new(FallbackReasons.Unavailable, $"HTTP {r.Status} {ErrorCode(r) ?? ""}".TrimEnd()),
        // Entra ID token acquisition: no identity, or IMDS unreachable.
        AuthenticationFailedException or RequestFailedException => new(FallbackReasons.Unavailable, $"authentication: {e.Message}"),
        HttpRequestException or IOException => new(FallbackReasons.Unavailable, e.Message),
        _ when budgetSpent => new(FallbackReasons.Timeout, $"no usable answer within {_options.TimeoutSeconds} s"),
        _ => null,
    };

    private string RateLimitDetail(ClientResultException e) =>
        e.GetRawResponse() is { } response && BoundedRetryPolicy.RetryAfter(response, _time) is { } asked && asked > _options.Timeout
            ? $"HTTP 429; the service asked to wait {asked.TotalSeconds:0} s, longer than the {_options.TimeoutSeconds} s timeout"
            : $"HTTP 429 after {_options.MaxRetries} retries";

    private static bool IsContentFilter(ClientResultException e) =>
        ErrorCode(e) is "content_filter" || InnerErrorCode(e) is "ResponsibleAIPolicyViolation";

    private static string? ErrorCode(ClientResultException e) => ErrorProperty(e, inner: false);

    private static string? InnerErrorCode(ClientResultException e) => ErrorProperty(e, inner: true);

    // Azure answers errors as {"error":{"code":..,"message":..,"innererror":{"code":..}}}.
    private static string? ErrorProperty(ClientResultException e, bool inner)
    {
        try
        {
            var body = e.GetRawResponse()?.Content;
            if (body is null || body.ToMemory().Length == 0) return null;
            using var doc = JsonDocument.Parse(body);
            if (!doc.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object) return null;
            if (inner && (!error.TryGetProperty("innererror", out error) || error.ValueKind != JsonValueKind.Object)) return null;
            return error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An answer the composer cannot use; carries the fallback reason.</summary>
    private sealed class ModelFailure(string code, string detail) : Exception($"{code}: {detail}")
    {
        public string Code { get; } = code;
        public string Detail { get; } = detail;
    }
}
