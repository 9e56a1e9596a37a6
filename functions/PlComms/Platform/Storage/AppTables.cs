using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Options;

namespace PlComms.Platform.Storage;

/// <summary>
/// The app's table clients. Each table is created on first use, not at start-up, so the app
/// starts (and reports unhealthy) while storage is unreachable rather than crash-looping.
/// </summary>
public sealed class AppTables
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    public AppTables(IOptions<StorageOptions> options, TokenCredential credential, StoragePolicies? policies = null)
    {
        var o = options.Value;
        var clientOptions = new TableClientOptions();
        foreach (var policy in policies?.Policies ?? []) clientOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        Service = o.TableServiceUri is { } uri
            ? new TableServiceClient(uri, credential, clientOptions)
            : new TableServiceClient(o.ConnectionString, clientOptions);
    }

    public TableServiceClient Service { get; }

    public async Task<TableClient> GetAsync(string tableName, CancellationToken cancellationToken)
    {
        var lazy = _tables.GetOrAdd(tableName, name => new Lazy<Task<TableClient>>(() => CreateAsync(name)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch when (lazy.Value.IsFaulted)
        {
            // Forget the failure so the next request tries again.
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(tableName, lazy));
            throw;
        }
    }

    private async Task<TableClient> CreateAsync(string name)
    {
        var client = Service.GetTableClient(name);
        await client.CreateIfNotExistsAsync();
        return client;
    }
}
