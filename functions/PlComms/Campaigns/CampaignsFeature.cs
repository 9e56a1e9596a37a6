using PlComms.Platform.Functions;

namespace PlComms.Campaigns;

/// <summary>Campaigns: an approved message to a segment, dispatched through the delivery pipeline.</summary>
public static class CampaignsFeature
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<CampaignContents>();
        services.AddSingleton<CampaignStarter>();
        services.AddSingleton<CampaignCommands>();
        services.AddSingleton<Pages.CampaignChoices>();
        services.AddSingleton<ITimerJob, DispatchCampaignsJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapCampaigns(this IEndpointRouteBuilder app)
    {
        app.MapCampaignEndpoints();
        return app;
    }
}
