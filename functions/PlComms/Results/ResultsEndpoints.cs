using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;

namespace PlComms.Results;

/// <summary>A group's open comments, for the officer only, and only when the group is large enough that no one stands out.</summary>
public sealed record CommentsDocument(string SurveyId, int WaveIndex, string Group, int Respondents, IReadOnlyList<string> Comments);

/// <summary>The officer's results: the report, its CSV, and open comments of large enough groups.</summary>
public static class ResultsEndpoints
{
    public static void MapResultsEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Results");
        api.MapGet(FunctionCatalog.SurveyResults.AppPath, GetAsync)
            .WithSummary("A survey's results: per wave, question and group, with small groups suppressed")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FunctionCatalog.SurveyResultsCsv.AppPath, CsvAsync)
            .WithSummary("The same results as CSV")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FunctionCatalog.SurveyComments.AppPath, CommentsAsync)
            .WithSummary("A group's open comments, only when the group is large enough that no one stands out")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<SurveyResultsReport>, ProblemHttpResult>> GetAsync(string id, ResultsService service, CancellationToken ct) =>
        IsId(id) && await service.BuildAsync(id, ct) is { } built ? TypedResults.Ok(built.Report) : Problems.NotFound("Survey", id);

    private static async Task<IResult> CsvAsync(string id, ResultsService service, HttpResponse response, CancellationToken ct)
    {
        if (!IsId(id) || await service.BuildAsync(id, ct) is not { } built) return Problems.NotFound("Survey", id);
        return Csv(id, built.Report, response);
    }

    /// <summary>The report as an RFC 4180 download: for the API and for the officer's results page alike.</summary>
    internal static IResult Csv(string id, SurveyResultsReport report, HttpResponse response)
    {
        response.Headers.ContentDisposition = $"attachment; filename=\"survey-{id}-results.csv\"";
        return TypedResults.Text(ResultsCsv.Write(report), "text/csv; charset=utf-8; header=present", Encoding.UTF8);
    }

    /// <param name="waveIndex">The wave's index, as the report and the survey number them (0 is the baseline).</param>
    /// <param name="group"><c>all</c>, <c>school:{id}</c> or <c>language:{code}</c>.</param>
    private static async Task<Results<Ok<CommentsDocument>, ProblemHttpResult>> CommentsAsync(
        string id, int? waveIndex, string? group, ResultsService service, IOptions<ResultsOptions> options, CancellationToken ct)
    {
        if (waveIndex is not { } index || index < 0)
            return Problems.Validation(new Dictionary<string, string[]> { ["waveIndex"] = ["Give the wave's index (0 is the baseline), as the results number waves."] });
        var key = string.IsNullOrWhiteSpace(group) ? WaveTally.AllKey : group.Trim();
        if (!IsId(id) || await service.BuildAsync(id, ct) is not { } built) return Problems.NotFound("Survey", id);
        if (built.Tallies.FirstOrDefault(t => t.Index == index).Tally is not { } tally) return Problems.NotFound("Wave", index.ToString());
        var respondents = tally.Groups.GetValueOrDefault(key)?.Respondents ?? 0;
        var floor = Math.Max(options.Value.CommentsMinGroupSize, 10);
        if (respondents < floor)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The group is too small to show its comments.",
                detail: $"Open comments are shown only for groups of at least {floor} respondents, so nobody can be recognised by what they wrote.");
        var (dimension, value) = WaveTally.Parse(key);
        var comments = tally.Comments.Where(c => dimension switch
        {
            Dimension.School => c.Schools.Contains(value),
            Dimension.Language => Contacts.LanguageTags.Primary(c.Language) == value,
            _ => true,
        }).Select(c => c.Text).ToList();
        return TypedResults.Ok(new CommentsDocument(id, index, key, respondents, comments));
    }

    private static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
