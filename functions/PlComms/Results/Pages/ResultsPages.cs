using PlComms.Surveys;
using PlComms.WebApp;

namespace PlComms.Results.Pages;

/// <summary>
/// The results pages' one route that is not a page: the CSV export for a signed-in officer (the API's
/// <c>GET /api/surveys/{id}/results.csv</c> needs the key header, which a download link cannot send). Same report,
/// same <see cref="ResultsCsv.Write"/>, so the file is the API's byte for byte.
/// </summary>
public static class ResultsPages
{
    public const string CsvPath = WebAppFeature.Prefix + "/surveys/{id}/results.csv";

    public static void MapResultsPages(this IEndpointRouteBuilder app) =>
        app.MapGet(CsvPath, async Task<IResult> (string id, ResultsService service, HttpResponse response, CancellationToken ct) =>
        {
            // An unknown survey gets the app's not-found page (the status code pages run for an empty 404).
            if (!SurveyService.IsId(id) || await service.BuildAsync(id, ct) is not { } built) return TypedResults.NotFound();
            return ResultsEndpoints.Csv(id, built.Report, response);
        }).RequireAuthorization().ExcludeFromDescription();
}
