using System.Text;
using MimeKit;
using PlComms.Delivery;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>The outbox's files: valid MIME that mail clients open, one per delivery, rewritten in place on a retry.</summary>
public sealed class OutboxEmailSenderTests : IDisposable
{
    private readonly OutboxHarness _outbox = new();

    public void Dispose() => _outbox.Dispose();

    [Fact]
    public async Task Each_file_is_a_MIME_message_with_text_and_html_alternatives_and_the_tracing_headers()
    {
        var batch = EmailBatches.Spanish(recipients: 3, stream: MessageStream.Announcements);

        var result = await _outbox.Sender.SendAsync(batch, CancellationToken.None);

        Assert.Equal(SendResult.Accepted(), result);
        Assert.Equal(3, _outbox.Files.Count);
        foreach (var recipient in batch.Recipients)
        {
            var path = Path.Combine(_outbox.Directory, recipient.DeliveryId + ".eml");
            var message = MimeMessage.Load(path);

            Assert.Equal(OutboxHarness.Start, message.Date);
            Assert.Equal("communications@district.example", message.From.Mailboxes.Single().Address);
            Assert.Equal("PlComms", message.From.Mailboxes.Single().Name);
            Assert.Equal(recipient.Email, message.To.Mailboxes.Single().Address);
            Assert.Equal($"{recipient.DeliveryId}@district.example", message.MessageId);
            Assert.Equal(recipient.DeliveryId, message.Headers["X-PlComms-Delivery-Id"]);
            Assert.Equal(batch.BatchId, message.Headers["X-PlComms-Batch-Id"]);
            Assert.Equal("announcements", message.Headers["X-PlComms-Stream"]);
            Assert.Equal($"<{recipient.UnsubscribeUrl.AbsoluteUri}>", message.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);

            var alternative = Assert.IsType<MultipartAlternative>(message.Body);
            Assert.Equal("es", alternative.Headers[HeaderId.ContentLanguage]);
            Assert.Collection(alternative,
                part => AssertText(part, "plain"),
                part => AssertText(part, "html"));
        }

        static void AssertText(MimeEntity part, string subtype)
        {
            var text = Assert.IsType<TextPart>(part);
            Assert.Equal(("text", subtype), (text.ContentType.MediaType, text.ContentType.MediaSubtype));
            Assert.Equal("utf-8", text.ContentType.Charset, ignoreCase: true);
        }
    }

    [Fact]
    public async Task Sending_the_same_batch_again_overwrites_its_files_instead_of_adding_copies()
    {
        var batch = EmailBatches.Spanish(recipients: 5);
        await _outbox.Sender.SendAsync(batch, CancellationToken.None);
        var firstNames = _outbox.Files;
        _outbox.Time.Advance(TimeSpan.FromMinutes(10));

        var result = await _outbox.Sender.SendAsync(batch, CancellationToken.None);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal(firstNames, _outbox.Files); // Same names, and no temp file left behind.
        Assert.All(_outbox.Messages(), m => Assert.Equal(OutboxHarness.Start.AddMinutes(10), m.Date));
    }

    [Fact]
    public async Task Files_are_seven_bit_so_Spanish_survives_any_mail_tool_and_decodes_back_exactly()
    {
        await _outbox.Sender.SendAsync(EmailBatches.Spanish(recipients: 1), CancellationToken.None);

        var bytes = await File.ReadAllBytesAsync(Assert.Single(_outbox.Files));
        Assert.All(bytes, b => Assert.True(b < 0x80, $"byte 0x{b:x2} is not 7-bit"));
        Assert.DoesNotContain("ñ", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);

        var message = Assert.Single(_outbox.Messages());
        Assert.Equal(EmailBatches.SpanishSubject, message.Subject);
        Assert.Equal("José Núñez", message.To.Mailboxes.Single().Name);
        var link = EmailBatches.Recipient(1).UnsubscribeUrl.AbsoluteUri;
        Assert.Equal(EmailBatches.SpanishText.Replace("%unsubscribe_url%", link, StringComparison.Ordinal), message.TextBody);
        Assert.Equal(EmailBatches.SpanishHtml.Replace("%unsubscribe_url%", link, StringComparison.Ordinal), message.HtmlBody);
    }

    [Fact]
    public async Task Delivery_ids_that_are_not_safe_file_names_stay_inside_the_folder_and_apart()
    {
        string[] ids = ["../../escape", "a/b", "a\\b", "a_b", ".hidden", "con moto ñ"];
        var english = EmailBatches.English(recipients: ids.Length);
        var batch = english with { Recipients = [.. english.Recipients.Select((r, i) => r with { DeliveryId = ids[i] })] };

        await _outbox.Sender.SendAsync(batch, CancellationToken.None);
        await _outbox.Sender.SendAsync(batch, CancellationToken.None);

        Assert.Equal(ids.Length, _outbox.EmlFiles.Count);
        Assert.All(_outbox.EmlFiles, f => Assert.Equal(_outbox.Directory, Path.GetDirectoryName(f)));
        Assert.All(_outbox.EmlFiles, f => Assert.False(Path.GetFileName(f).StartsWith('.'), f));
        Assert.Contains(Path.Combine(_outbox.Directory, "a_b.eml"), _outbox.EmlFiles);
        Assert.Equal(ids.Order(StringComparer.Ordinal), _outbox.Messages().Select(m => m.Headers["X-PlComms-Delivery-Id"]).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(_outbox.Root, "escape")));
    }

    [Fact]
    public async Task The_folder_is_created_when_missing()
    {
        Assert.False(Directory.Exists(_outbox.Directory));

        await _outbox.Sender.SendAsync(EmailBatches.English(recipients: 1), CancellationToken.None);

        Assert.Single(_outbox.EmlFiles);
    }

    [Fact]
    public async Task A_folder_that_cannot_be_written_is_Failed_for_the_queue_to_retry()
    {
        using var blocked = new OutboxHarness();
        Directory.CreateDirectory(Path.GetDirectoryName(blocked.Directory)!);
        await File.WriteAllTextAsync(blocked.Directory, "a file where the folder should be");

        var result = await blocked.Sender.SendAsync(EmailBatches.English(recipients: 2), CancellationToken.None);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Contains(blocked.Directory, result.Error, StringComparison.Ordinal);
    }
}
