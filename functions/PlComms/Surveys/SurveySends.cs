using PlComms.Campaigns;
using PlComms.Delivery;
using PlComms.Messages;
using PlComms.Shared;

namespace PlComms.Surveys;

/// <summary>
/// The sends a survey hands to the delivery pipeline: a wave's invitation and its reminders, born in planning with
/// their email frozen (one content per survey language), so the same planner, batches, sender, suppressions and
/// unsubscribe links carry them as carry campaigns.
/// </summary>
public static class SurveySends
{
    public static StoredCampaign Wave(StoredSurvey survey, StoredWave wave, DateTimeOffset now) =>
        Send(survey, wave, wave.WaveId, $"{survey.Definition.Name}: wave {wave.Index + 1}", SendKind.SurveyWave, null, 0, now);

    public static StoredCampaign Reminder(StoredSurvey survey, StoredWave wave, int number, int waveBatches, DateTimeOffset now) =>
        Send(survey, wave, SurveyIds.Reminder(survey.Id, wave.Index, number), $"{survey.Definition.Name}: wave {wave.Index + 1}, reminder {number}",
            SendKind.SurveyReminder, number, waveBatches, now);

    private static StoredCampaign Send(StoredSurvey survey, StoredWave wave, string id, string name, SendKind kind, int? reminder, int waveBatches, DateTimeOffset now)
    {
        var d = survey.Definition;
        var contents = d.Languages
            .Select(l => (Language: l, Email: SurveyEmail.Render(d, l, wave.ClosesAt, reminder is not null)))
            .Select(x => new CampaignContent(WireName<Language>.Of(x.Language), survey.Id, "", x.Email.Subject, x.Email.Html, x.Email.Text))
            .ToList();
        return new StoredCampaign(id, name, d.VisionId ?? "", survey.Id, d.Segment, MessageStream.Surveys, now, CampaignStatus.Planning, null, contents,
            0, null, 0, 0, null, now, now, null)
        {
            Kind = kind,
            Survey = new SurveySend(survey.Id, wave.Index, wave.WaveId, wave.ClosesAt, d.ThrottleDays, reminder, waveBatches),
        };
    }
}
