namespace PlComms.Campaigns;

/// <summary>
/// Scheduled until due; Planning while its recipients are snapshotted into batches; Sending until every batch is
/// settled; then Completed. Failed when it could not start (e.g. its message lost its approval); Cancelled by the officer.
/// </summary>
public enum CampaignStatus
{
    Scheduled,
    Planning,
    Sending,
    Completed,
    Failed,
    Cancelled,
}
