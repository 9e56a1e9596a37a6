using Microsoft.Extensions.Options;

namespace PlComms.Delivery.Sending.Outbox;

/// <summary>
/// The local default sender: one .eml file per recipient in a folder, which any mail client opens. It needs no
/// account, and the files show exactly what each recipient would get.
/// </summary>
public sealed class OutboxEmailSender : IEmailSender
{
    public const string SenderName = "outbox";

    /// <summary>The same limit as SendGrid, so a batch that works locally works in production.</summary>
    public const int MaxRecipients = 1000;

    private readonly OutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxEmailSender> _logger;

    public OutboxEmailSender(IOptions<OutboxOptions> options, TimeProvider time, ILogger<OutboxEmailSender> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        Directory = _options.FullDirectory;
    }

    public string Name => SenderName;

    public int MaxRecipientsPerBatch => MaxRecipients;

    /// <summary>No bound: a write that outlasts its sender's lease rewrites the same files (one per delivery id), so nobody gets two.</summary>
    public TimeSpan LongestSend => TimeSpan.Zero;

    /// <summary>The full path of the folder the files go to.</summary>
    public string Directory { get; }

    public async Task<SendResult> SendAsync(EmailBatch batch, CancellationToken cancellationToken)
    {
        EmailBatchGuard.Check(batch, MaxRecipients, requireHttpsUnsubscribe: false);
        var date = _time.GetUtcNow();
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            foreach (var recipient in batch.Recipients)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var message = OutboxMessage.Build(batch, recipient, _options, date);
                await WriteAtomicallyAsync(message, Path.Combine(Directory, OutboxFileName.For(recipient.DeliveryId)), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Files written before the failure are overwritten when the queue retries the batch.
            _logger.LogWarning(e, "Outbox could not write batch {BatchId} to {Directory}", batch.BatchId, Directory);
            return new SendResult(SendOutcome.Failed, Error: $"The outbox could not write to {Directory}: {e.Message}");
        }

        _logger.LogInformation("Outbox wrote {Count} messages of batch {BatchId} to {Directory}", batch.Recipients.Count, batch.BatchId, Directory);
        return SendResult.Accepted();
    }

    /// <summary>
    /// Writes beside the target and renames over it. A rename within one folder is atomic, so a reader (or a crash)
    /// sees the old file or the whole new one, never half; the temp file's leading dot and .tmp keep it out of *.eml.
    /// </summary>
    private static async Task WriteAtomicallyAsync(MimeKit.MimeMessage message, string path, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, FileOptions.Asynchronous))
            {
                await message.WriteToAsync(file, cancellationToken).ConfigureAwait(false);
                // On disk before the rename, so a power cut cannot leave the new name on an empty file.
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The write already failed; that error is the one to report.
        }
    }
}
