namespace PlComms.Campaigns;

/// <summary>
/// Scheduled until due; Planning while its recipients are snapshotted into batches; Sending until every batch is
/// settled; then Completed. Failed when it could not start (e.g. its message lost its approval); Cancelled by the officer.
/// Draft: a follow-up the results suggested, with its audience and reason, waiting for the officer to choose a message.
/// </summary>
public enum CampaignStatus
{
    Draft,
    Scheduled,
    Planning,
    Sending,
    Completed,
    Failed,
    Cancelled,
}
