using PlComms.Campaigns;
using PlComms.Platform.Functions;
using PlComms.Visions;

namespace PlComms.Surveys;

/// <summary>What a pause or resume came to.</summary>
public enum SurveyStatusChange
{
    Changed,
    Unchanged,
    NotFound,
    Completed,
    Conflict,
}

/// <summary>
/// Defining a survey, reading it with its waves, pausing and resuming it: the one place these happen, for the API
/// (<see cref="SurveyEndpoints"/>) and the officer's pages alike.
/// </summary>
public sealed class SurveyService(SurveyStore surveys, VisionStore visions, CampaignStore campaigns, TimeProvider clock)
{
    /// <summary>Validates and stores a new survey: the survey, or the errors by field (nothing stored).</summary>
    public async Task<(StoredSurvey? Survey, IReadOnlyDictionary<string, string[]>? Errors)> CreateAsync(SurveyInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var validated = SurveyValidator.Validate(input, now);
        if (!validated.IsValid) return (null, validated.Errors);
        var definition = validated.Value!;
        if (definition.VisionId is { } visionId && (!VisionEndpoints.IsId(visionId) || await visions.GetAsync(visionId, ct) is null))
            return (null, new Dictionary<string, string[]> { ["visionId"] = [$"There is no vision with id '{visionId}'."] });

        var survey = new StoredSurvey(Guid.CreateVersion7(now).ToString("n"), definition, SurveyStatus.Active, 0, now, now);
        await surveys.AddAsync(survey, ct);
        return (survey, null);
    }

    /// <summary>The survey and where each of its waves stands (null when there is no such survey).</summary>
    public async Task<SurveyDocument?> GetAsync(string id, CancellationToken ct)
    {
        if (!IsId(id) || await surveys.GetAsync(id, ct) is not { } found) return null;
        var waves = new List<WaveDocument>();
        foreach (var (wave, _) in await surveys.WavesAsync(id, ct))
        {
            var send = wave.Status == WaveStatus.Skipped ? null : (await campaigns.GetAsync(wave.WaveId, ct))?.Campaign;
            var reminders = Enumerable.Range(1, wave.RemindersQueued).Select(r => SurveyIds.Reminder(id, wave.Index, r)).ToList();
            waves.Add(new WaveDocument(wave.Index, wave.WaveId, wave.Status, wave.DueAt, wave.OpensAt, wave.ClosesAt, wave.Note, send?.Status, send?.Planned, reminders));
        }
        return SurveyDocument.From(found.Survey, waves);
    }

    /// <summary>Pausing skips the waves that fall due meanwhile and stops reminders; resuming picks up from the next due wave.</summary>
    public async Task<(SurveyStatusChange Outcome, StoredSurvey? Survey)> SetStatusAsync(string id, SurveyStatus status, CancellationToken ct)
    {
        if (!IsId(id)) return (SurveyStatusChange.NotFound, null);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await surveys.GetAsync(id, ct) is not { } found) return (SurveyStatusChange.NotFound, null);
            var (survey, etag) = found;
            if (survey.Status == SurveyStatus.Completed) return (SurveyStatusChange.Completed, survey);
            if (survey.Status == status) return (SurveyStatusChange.Unchanged, survey);
            var changed = survey with { Status = status, UpdatedAt = clock.GetUtcNow() };
            // The timer moves the survey's checkpoint too: a lost race is read again and retried, never overwritten.
            if (await surveys.ReplaceAsync(changed, etag, ct) is not null) return (SurveyStatusChange.Changed, changed);
        }
        return (SurveyStatusChange.Conflict, null);
    }

    /// <summary>The API path of a survey, for a Created response's Location.</summary>
    public static string ApiPath(string id) => FunctionCatalog.Survey.AppPath.Replace("{id}", id);

    public static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
