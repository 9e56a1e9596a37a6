using PlComms.Delivery;
using PlComms.Delivery.Sending;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>
/// What every <see cref="IEmailSender"/> promises, asked of each sender through <see cref="DeliveredEmail"/>: what
/// the recipients would actually get. Each derived class runs every test against its own sender.
/// </summary>
public abstract class EmailSenderContractTests : IAsyncLifetime
{
    protected abstract IEmailSender Sender { get; }

    /// <summary>The messages the last sends produced, one per recipient copy.</summary>
    protected abstract Task<IReadOnlyList<DeliveredEmail>> DeliveredAsync();

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    private async Task<IReadOnlyList<DeliveredEmail>> SendAsync(EmailBatch batch)
    {
        var result = await Sender.SendAsync(batch, CancellationToken.None);
        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        return await DeliveredAsync();
    }

    [Fact]
    public async Task Every_recipient_gets_exactly_one_message()
    {
        var batch = EmailBatches.Spanish(recipients: 7);

        var messages = await SendAsync(batch);

        Assert.Equal(batch.Recipients.Select(r => r.Email).Order(), messages.Select(m => m.ToEmail).Order());
        foreach (var recipient in batch.Recipients)
        {
            var message = Assert.Single(messages, m => m.ToEmail == recipient.Email);
            Assert.Equal(recipient.Name, message.ToName);
        }
    }

    [Fact]
    public async Task Each_message_carries_its_own_unsubscribe_link_in_the_html_and_the_text()
    {
        var batch = EmailBatches.Spanish(recipients: 5);

        var messages = await SendAsync(batch);

        foreach (var recipient in batch.Recipients)
        {
            var message = messages.Single(m => m.ToEmail == recipient.Email);
            var link = recipient.UnsubscribeUrl.AbsoluteUri;
            Assert.Contains($"href=\"{link}\"", message.Html, StringComparison.Ordinal);
            Assert.Contains($"Darse de baja de estos correos: {link}", message.Text, StringComparison.Ordinal);
            foreach (var part in new[] { message.Subject, message.Html, message.Text })
            {
                Assert.DoesNotContain(EmailContent.UnsubscribeUrlPlaceholder, part, StringComparison.Ordinal);
                foreach (var other in batch.Recipients.Where(r => r != recipient))
                    Assert.DoesNotContain(other.UnsubscribeUrl.AbsoluteUri, part, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Each_message_offers_RFC_8058_one_click_unsubscribe_to_its_own_link()
    {
        var batch = EmailBatches.Spanish(recipients: 3);

        var messages = await SendAsync(batch);

        foreach (var recipient in batch.Recipients)
        {
            var message = messages.Single(m => m.ToEmail == recipient.Email);
            Assert.Equal($"<{recipient.UnsubscribeUrl.AbsoluteUri}>", message.Header("List-Unsubscribe"));
            Assert.Equal("List-Unsubscribe=One-Click", message.Header("List-Unsubscribe-Post"));
        }
    }

    [Fact]
    public async Task Each_message_is_traceable_to_its_delivery_id()
    {
        var batch = EmailBatches.English(recipients: 6);

        var messages = await SendAsync(batch);

        foreach (var recipient in batch.Recipients)
            Assert.Equal(recipient.DeliveryId, messages.Single(m => m.ToEmail == recipient.Email).DeliveryId);
    }

    [Theory]
    [InlineData(MessageStream.Surveys, "surveys")]
    [InlineData(MessageStream.Announcements, "announcements")]
    public async Task Each_message_is_marked_with_its_stream(MessageStream stream, string wire)
    {
        var messages = await SendAsync(EmailBatches.Spanish(recipients: 2, stream: stream));

        Assert.All(messages, m => Assert.Equal([wire], m.StreamMarks));
    }

    [Fact]
    public async Task Spanish_subject_body_and_names_arrive_unchanged()
    {
        var batch = EmailBatches.Spanish(recipients: 4);

        var messages = await SendAsync(batch);

        var jose = messages.Single(m => m.ToName == "José Núñez");
        Assert.Equal(EmailBatches.SpanishSubject, jose.Subject);
        Assert.Contains("Los niños y las niñas", jose.Html, StringComparison.Ordinal);
        Assert.Contains("Pingüino, señal, corazón: ñ á é í ó ú ü ¿ ¡ — «comillas».", jose.Html, StringComparison.Ordinal);
        Assert.Contains("Pingüino, señal, corazón: ñ á é í ó ú ü ¿ ¡ — «comillas».", jose.Text, StringComparison.Ordinal);
        Assert.Contains(messages, m => m.ToName == "Zoë O'Brien, Jr.");
    }

    [Theory]
    [InlineData("es")]
    [InlineData("en")]
    public async Task Each_message_states_its_content_language(string language)
    {
        var batch = EmailBatches.Batch(3, MessageStream.Announcements, language, language == "es" ? EmailBatches.SpanishContent : EmailBatches.EnglishContent);

        var messages = await SendAsync(batch);

        Assert.All(messages, m => Assert.Equal(language, m.ContentLanguage));
    }

    [Fact]
    public void A_batch_may_carry_a_thousand_recipients()
    {
        Assert.Equal(1000, Sender.MaxRecipientsPerBatch);
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused_and_nothing_is_sent()
    {
        var batch = EmailBatches.Spanish(recipients: Sender.MaxRecipientsPerBatch + 1);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Sender.SendAsync(batch, CancellationToken.None));

        Assert.Contains("1001 recipients", error.Message, StringComparison.Ordinal);
        Assert.Empty(await DeliveredAsync());
    }

    public static TheoryData<string, Func<EmailBatch, EmailBatch>> BrokenBatches => new()
    {
        { "no recipients", b => b with { Recipients = [] } },
        { "repeats another recipient's email address", b => b with { Recipients = [.. b.Recipients, b.Recipients[0] with { DeliveryId = "dlv-other", Email = b.Recipients[0].Email.ToUpperInvariant() }] } },
        { "twice", b => b with { Recipients = [.. b.Recipients, b.Recipients[0] with { Email = "someone.else@example.org" }] } },
        { "no valid email address", b => b with { Recipients = [b.Recipients[0] with { Email = "Ana <ana@example.org>" }] } },
        { "must both contain %unsubscribe_url%", b => b with { Content = b.Content with { Text = "No link here." } } },
        { "is not a language tag", b => b with { Language = "spanish language" } },
    };

    [Theory]
    [MemberData(nameof(BrokenBatches))]
    public async Task A_malformed_batch_is_refused_and_nothing_is_sent(string expected, Func<EmailBatch, EmailBatch> breakIt)
    {
        var batch = breakIt(EmailBatches.Spanish(recipients: 2));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Sender.SendAsync(batch, CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org", error.Message, StringComparison.Ordinal); // Ids in errors, never addresses.
        Assert.Empty(await DeliveredAsync());
    }
}
