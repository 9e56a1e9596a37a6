using PlComms.Contacts;
using PlComms.Messages;
using PlComms.Surveys;
using PlComms.Visions;

namespace PlComms.Demo;

/// <summary>
/// The demo district's baseline pulse survey of families, as seed 002 recommends ("a survey at the beginning of your
/// implementation efforts and again periodically thereafter"): every parent question, in English and Spanish, the
/// baseline when the demo is first loaded and then every six weeks, tied to the demo vision.
/// </summary>
public static class DemoSurvey
{
    /// <summary>Fixed, so a restart finds the survey it stored before instead of scheduling a second one.</summary>
    public const string Id = "de305e0000000000000000000000d001";

    public static StoredSurvey Create(DateTimeOffset now)
    {
        var definition = new SurveyDefinition(
            "Baseline family pulse survey",
            new Segment(ContactRole.Parent, [], [], []),
            QuestionBank.DefaultQuestionIds(Shared.Audience.Parents),
            [Language.En, Language.Es],
            new SurveySchedule(null, now, 6, 6),
            SurveyValidator.DefaultWindowDays,
            new ReminderPolicy(SurveyValidator.DefaultReminderAfterDays, SurveyValidator.DefaultReminderCount),
            SurveyValidator.DefaultThrottleDays,
            DemoVision.Id);
        return new StoredSurvey(Id, definition, SurveyStatus.Active, 0, now, now);
    }
}
