using Microsoft.Extensions.DependencyInjection.Extensions;
using PlComms.Platform.Functions;

namespace PlComms.Surveys;

/// <summary>Pulse surveys: the question bank, definitions and waves, the survey page, responses and the throttle.</summary>
public static class SurveysFeature
{
    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "plcomms-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The page sends its own frame-ancestors 'none'.
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddSingleton<SurveyStore>();
        services.AddSingleton<SurveyService>();
        services.TryAddKeyedSingleton(ResponseStore.WriteGateKey, (_, _) => ResponseStore.DefaultWriteGate());
        services.AddSingleton<ResponseStore>();
        services.AddSingleton<ThrottleStore>();
        services.AddSingleton<SurveyDirectory>();
        services.AddSingleton<ITimerJob, SurveyWavesJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapSurveys(this IEndpointRouteBuilder app)
    {
        app.MapSurveyEndpoints();
        app.MapSurveyPageEndpoints();
        return app;
    }
}
