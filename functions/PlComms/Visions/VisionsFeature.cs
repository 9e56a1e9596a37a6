using PlComms.Visions.Pages;

namespace PlComms.Visions;

/// <summary>The district's vision: drafts, versions, statement and comparison.</summary>
public static class VisionsFeature
{
    public static IServiceCollection AddVisions(this IServiceCollection services)
    {
        services.AddSingleton<VisionStore>();
        return services;
    }

    public static IEndpointRouteBuilder MapVisions(this IEndpointRouteBuilder app)
    {
        app.MapVisionEndpoints();
        app.MapVisionPreview();
        return app;
    }
}
