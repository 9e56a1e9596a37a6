namespace PlComms.Delivery;

/// <summary>
/// The kinds of mail a person can opt out of separately. Wire ids: "surveys", "announcements".
/// Campaigns send announcements; pulse surveys and their reminders send surveys.
/// </summary>
public enum MessageStream
{
    Surveys,
    Announcements,
}
