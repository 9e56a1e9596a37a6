using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using PlComms.Messages.AzureOpenAi;

namespace PlComms.Messages;

public sealed class MessageOptions
{
    public const string Section = "Messages";

    /// <summary>
    /// Setting <c>Messages__DistrictContact</c>: who families and staff contact, e.g. "the district office at 555-0100".
    /// The contact line names the district office in general when it is empty.
    /// </summary>
    [MaxLength(200)]
    public string? DistrictContact { get; set; }

    /// <summary>Setting <c>Messages__Composer</c>: the composer used when a request names none ("template" or "openai").</summary>
    [RegularExpression("^(template|openai)$")]
    public string Composer { get; set; } = TemplateMessageComposer.ComposerName;

    /// <summary>Setting <c>Messages__PreviewFrom</c>: the From address shown in .eml previews.</summary>
    [EmailAddress]
    public string PreviewFrom { get; set; } = "communications@district.example";

    /// <summary>Choosing the Azure OpenAI composer as the default without configuring it would fail every generation.</summary>
    public sealed class Validator(IConfiguration config) : IValidateOptions<MessageOptions>
    {
        public ValidateOptionsResult Validate(string? name, MessageOptions options) =>
            options.Composer == AzureOpenAiComposer.ComposerName && string.IsNullOrWhiteSpace(config[$"{AzureOpenAiOptions.Section}:Endpoint"])
                ? ValidateOptionsResult.Fail("Messages__Composer is 'openai' but AzureOpenAI__Endpoint is not set.")
                : ValidateOptionsResult.Success;
    }
}
