using Microsoft.Extensions.Options;
using PlComms.Platform.Functions;
using PlComms.Platform.Queues;
using PlComms.Results.Pages;

namespace PlComms.Results;

/// <summary>Survey results: aggregation rounds on a queue, the report and its CSV, follow-up rules and what they fire.</summary>
public static class ResultsFeature
{
    public static IServiceCollection AddResults(this IServiceCollection services)
    {
        services.AddOptions<ResultsOptions>().BindConfiguration(ResultsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ResultsOptions>, ResultsOptions.Validator>();
        services.AddSingleton<ResultsStore>();
        services.AddSingleton<ResultsService>();
        services.AddSingleton<WaveAggregator>();
        services.AddSingleton<FollowUpStore>();
        services.AddSingleton<FollowUpService>();
        services.AddSingleton<IQueueJob, CountBatchJob>();
        services.AddSingleton<ITimerJob, ResultsRoundsJob>();
        services.AddSingleton<ITimerJob, EvaluateFollowUpsJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapResults(this IEndpointRouteBuilder app)
    {
        app.MapResultsEndpoints();
        app.MapFollowUpEndpoints();
        app.MapResultsPages();
        return app;
    }
}
