using PlComms.Shared;

namespace PlComms.Messages;

// Request shapes, nullable and stringly typed so validation names the bad field.

public sealed record GenerateMessagesRequest(
    IReadOnlyList<string?>? Audiences,
    IReadOnlyList<string?>? Channels,
    IReadOnlyList<string?>? Languages,
    string? Composer);

public sealed record MessageEditRequest(
    string? Headline,
    IReadOnlyList<string?>? WhatChanges,
    IReadOnlyList<string?>? WhatStaysTheSame,
    string? Why,
    string? WhatItMeansForYou,
    string? NextStep,
    string? ContactLine);

public sealed record ApproveRequest(string? Approver);

/// <summary>A validated generation request: every combination of audience and language, rendered for the channels.</summary>
public sealed record GenerationPlan(IReadOnlyList<Audience> Audiences, IReadOnlyList<Channel> Channels, IReadOnlyList<MessageLanguage> Languages, string Composer);

public static class MessageRequestValidator
{
    public const int HeadlineLength = 200;
    public const int ProseLength = 1500;
    public const int ListItems = 12;
    public const int ListItemLength = 500;
    public const int ContactLength = 300;
    public const int ApproverLength = 100;

    /// <summary>Most languages one generation asks for: 5 audiences × 10 languages stay within one 100-row transaction.</summary>
    public const int MaxLanguages = 10;

    public static ValidationResult<GenerationPlan> Validate(GenerateMessagesRequest request, IReadOnlyCollection<string> composers, string defaultComposer)
    {
        var errors = new ValidationErrors();
        var audiences = Many<Audience>(errors, "audiences", request.Audiences);
        var channels = Many<Channel>(errors, "channels", request.Channels);
        var composer = string.IsNullOrWhiteSpace(request.Composer) ? defaultComposer : request.Composer.Trim();
        if (!composers.Contains(composer))
            errors.Add("composer", $"Unknown or unconfigured composer '{composer}'; available: {string.Join(", ", composers)}.");
        var languages = Languages(errors, request.Languages, composer);
        if (languages.Any(l => l.Template is null) && channels.Contains(Channel.TalkingPoints))
            errors.Add("channels", "Talking points are written in en and es only (their criteria and timeline headings are the template's); leave talking-points out for other languages.");
        return errors.ToResult(new GenerationPlan(audiences, channels, languages, composer));
    }

    /// <summary>
    /// BCP 47 tags, canonical and without repeats; none means en and es. The template composer writes en and es;
    /// any other language needs the Azure OpenAI composer, which writes it and translates what the vision lacks.
    /// </summary>
    private static List<MessageLanguage> Languages(ValidationErrors errors, IReadOnlyList<string?>? values, string composer)
    {
        if (values is null || values.Count == 0) return [MessageLanguage.En, MessageLanguage.Es];
        var result = new List<MessageLanguage>();
        if (!errors.MaxItems("languages", values, MaxLanguages)) return result;
        for (var i = 0; i < values.Count; i++)
        {
            var field = $"languages[{i}]";
            if (!MessageLanguage.TryParse(values[i], out var language))
                errors.Add(field, Contacts.LanguageTags.Explain(values[i]));
            else if (language.Template is null && composer != AzureOpenAi.AzureOpenAiComposer.ComposerName)
                errors.Add(field, $"The {composer} composer writes en and es; '{language.Tag}' needs the openai composer (Azure OpenAI).");
            else if (!result.Contains(language))
                result.Add(language);
        }
        return result;
    }

    /// <summary>Checks an edited message; audience, language and section headings stay those of the stored draft.</summary>
    public static ValidationResult<StructuredMessage> Validate(MessageEditRequest request, Audience audience, MessageLanguage language, MessageLabels? labels = null)
    {
        var errors = new ValidationErrors();
        // Missing sections are reported by the guardrails as blocking, not refused here: a draft may be saved half-done.
        var message = new StructuredMessage(
            audience,
            language,
            errors.OptionalText("headline", request.Headline, HeadlineLength) ?? "",
            List(errors, "whatChanges", request.WhatChanges),
            List(errors, "whatStaysTheSame", request.WhatStaysTheSame),
            errors.OptionalText("why", request.Why, ProseLength) ?? "",
            errors.OptionalText("whatItMeansForYou", request.WhatItMeansForYou, ProseLength) ?? "",
            errors.OptionalText("nextStep", request.NextStep, ProseLength) ?? "",
            errors.OptionalText("contactLine", request.ContactLine, ContactLength) ?? "",
            labels);
        return errors.ToResult(message);
    }

    public static ValidationResult<string> Validate(ApproveRequest request)
    {
        var errors = new ValidationErrors();
        var approver = errors.RequiredText("approver", request.Approver, ApproverLength);
        return errors.ToResult(approver);
    }

    private static List<string> List(ValidationErrors errors, string field, IReadOnlyList<string?>? items)
    {
        var result = new List<string>();
        if (!errors.MaxItems(field, items, ListItems)) return result;
        for (var i = 0; i < items!.Count; i++)
        {
            if (errors.RequiredText($"{field}[{i}]", items[i], ListItemLength) is { } text) result.Add(text);
        }
        return result;
    }

    /// <summary>A missing or empty list means "all of them".</summary>
    private static List<T> Many<T>(ValidationErrors errors, string field, IReadOnlyList<string?>? values) where T : struct, Enum
    {
        if (values is null || values.Count == 0) return [.. Enum.GetValues<T>()];
        var result = new List<T>();
        if (!errors.MaxItems(field, values, Enum.GetValues<T>().Length)) return result;
        for (var i = 0; i < values.Count; i++)
        {
            if (errors.OneOf<T>($"{field}[{i}]", values[i]) is { } value && !result.Contains(value)) result.Add(value);
        }
        return result;
    }
}
