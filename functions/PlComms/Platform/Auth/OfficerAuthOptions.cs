using Microsoft.Extensions.Options;

namespace PlComms.Platform.Auth;

/// <summary>Officer API keys. There is no default: an app without keys refuses to start.</summary>
public sealed class OfficerAuthOptions
{
    public const string Section = "Officer";
    public const string HeaderName = "X-Api-Key";
    public const int MinimumKeyLength = 24;

    /// <summary>
    /// Setting <c>Officer__ApiKeys</c>: one or more keys separated by commas, so a new key can be
    /// added before the old one is removed.
    /// </summary>
    public string? ApiKeys { get; set; }

    public IReadOnlyList<string> Keys =>
        (ApiKeys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public sealed class Validator : IValidateOptions<OfficerAuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, OfficerAuthOptions options)
        {
            if (options.Keys.Count == 0)
                return ValidateOptionsResult.Fail("Officer__ApiKeys is not set: configure at least one officer API key.");
            // App Service passes an unresolvable Key Vault reference through as its literal text; that must never become a key.
            if (options.Keys.Any(k => k.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase)))
                return ValidateOptionsResult.Fail("Officer__ApiKeys is an unresolved Key Vault reference: set the secret and check the identity's Key Vault Secrets User role.");
            if (options.Keys.Any(k => k.Length < MinimumKeyLength))
                return ValidateOptionsResult.Fail($"Officer__ApiKeys: every key must be at least {MinimumKeyLength} characters.");
            return ValidateOptionsResult.Success;
        }
    }
}
