using Microsoft.Extensions.Caching.Memory;
using PlComms.Campaigns;
using PlComms.Delivery;

namespace PlComms.Surveys;

/// <summary>What a survey link opens: the survey, the wave, and the delivery it answers for.</summary>
public sealed record SurveyLinkTarget(StoredSurvey Survey, SurveySend Wave, string DeliveryId, string Language)
{
    public bool IsClosed(DateTimeOffset now) => now >= Wave.ClosesAt;
}

/// <summary>
/// Resolves a survey link's delivery id to its survey and wave: the wave's send row, then the survey row, each cached
/// for a minute, because a wave going out sends hundreds of people to the same two rows within seconds.
/// </summary>
public sealed class SurveyDirectory(CampaignStore campaigns, SurveyStore surveys, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    private sealed record Wave(SurveySend Send, IReadOnlyList<string> Languages);

    public async Task<SurveyLinkTarget?> ResolveAsync(string deliveryId, CancellationToken ct)
    {
        if (!DeliveryIds.TryParse(deliveryId, out var sendId, out _, out _)) return null;
        var wave = await cache.GetOrCreateAsync("survey-send:" + sendId, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return (await campaigns.GetAsync(sendId, ct))?.Campaign is { Kind: SendKind.SurveyWave, Survey: { } send } c
                ? new Wave(send, c.Languages)
                : null;
        });
        if (wave is null) return null;
        var survey = await cache.GetOrCreateAsync("survey:" + wave.Send.SurveyId, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return (await surveys.GetAsync(wave.Send.SurveyId, ct))?.Survey;
        });
        return survey is null ? null : new SurveyLinkTarget(survey, wave.Send, deliveryId, wave.Languages.FirstOrDefault() ?? "en");
    }
}
