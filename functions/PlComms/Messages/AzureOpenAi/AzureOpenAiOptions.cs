using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace PlComms.Messages.AzureOpenAi;

/// <summary>
/// Where the Azure OpenAI composer sends its requests (section <c>AzureOpenAI</c>). The composer is
/// registered only when <c>AzureOpenAI__Endpoint</c> is set; without it the template composer is all there is.
/// </summary>
public sealed partial class AzureOpenAiOptions
{
    public const string Section = "AzureOpenAI";
    public const int DefaultTimeoutSeconds = 30;
    public const int DefaultMaxRetries = 2;
    public const int MaxTimeoutSeconds = 300;
    public const int MaxMaxRetries = 10;

    /// <summary>Setting <c>AzureOpenAI__Endpoint</c>: e.g. https://oai-xyz.openai.azure.com/. Plain http only to a loopback address (tests).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Setting <c>AzureOpenAI__Deployment</c>: the model deployment name, which is also the request path segment.</summary>
    public string? Deployment { get; set; }

    /// <summary>
    /// Setting <c>AzureOpenAI__ApiKey</c>: optional. When absent the app authenticates with Entra ID
    /// (<c>DefaultAzureCredential</c>: the managed identity in Azure), which is how infra deploys it:
    /// the account has key auth disabled.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Setting <c>AzureOpenAI__TimeoutSeconds</c>: the most one composition waits for the model, retries
    /// and the repair round included, before it falls back to the template. It bounds a request path.
    /// </summary>
    public int TimeoutSeconds { get; set; } = DefaultTimeoutSeconds;

    /// <summary>Setting <c>AzureOpenAI__MaxRetries</c>: retries of one model call after 429, 5xx or a transport error.</summary>
    public int MaxRetries { get; set; } = DefaultMaxRetries;

    /// <summary>Setting <c>AzureOpenAI__Model</c>: the model name drafts record as their provenance; the deployment name when absent.</summary>
    public string? Model { get; set; }

    public Uri EndpointUri => new(Endpoint!.Trim(), UriKind.Absolute);

    public string DeploymentName => Deployment!.Trim();

    public string ModelLabel => string.IsNullOrWhiteSpace(Model) ? DeploymentName : Model.Trim();

    public bool UsesApiKey => !string.IsNullOrWhiteSpace(ApiKey);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    // Azure's deployment names: letters, digits, '.', '_' and '-', at most 64. Checking it also keeps
    // the value from changing the request path it is placed in.
    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex DeploymentPattern();

    public sealed class Validator : IValidateOptions<AzureOpenAiOptions>
    {
        public ValidateOptionsResult Validate(string? name, AzureOpenAiOptions options)
        {
            var errors = new List<string>();

            if (string.IsNullOrWhiteSpace(options.Endpoint))
                errors.Add("AzureOpenAI__Endpoint is not set: give the Azure OpenAI account's endpoint, e.g. https://<name>.openai.azure.com/.");
            else if (!Uri.TryCreate(options.Endpoint.Trim(), UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
                errors.Add("AzureOpenAI__Endpoint must be an absolute https URI, e.g. https://<name>.openai.azure.com/.");
            else if (endpoint.Scheme == "http" && !IsLoopback(endpoint))
                errors.Add("AzureOpenAI__Endpoint must use https; plain http is allowed only to a loopback address (tests).");
            else if (!string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment) || !string.IsNullOrEmpty(endpoint.UserInfo))
                errors.Add("AzureOpenAI__Endpoint must be the account's base URI, without query, fragment or credentials.");

            if (string.IsNullOrWhiteSpace(options.Deployment))
                errors.Add("AzureOpenAI__Deployment is not set: give the model deployment name (AzureOpenAI__Endpoint is set).");
            else if (!DeploymentPattern().IsMatch(options.Deployment.Trim()))
                errors.Add("AzureOpenAI__Deployment must be 1 to 64 letters, digits, '.', '_' or '-'.");

            // App Service passes an unresolvable Key Vault reference through as its literal text; that must never be sent as a key.
            if (options.ApiKey?.Trim().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true)
                errors.Add("AzureOpenAI__ApiKey is an unresolved Key Vault reference: set the secret and check the identity's Key Vault Secrets User role, or remove the setting to use the managed identity.");

            if (options.TimeoutSeconds is < 1 or > MaxTimeoutSeconds)
                errors.Add($"AzureOpenAI__TimeoutSeconds must be between 1 and {MaxTimeoutSeconds}.");
            if (options.MaxRetries is < 0 or > MaxMaxRetries)
                errors.Add($"AzureOpenAI__MaxRetries must be between 0 and {MaxMaxRetries}.");
            if (options.Model is { Length: > 100 })
                errors.Add("AzureOpenAI__Model must be at most 100 characters.");

            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }

        // Uri.IsLoopback covers "localhost", 127.0.0.0/8 and [::1]: only this machine can read plain http there.
        private static bool IsLoopback(Uri uri) => uri.IsLoopback;
    }
}
