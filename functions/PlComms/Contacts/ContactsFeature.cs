using Microsoft.Extensions.Options;
using PlComms.Platform.Functions;

namespace PlComms.Contacts;

/// <summary>Contacts, their import, segments and retention.</summary>
public static class ContactsFeature
{
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.AddOptions<ContactOptions>().BindConfiguration(ContactOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ContactOptions>, ContactOptions.Validator>();
        services.AddSingleton<ContactStore>();
        services.AddSingleton<ImportLock>();
        services.AddSingleton<ContactImporter>();
        services.AddSingleton<ContactImports>();
        services.AddSingleton<ContactQueries>();
        services.AddSingleton<ImportDrafts>();
        services.AddSingleton<ITimerJob, PurgeStaleContactsJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapContacts(this IEndpointRouteBuilder app)
    {
        app.MapContactEndpoints();
        app.MapContactUploadEndpoint();
        return app;
    }
}
