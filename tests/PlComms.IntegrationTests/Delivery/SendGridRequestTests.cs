using System.Text.Json.Nodes;
using PlComms.Delivery;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>What the SendGrid sender puts on the wire: the real <c>SendGridClient</c> against <see cref="FakeSendGrid"/>.</summary>
public sealed class SendGridRequestTests : IAsyncLifetime
{
    private SendGridHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SendGridHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_batch_is_one_mail_send_request_with_one_personalization_per_recipient()
    {
        var batch = EmailBatches.Spanish(recipients: 4, stream: MessageStream.Surveys);

        var result = await _harness.Sender.SendAsync(batch, CancellationToken.None);

        Assert.Equal(new SendResult(SendOutcome.Accepted, 202), result);
        var request = Assert.Single(_harness.Fake.Requests);
        Assert.Equal(("POST", "/v3/mail/send"), (request.Method, request.Path));
        Assert.Equal($"Bearer {SendGridHarness.ApiKey}", request.Authorization);
        var body = request.Body!;

        Assert.Equal(batch.Recipients.Count, request.Personalizations.Count);
        foreach (var (recipient, p) in batch.Recipients.Zip(request.Personalizations))
        {
            var to = Assert.Single(p!["to"]!.AsArray())!;
            Assert.Equal(recipient.Email, to["email"]!.GetValue<string>());
            Assert.Equal(recipient.Name, to["name"]?.GetValue<string>());
            // Only the opaque delivery id: SendGrid keeps custom args as non-personal data.
            Assert.Equal(["delivery_id"], p["custom_args"]!.AsObject().Select(kv => kv.Key));
            Assert.Equal(recipient.DeliveryId, p["custom_args"]!["delivery_id"]!.GetValue<string>());
            Assert.Equal(recipient.UnsubscribeUrl.AbsoluteUri, p["substitutions"]!["%unsubscribe_url%"]!.GetValue<string>());
            Assert.Single(p["substitutions"]!.AsObject());
            Assert.Equal($"<{recipient.UnsubscribeUrl.AbsoluteUri}>", p["headers"]!["List-Unsubscribe"]!.GetValue<string>());
            Assert.Equal("List-Unsubscribe=One-Click", p["headers"]!["List-Unsubscribe-Post"]!.GetValue<string>());
        }

        Assert.Equal(["surveys"], body["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(SendGridHarness.FromEmail, body["from"]!["email"]!.GetValue<string>());
        Assert.Equal(SendGridHarness.FromName, body["from"]!["name"]!.GetValue<string>());
        Assert.Equal(EmailBatches.SpanishSubject, body["subject"]!.GetValue<string>());
        Assert.Equal(["text/plain", "text/html"], body["content"]!.AsArray().Select(c => c!["type"]!.GetValue<string>()));
        Assert.Equal(EmailBatches.SpanishText, body["content"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(EmailBatches.SpanishHtml, body["content"]![1]!["value"]!.GetValue<string>());
        Assert.Equal("es", body["headers"]!["Content-Language"]!.GetValue<string>());
        Assert.False(body["mail_settings"]!["sandbox_mode"]!["enable"]!.GetValue<bool>());
        Assert.Null(body["custom_args"]);
    }

    [Fact]
    public async Task Tracking_is_off_unless_a_setting_turns_it_on_and_SendGrid_never_adds_its_own_unsubscribe()
    {
        await _harness.Sender.SendAsync(EmailBatches.English(), CancellationToken.None);

        var tracking = Assert.Single(_harness.Fake.Requests).Body!["tracking_settings"]!;
        Assert.False(tracking["click_tracking"]!["enable"]!.GetValue<bool>());
        Assert.False(tracking["click_tracking"]!["enable_text"]!.GetValue<bool>());
        Assert.False(tracking["open_tracking"]!["enable"]!.GetValue<bool>());
        Assert.False(tracking["subscription_tracking"]!["enable"]!.GetValue<bool>());
        Assert.False(tracking["ganalytics"]!["enable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Settings_turn_on_sandbox_mode_and_click_and_open_tracking()
    {
        await using var harness = await SendGridHarness.StartAsync(new Dictionary<string, string?>
        {
            ["SendGrid:SandboxMode"] = "true",
            ["SendGrid:ClickTracking"] = "true",
            ["SendGrid:OpenTracking"] = "true",
        });

        await harness.Sender.SendAsync(EmailBatches.English(), CancellationToken.None);

        var body = Assert.Single(harness.Fake.Requests).Body!;
        Assert.True(body["mail_settings"]!["sandbox_mode"]!["enable"]!.GetValue<bool>());
        Assert.True(body["tracking_settings"]!["click_tracking"]!["enable"]!.GetValue<bool>());
        Assert.True(body["tracking_settings"]!["open_tracking"]!["enable"]!.GetValue<bool>());
        Assert.False(body["tracking_settings"]!["subscription_tracking"]!["enable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_thousand_recipients_go_in_one_request()
    {
        var batch = EmailBatches.Spanish(recipients: 1000);

        var result = await _harness.Sender.SendAsync(batch, CancellationToken.None);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        var request = Assert.Single(_harness.Fake.Requests);
        Assert.Equal(1000, request.Personalizations.Count);
        Assert.Equal(batch.Recipients.Select(r => r.Email), _harness.Fake.AcceptedRecipients);
        Assert.Equal(1000, request.Personalizations.Select(p => p!["custom_args"]!["delivery_id"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_batches_each_go_out_once_and_the_fake_records_them_all()
    {
        // The same families in every batch (different sends), each delivery with an id of its own.
        var batches = Enumerable.Range(0, 8)
            .Select(_ => EmailBatches.Spanish(recipients: 50))
            .Select(b => b with { Recipients = [.. b.Recipients.Select(r => r with { DeliveryId = $"{b.BatchId}-{r.DeliveryId}" })] })
            .ToList();

        var results = await Task.WhenAll(batches.Select(b => _harness.Sender.SendAsync(b, CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(SendOutcome.Accepted, r.Outcome));
        var requests = await _harness.Fake.WaitForRequestsAsync(8, TimeSpan.FromSeconds(5));
        Assert.Equal(8, requests.Count);
        Assert.Equal(400, _harness.Fake.AcceptedRecipients.Count);
        Assert.Equal(
            batches.SelectMany(b => b.Recipients).Select(r => r.DeliveryId).Order(),
            requests.SelectMany(r => r.Personalizations).Select(p => p!["custom_args"]!["delivery_id"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task A_recipient_without_a_name_is_sent_the_address_alone()
    {
        var batch = EmailBatches.English(recipients: 2); // Recipient 2 has no name.

        await _harness.Sender.SendAsync(batch, CancellationToken.None);

        var to = Assert.Single(_harness.Fake.Requests).Personalizations
            .Select(p => p!["to"]![0]!.AsObject())
            .Single(t => t["email"]!.GetValue<string>() == batch.Recipients.Single(r => r.Name is null).Email);
        Assert.False(to.ContainsKey("name"));
    }

    [Fact]
    public async Task Plain_http_unsubscribe_links_are_refused_because_one_click_needs_https()
    {
        var batch = EmailBatches.English(recipients: 1) with { Recipients = [EmailBatches.Recipient(1, scheme: "http")] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _harness.Sender.SendAsync(batch, CancellationToken.None));

        Assert.Contains("https", error.Message, StringComparison.Ordinal);
        Assert.Empty(_harness.Fake.Requests);
    }

    [Fact]
    public async Task The_fake_refuses_what_SendGrid_refuses_so_other_tests_can_trust_an_accepted_request()
    {
        // Premise of every "accepted" assertion: the fake is not a yes-machine.
        _harness.Fake.Enqueue(SendGridReply.Accepted());
        using var http = new HttpClient { BaseAddress = _harness.Fake.Host };
        using var content = new StringContent(new JsonObject { ["personalizations"] = new JsonArray() }.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/mail/send") { Content = content };
        request.Headers.Authorization = new("Bearer", "SG.x");

        using var response = await http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        using var anonymous = await http.PostAsync("/v3/mail/send", new StringContent("{}"));
        Assert.Equal(401, (int)anonymous.StatusCode);
    }
}
