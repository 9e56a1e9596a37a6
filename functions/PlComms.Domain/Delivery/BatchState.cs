namespace PlComms.Delivery;

/// <summary>
/// A send batch's life: planned and queued, claimed by one sender (with a lease), then sent, or rejected by the
/// provider, or poisoned after the queue's last try. Cancelled when its campaign was cancelled before it went out;
/// Done when every recipient was skipped.
/// </summary>
public enum BatchState
{
    Queued,
    Sending,
    Sent,
    Rejected,
    Poison,
    Cancelled,
    Done,
}

public static class BatchStates
{
    public static bool IsTerminal(BatchState state) => state is not (BatchState.Queued or BatchState.Sending);
}

/// <summary>A recipient's own state within a batch. Wire ids: "queued", "skipped-suppressed", "skipped-gone", …</summary>
public enum RecipientStatus
{
    Queued,

    /// <summary>Suppressed for the stream (or all mail) when planned or when sent.</summary>
    SkippedSuppressed,

    /// <summary>Erased, or no longer in the audience, by the time the batch was sent.</summary>
    SkippedGone,

    /// <summary>A survey email: the person had another survey email within the survey's throttle period.</summary>
    SkippedThrottled,

    /// <summary>A survey reminder: the person had already answered.</summary>
    SkippedResponded,
}

/// <summary>What a send is: an officer's campaign, a survey wave's invitation, or a wave's reminder to non-respondents.</summary>
public enum SendKind
{
    Campaign,
    SurveyWave,
    SurveyReminder,
}
