using Microsoft.AspNetCore.Http.HttpResults;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;
using PlComms.Shared;

namespace PlComms.Surveys;

/// <summary>The officer's survey API: the question bank, survey definitions, their waves, pause and resume.</summary>
public static class SurveyEndpoints
{
    private const int PageSize = 50;

    public static void MapSurveyEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Surveys");
        api.MapGet(FunctionCatalog.SurveyQuestions.AppPath, Questions)
            .WithSummary("The question bank and the answer scale")
            .ProducesValidationProblem();
        api.MapPost(FunctionCatalog.Surveys.AppPath, CreateAsync)
            .WithSummary("Create a pulse survey: a baseline, then a steady cadence of waves")
            .ReadsJson<SurveyInput>();
        api.MapGet(FunctionCatalog.Surveys.AppPath, ListAsync)
            .WithSummary("List surveys, 50 per page")
            .ProducesValidationProblem();
        api.MapGet(FunctionCatalog.Survey.AppPath, GetAsync)
            .WithSummary("Read a survey with its waves")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(FunctionCatalog.SurveyPause.AppPath, (string id, SurveyService s, CancellationToken ct) => SetStatusAsync(id, SurveyStatus.Paused, s, ct))
            .WithSummary("Pause a survey")
            .WithDescription("Waves that fall due meanwhile are skipped and reminders stop. 409 once the survey is completed.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapPost(FunctionCatalog.SurveyResume.AppPath, (string id, SurveyService s, CancellationToken ct) => SetStatusAsync(id, SurveyStatus.Active, s, ct))
            .WithSummary("Resume a paused survey from its next due wave")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    private static Results<Ok<QuestionBankDocument>, ProblemHttpResult> Questions(string? audience)
    {
        Audience? only = null;
        if (audience is not null)
        {
            if (!WireName<Audience>.TryParse(audience, out var a) || a is not (Audience.Parents or Audience.Teachers))
                return Problems.Validation(new Dictionary<string, string[]> { ["audience"] = ["Use 'parents' or 'teachers'."] });
            only = a;
        }
        var scale = Enumerable.Range(LikertScale.Min, LikertScale.Max).Select(v => new ScaleDocument(v, QuestionBank.ScaleLabel(v), LikertScale.IsFavorable(v))).ToList();
        var questions = QuestionBank.All.Where(q => only is null || q.Audience == only)
            .Select(q => new QuestionDocument(q.Id, q.Audience, q.Kind, q.Topic, q.Text, q.Options.Count > 0 ? q.Options : null)).ToList();
        return TypedResults.Ok(new QuestionBankDocument(scale, questions));
    }

    private static async Task<Results<Created<SurveyDocument>, ProblemHttpResult>> CreateAsync(HttpRequest request, SurveyService service, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<SurveyInput>(request, ct);
        if (problem is not null) return problem;
        var (survey, errors) = await service.CreateAsync(input!, ct);
        if (errors is not null) return Problems.Validation(errors);
        return TypedResults.Created(SurveyService.ApiPath(survey!.Id), SurveyDocument.From(survey, []));
    }

    private static async Task<Results<Ok<SurveyList>, ProblemHttpResult>> ListAsync(string? continuationToken, SurveyStore surveys, CancellationToken ct)
    {
        if (continuationToken is { Length: > 1024 })
            return Problems.Validation(new Dictionary<string, string[]> { ["continuationToken"] = ["The token is not one this API issued."] });
        var (items, next) = await surveys.ListAsync(continuationToken, PageSize, ct);
        return TypedResults.Ok(new SurveyList(items.Select(s => SurveyDocument.From(s)).ToList(), next));
    }

    private static async Task<Results<Ok<SurveyDocument>, ProblemHttpResult>> GetAsync(string id, SurveyService service, CancellationToken ct) =>
        await service.GetAsync(id, ct) is { } found ? TypedResults.Ok(found) : Problems.NotFound("Survey", id);

    /// <summary>Pausing skips the waves that fall due meanwhile and stops reminders; resuming picks up from the next due wave.</summary>
    private static async Task<Results<Ok<SurveyDocument>, ProblemHttpResult>> SetStatusAsync(string id, SurveyStatus status, SurveyService service, CancellationToken ct)
    {
        var (outcome, survey) = await service.SetStatusAsync(id, status, ct);
        return outcome switch
        {
            SurveyStatusChange.Changed or SurveyStatusChange.Unchanged => TypedResults.Ok(SurveyDocument.From(survey!)),
            SurveyStatusChange.Completed => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The survey is completed.", detail: $"Survey '{id}' has run all its waves."),
            SurveyStatusChange.Conflict => Problems.PreconditionFailed(),
            _ => Problems.NotFound("Survey", id),
        };
    }
}
