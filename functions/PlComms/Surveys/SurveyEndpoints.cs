using Microsoft.AspNetCore.Http.HttpResults;
using PlComms.Campaigns;
using PlComms.Platform.Functions;
using PlComms.Platform.Http;
using PlComms.Shared;
using PlComms.Visions;

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
        api.MapPost(FunctionCatalog.SurveyPause.AppPath, (string id, SurveyStore s, TimeProvider c, CancellationToken ct) => SetStatusAsync(id, SurveyStatus.Paused, s, c, ct))
            .WithSummary("Pause a survey")
            .WithDescription("Waves that fall due meanwhile are skipped and reminders stop. 409 once the survey is completed.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapPost(FunctionCatalog.SurveyResume.AppPath, (string id, SurveyStore s, TimeProvider c, CancellationToken ct) => SetStatusAsync(id, SurveyStatus.Active, s, c, ct))
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

    private static async Task<Results<Created<SurveyDocument>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, SurveyStore surveys, VisionStore visions, TimeProvider clock, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<SurveyInput>(request, ct);
        if (problem is not null) return problem;
        var now = clock.GetUtcNow();
        var validated = SurveyValidator.Validate(input!, now);
        if (!validated.IsValid) return Problems.Validation(validated.Errors);
        var definition = validated.Value!;
        if (definition.VisionId is { } visionId && (!VisionEndpoints.IsId(visionId) || await visions.GetAsync(visionId, ct) is null))
            return Problems.Validation(new Dictionary<string, string[]> { ["visionId"] = [$"There is no vision with id '{visionId}'."] });

        var survey = new StoredSurvey(Guid.CreateVersion7(now).ToString("n"), definition, SurveyStatus.Active, 0, now, now);
        await surveys.AddAsync(survey, ct);
        return TypedResults.Created(FunctionCatalog.Survey.AppPath.Replace("{id}", survey.Id), SurveyDocument.From(survey, []));
    }

    private static async Task<Results<Ok<SurveyList>, ProblemHttpResult>> ListAsync(string? continuationToken, SurveyStore surveys, CancellationToken ct)
    {
        if (continuationToken is { Length: > 1024 })
            return Problems.Validation(new Dictionary<string, string[]> { ["continuationToken"] = ["The token is not one this API issued."] });
        var (items, next) = await surveys.ListAsync(continuationToken, PageSize, ct);
        return TypedResults.Ok(new SurveyList(items.Select(s => SurveyDocument.From(s)).ToList(), next));
    }

    private static async Task<Results<Ok<SurveyDocument>, ProblemHttpResult>> GetAsync(string id, SurveyStore surveys, CampaignStore campaigns, CancellationToken ct)
    {
        if (!IsId(id) || await surveys.GetAsync(id, ct) is not { } found) return Problems.NotFound("Survey", id);
        var waves = new List<WaveDocument>();
        foreach (var (wave, _) in await surveys.WavesAsync(id, ct))
        {
            var send = wave.Status == WaveStatus.Skipped ? null : (await campaigns.GetAsync(wave.WaveId, ct))?.Campaign;
            var reminders = Enumerable.Range(1, wave.RemindersQueued).Select(r => SurveyIds.Reminder(id, wave.Index, r)).ToList();
            waves.Add(new WaveDocument(wave.Index, wave.WaveId, wave.Status, wave.DueAt, wave.OpensAt, wave.ClosesAt, wave.Note, send?.Status, send?.Planned, reminders));
        }
        return TypedResults.Ok(SurveyDocument.From(found.Survey, waves));
    }

    /// <summary>Pausing skips the waves that fall due meanwhile and stops reminders; resuming picks up from the next due wave.</summary>
    private static async Task<Results<Ok<SurveyDocument>, ProblemHttpResult>> SetStatusAsync(string id, SurveyStatus status, SurveyStore surveys, TimeProvider clock, CancellationToken ct)
    {
        if (!IsId(id)) return Problems.NotFound("Survey", id);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await surveys.GetAsync(id, ct) is not { } found) return Problems.NotFound("Survey", id);
            var (survey, etag) = found;
            if (survey.Status == SurveyStatus.Completed)
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The survey is completed.", detail: $"Survey '{id}' has run all its waves.");
            if (survey.Status == status) return TypedResults.Ok(SurveyDocument.From(survey));
            var changed = survey with { Status = status, UpdatedAt = clock.GetUtcNow() };
            // The timer moves the survey's checkpoint too: a lost race is read again and retried, never overwritten.
            if (await surveys.ReplaceAsync(changed, etag, ct) is not null) return TypedResults.Ok(SurveyDocument.From(changed));
        }
        return Problems.PreconditionFailed();
    }

    private static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
