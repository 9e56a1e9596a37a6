using Microsoft.Extensions.Options;

namespace PlComms.Platform.Storage;

/// <summary>
/// Where the tables live. In Azure the app uses <see cref="TableServiceUri"/> with its managed identity;
/// locally, a connection string to Azurite.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Setting <c>Storage__ConnectionString</c>: an Azurite or account connection string (local only).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Setting <c>Storage__TableServiceUri</c>: e.g. https://acct.table.core.windows.net, reached with DefaultAzureCredential.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>
    /// Setting <c>Storage__QueueServiceUri</c>: e.g. https://acct.queue.core.windows.net, with the managed identity.
    /// Required with <see cref="TableServiceUri"/>; with a connection string the queues come from its QueueEndpoint.
    /// </summary>
    public Uri? QueueServiceUri { get; set; }

    public sealed class Validator : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
            (string.IsNullOrWhiteSpace(options.ConnectionString), options.TableServiceUri is null) switch
            {
                (true, true) => ValidateOptionsResult.Fail(
                    "Storage is not configured: set Storage__TableServiceUri (Azure, managed identity) or Storage__ConnectionString (local Azurite)."),
                (false, false) => ValidateOptionsResult.Fail(
                    "Set only one of Storage__TableServiceUri and Storage__ConnectionString."),
                _ when options.TableServiceUri is { IsAbsoluteUri: false } => ValidateOptionsResult.Fail(
                    "Storage__TableServiceUri must be an absolute https URI."),
                (true, false) when options.QueueServiceUri is null => ValidateOptionsResult.Fail(
                    "Storage__QueueServiceUri is required with Storage__TableServiceUri: the delivery pipeline runs on Storage queues."),
                _ when options.QueueServiceUri is { IsAbsoluteUri: false } => ValidateOptionsResult.Fail(
                    "Storage__QueueServiceUri must be an absolute https URI."),
                // With explicit endpoints (Azurite), a missing QueueEndpoint would silently point the queues at Azure.
                (false, true) when options.ConnectionString!.Contains("TableEndpoint=", StringComparison.OrdinalIgnoreCase)
                                   && !options.ConnectionString.Contains("QueueEndpoint=", StringComparison.OrdinalIgnoreCase) =>
                    ValidateOptionsResult.Fail("Storage__ConnectionString names a TableEndpoint but no QueueEndpoint: the delivery pipeline runs on Storage queues."),
                _ => ValidateOptionsResult.Success,
            };
    }
}
