using System.Xml.Linq;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using PlComms.Platform.Storage;

namespace PlComms.Platform.Auth;

/// <summary>
/// One data-protection key ring for every instance, kept in table <c>DataProtectionKeys</c>. The officer's session
/// cookie and the antiforgery tokens of the survey page and the web app's forms are protected with it, so a form opened
/// on one instance can be posted to another, and a restart or a scale-out signs no one out.
/// </summary>
public static class DataProtectionKeys
{
    /// <summary>The purpose discriminator every instance shares (by default it would be the content root's path).</summary>
    public const string ApplicationName = "PlComms";

    /// <summary>The framework's hosted service that loads the key ring at start-up (an internal type, so found by name).</summary>
    public const string WarmUpServiceName = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>Call after everything that adds data protection (antiforgery, authentication, Razor components).</summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        // The framework reads the key ring as the host starts, which would now mean a storage call before the app
        // listens: slower starts, and no start at all while storage is unreachable (the app must start and report it).
        // Without its warm-up the ring is read at the first protect or unprotect: a page's form or cookie.
        var warmUp = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == WarmUpServiceName).ToList();
        if (warmUp.Count != 1) throw new InvalidOperationException($"Expected the framework to register {WarmUpServiceName} once; found {warmUp.Count}.");
        services.Remove(warmUp[0]);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new TableXmlRepository(sp.GetRequiredService<AppTables>)));
        return services;
    }
}

/// <summary>
/// The key ring's XML elements, one row each: partition <c>keys</c>, row key the element's friendly name
/// (<c>key-{id}</c>). The interface is synchronous; the key manager reads it once and then caches the ring for a day (and
/// again when it meets a key it does not know).
/// </summary>
/// <remarks>
/// The tables are asked for at the first read, not when the key manager is built: that happens as the app is built
/// (antiforgery checks its services then), and the storage settings are validated later, at start, with their own message.
/// </remarks>
public sealed class TableXmlRepository(Func<AppTables> tables) : IXmlRepository
{
    public const string TableName = "DataProtectionKeys";
    private const string Partition = "keys";

    // PublicationOnly: a failure (storage down at the first read) is not kept, so the next read tries again.
    private readonly Lazy<TableClient> _table = new(() =>
    {
        var client = tables().Service.GetTableClient(TableName);
        client.CreateIfNotExists();
        return client;
    }, LazyThreadSafetyMode.PublicationOnly);

    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. _table.Value.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"))
            .Select(e => XElement.Parse(e.GetString("Xml") ?? throw new InvalidDataException($"Key row {e.RowKey} has no XML.")))];

    public void StoreElement(XElement element, string friendlyName)
    {
        try
        {
            _table.Value.AddEntity(new TableEntity(Partition, friendlyName) { ["Xml"] = element.ToString(SaveOptions.DisableFormatting) });
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Key ids are new GUIDs: a row already there is this element, written by an earlier try of the same call.
        }
    }
}
