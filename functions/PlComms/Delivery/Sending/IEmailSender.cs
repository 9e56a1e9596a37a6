namespace PlComms.Delivery.Sending;

/// <summary>
/// Sends one batch. Implementations: SendGrid (production) and the outbox folder of .eml files (local default).
/// Both pass the same contract tests.
/// </summary>
public interface IEmailSender
{
    /// <summary>"sendgrid" or "outbox".</summary>
    string Name { get; }

    /// <summary>Most recipients one call may carry (SendGrid: 1,000 personalizations per request).</summary>
    int MaxRecipientsPerBatch { get; }

    /// <summary>
    /// The longest one <see cref="SendAsync"/> may take. A batch sender starts the call only while its lease covers it, so
    /// a call never ends after another sender could have claimed the batch.
    /// </summary>
    TimeSpan LongestSend { get; }

    Task<SendResult> SendAsync(EmailBatch batch, CancellationToken cancellationToken);
}
