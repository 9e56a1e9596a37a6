using Microsoft.Extensions.Options;

namespace PlComms.Delivery;

/// <summary>
/// The keys of the signed links in emails (section <c>Tokens</c>): <c>Tokens__SigningKeys</c> (<c>kid:base64key,...</c>,
/// a Key Vault secret in Azure) and <c>Tokens__ActiveKeyId</c>. Checked at start-up, so a bad key stops the app
/// instead of breaking every link.
/// </summary>
public sealed class LinkTokenOptions
{
    public const string Section = "Tokens";

    public string? SigningKeys { get; set; }

    public string? ActiveKeyId { get; set; }

    public LinkSigningKeys Parse() =>
        LinkSigningKeys.TryParse(SigningKeys, ActiveKeyId, out var keys, out var error) ? keys : throw new OptionsValidationException(Section, typeof(LinkTokenOptions), [error]);

    public sealed class Validator : IValidateOptions<LinkTokenOptions>
    {
        public ValidateOptionsResult Validate(string? name, LinkTokenOptions o) =>
            LinkSigningKeys.TryParse(o.SigningKeys, o.ActiveKeyId, out _, out var error) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);
    }
}
