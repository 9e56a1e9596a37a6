using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>
/// SendGrid's Event Webhook end to end: signed batches against deliveries of a campaign sent through the real
/// pipeline, the campaign report's counters, the suppressions they imply, replays, and refused calls.
/// </summary>
[Collection(EventsCollection.Name)]
public sealed class SendGridWebhookTests(EventsFixture fixture)
{
    private static readonly string[] EventCounters =
        ["delivered", "deferred", "bounced", "blocked", "dropped", "spamReports", "unsubscribed", "opened", "clicked"];

    private static JsonObject Event(string type, Recipient? to, string? eventId = null, Action<JsonObject>? change = null)
    {
        var e = new JsonObject
        {
            ["email"] = to?.Email ?? "nobody@example.org",
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["event"] = type,
            ["sg_event_id"] = eventId ?? Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            ["sg_message_id"] = "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
        };
        if (to is not null) e["delivery_id"] = to.DeliveryId;
        change?.Invoke(e);
        return e;
    }

    private static void AssertCounts(JsonObject progress, params (string Counter, int Expected)[] expected)
    {
        foreach (var counter in EventCounters)
        {
            var want = expected.FirstOrDefault(x => x.Counter == counter).Expected;
            Assert.True(progress[counter]!.GetValue<int>() == want, $"Expected {counter} = {want}: {progress.ToJsonString()}");
        }
    }

    /// <summary>The mixed batch of the first test: one recipient per kind of event, plus noise.</summary>
    private static JsonArray MixedBatch(SentCampaign c)
    {
        var (a, b, cc, d, e, f) = (c.Recipients[0], c.Recipients[1], c.Recipients[2], c.Recipients[3], c.Recipients[4], c.Recipients[5]);
        return
        [
            Event("processed", a),
            Event("delivered", a),
            Event("open", a),
            Event("click", a, change: x => x["url"] = "https://example.org/"),
            Event("bounce", b, change: x => { x["type"] = "bounce"; x["reason"] = "550 5.1.1 no such user"; x["status"] = "5.1.1"; }),
            Event("deferred", cc, change: x => x["response"] = "421 try later"),
            Event("bounce", cc, change: x => { x["type"] = "blocked"; x["reason"] = "550 blocked by policy"; }),
            Event("dropped", d, change: x => x["reason"] = "Bounced Address"),
            Event("spamreport", d),
            Event("unsubscribe", e),
            Event("group_unsubscribe", f, change: x => x["asm_group_id"] = 42),
            Event("group_resubscribe", a),                 // a type the app does not use
            Event("delivered", null),                      // SendGrid's test events carry no delivery_id
        ];
    }

    [Fact]
    public async Task A_signed_mixed_batch_moves_the_campaign_counters_and_suppresses_hard_bounces_spam_reports_and_unsubscribes()
    {
        var campaign = await fixture.SendCampaignAsync(6, "mixed");
        AssertCounts(await fixture.ProgressAsync(campaign.Id));
        var body = EventsFixture.Body(MixedBatch(campaign));

        var response = await fixture.PostSignedAsync(body);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{fixture.Errors}");
        var receipt = await response.ReadObjectAsync();
        Assert.Equal(13, receipt["events"]!.GetValue<int>());
        Assert.Equal(11, receipt["applied"]!.GetValue<int>());
        Assert.Equal(0, receipt["duplicates"]!.GetValue<int>());
        Assert.Equal(1, receipt["unmatched"]!.GetValue<int>());
        Assert.Equal(1, receipt["ignored"]!.GetValue<int>());
        Assert.Equal(4, receipt["suppressed"]!.GetValue<int>());
        Assert.Equal(0, receipt["skipped"]!.GetValue<int>());

        var progress = await fixture.ProgressAsync(campaign.Id);
        AssertCounts(progress, ("delivered", 1), ("deferred", 1), ("bounced", 1), ("blocked", 1), ("dropped", 1), ("spamReports", 1),
            ("unsubscribed", 2), ("opened", 1), ("clicked", 1));
        Assert.Equal(6, progress["sent"]!.GetValue<int>());

        var r = campaign.Recipients;
        Assert.Empty(await fixture.SuppressionsAsync(r[0].Email));   // delivered, opened, clicked
        Assert.Empty(await fixture.SuppressionsAsync(r[2].Email));   // deferred and blocked: the address stays usable
        await AssertSuppressedAsync(r[1].Email, "all", "hard-bounce");
        await AssertSuppressedAsync(r[3].Email, "all", "spam-report");
        await AssertSuppressedAsync(r[4].Email, "announcements", "unsubscribed");
        await AssertSuppressedAsync(r[5].Email, "announcements", "unsubscribed");
    }

    private async Task<JsonObject> AssertSuppressedAsync(string email, string scope, string reason)
    {
        var items = await fixture.SuppressionsAsync(email);
        var only = Assert.Single(items)!.AsObject();
        Assert.Equal(email, only["email"]!.GetValue<string>());
        Assert.Equal(scope, only["scope"]!.GetValue<string>());
        Assert.Equal(reason, only["reason"]!.GetValue<string>());
        Assert.Equal("sendgrid-webhook", only["source"]!.GetValue<string>());
        return only;
    }

    [Fact]
    public async Task Replaying_the_same_events_with_a_fresh_signature_changes_nothing()
    {
        var campaign = await fixture.SendCampaignAsync(6, "replay");
        var body = EventsFixture.Body(MixedBatch(campaign));
        await (await fixture.PostSignedAsync(body)).ReadObjectAsync();
        var before = await fixture.ProgressAsync(campaign.Id);
        var suppressionsBefore = new List<string>();
        foreach (var r in campaign.Recipients) suppressionsBefore.Add((await fixture.SuppressionsAsync(r.Email)).ToJsonString());

        // SendGrid retries a batch with the same sg_event_ids; the signature and timestamp are new.
        await Task.Delay(1100);
        var replay = await fixture.PostSignedAsync(body);

        var receipt = await replay.ReadObjectAsync();
        Assert.Equal(0, receipt["applied"]!.GetValue<int>());
        Assert.Equal(11, receipt["duplicates"]!.GetValue<int>());
        Assert.Equal(0, receipt["suppressed"]!.GetValue<int>());
        Assert.Equal(before.ToJsonString(), (await fixture.ProgressAsync(campaign.Id)).ToJsonString());
        for (var i = 0; i < campaign.Recipients.Count; i++)
            Assert.Equal(suppressionsBefore[i], (await fixture.SuppressionsAsync(campaign.Recipients[i].Email)).ToJsonString());
    }

    [Fact]
    public async Task A_suppression_the_officer_removed_is_not_added_back_by_a_replayed_event()
    {
        var campaign = await fixture.SendCampaignAsync(2, "removed");
        var (bounced, spam) = (campaign.Recipients[0], campaign.Recipients[1]);
        var body = EventsFixture.Body([
            Event("bounce", bounced, change: x => x["type"] = "bounce"),
            Event("spamreport", spam),
        ]);
        await (await fixture.PostSignedAsync(body)).ReadObjectAsync();
        var id = (await AssertSuppressedAsync(bounced.Email, "all", "hard-bounce"))["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Officer.DeleteAsync($"/api/suppressions/{id}")).StatusCode);
        Assert.Empty(await fixture.SuppressionsAsync(bounced.Email));

        await Task.Delay(1100);
        var receipt = await (await fixture.PostSignedAsync(body)).ReadObjectAsync();

        Assert.Equal(0, receipt["suppressed"]!.GetValue<int>());
        Assert.Equal(2, receipt["duplicates"]!.GetValue<int>());
        Assert.Empty(await fixture.SuppressionsAsync(bounced.Email));
        await AssertSuppressedAsync(spam.Email, "all", "spam-report");
        AssertCounts(await fixture.ProgressAsync(campaign.Id), ("bounced", 1), ("spamReports", 1));
    }

    [Fact]
    public async Task The_same_event_twice_in_one_batch_counts_once_and_a_second_event_of_a_kind_for_a_recipient_does_not_recount()
    {
        var campaign = await fixture.SendCampaignAsync(1, "twice");
        var r = campaign.Recipients[0];
        var open = Event("open", r, eventId: "open-1");

        var receipt = await (await fixture.PostSignedAsync(EventsFixture.Body([open, open.DeepClone(), Event("open", r, eventId: "open-2"), Event("delivered", r)]))).ReadObjectAsync();

        Assert.Equal(3, receipt["applied"]!.GetValue<int>());
        Assert.Equal(1, receipt["duplicates"]!.GetValue<int>());
        AssertCounts(await fixture.ProgressAsync(campaign.Id), ("delivered", 1), ("opened", 1));
    }

    public static TheoryData<string> RefusedCalls() => ["forged", "tampered", "no-signature", "no-timestamp", "stale", "future", "not-a-timestamp", "garbage-signature"];

    [Theory]
    [MemberData(nameof(RefusedCalls))]
    public async Task A_forged_tampered_unsigned_or_stale_call_is_refused_with_a_problem_and_changes_nothing(string kind)
    {
        var campaign = await fixture.SendCampaignAsync(2, "refused-" + kind);
        var (bounced, unsubscribed) = (campaign.Recipients[0], campaign.Recipients[1]);
        var body = EventsFixture.Body([
            Event("delivered", bounced),
            Event("bounce", bounced, change: x => x["type"] = "bounce"),
            Event("unsubscribe", unsubscribed),
        ]);
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = EventsFixture.Now();
        var stale = DateTimeOffset.UtcNow.AddMinutes(-11).ToUnixTimeSeconds().ToString();
        var future = DateTimeOffset.UtcNow.AddMinutes(11).ToUnixTimeSeconds().ToString();
        byte[] tampered = [.. body];
        // One byte changed after signing (a letter of the first address), same length.
        tampered[Array.IndexOf(tampered, (byte)'d')] = (byte)'D';

        var response = kind switch
        {
            "forged" => await fixture.PostEventsAsync(body, EventsFixture.Sign(forger, now, body), now),
            "tampered" => await fixture.PostEventsAsync(tampered, EventsFixture.Sign(fixture.SendGridKey, now, body), now),
            "no-signature" => await fixture.PostEventsAsync(body, null, now),
            "no-timestamp" => await fixture.PostEventsAsync(body, EventsFixture.Sign(fixture.SendGridKey, now, body), null),
            "stale" => await fixture.PostEventsAsync(body, EventsFixture.Sign(fixture.SendGridKey, stale, body), stale),
            "future" => await fixture.PostEventsAsync(body, EventsFixture.Sign(fixture.SendGridKey, future, body), future),
            "not-a-timestamp" => await fixture.PostEventsAsync(body, EventsFixture.Sign(fixture.SendGridKey, "soon", body), "soon"),
            "garbage-signature" => await fixture.PostEventsAsync(body, "bm90IGEgc2lnbmF0dXJl", now),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var expected = kind is "no-signature" or "no-timestamp" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
        await response.AssertProblemAsync(expected);
        AssertCounts(await fixture.ProgressAsync(campaign.Id));
        Assert.Empty(await fixture.SuppressionsAsync(bounced.Email));
        Assert.Empty(await fixture.SuppressionsAsync(unsubscribed.Email));

        // The same events, properly signed, are not duplicates of anything: the refused call recorded none of them.
        var receipt = await (await fixture.PostSignedAsync(body)).ReadObjectAsync();
        Assert.Equal(3, receipt["applied"]!.GetValue<int>());
        AssertCounts(await fixture.ProgressAsync(campaign.Id), ("delivered", 1), ("bounced", 1), ("unsubscribed", 1));
    }

    private static (byte[] Body, string Signature, string Timestamp) Oversized()
    {
        var big = new byte[4 * 1024 * 1024 + 1];
        big.AsSpan().Fill((byte)' ');
        big[0] = (byte)'[';
        big[^1] = (byte)']';
        var now = EventsFixture.Now();
        return (big, EventsFixture.Sign(Key.Value, now, big), now);
    }

    // Any key will do: the size is checked before the signature.
    private static readonly Lazy<ECDsa> Key = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256));

    private static HttpRequestMessage OversizedRequest(HttpContent content, string signature, string timestamp)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = content };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Twilio-Email-Event-Webhook-Signature", signature);
        request.Headers.TryAddWithoutValidation("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        // The server answers before reading the body; waiting for 100-continue keeps the client from writing into a closed socket.
        request.Headers.ExpectContinue = true;
        return request;
    }

    [Fact]
    public async Task A_body_over_4_MB_with_a_content_length_is_refused_with_413()
    {
        var (body, signature, timestamp) = Oversized();

        var response = await fixture.Anonymous.SendAsync(OversizedRequest(new ByteArrayContent(body), signature, timestamp));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_chunked_body_over_4_MB_is_refused_with_413()
    {
        var (body, signature, timestamp) = Oversized();
        var request = OversizedRequest(new StreamContent(new UnknownLengthStream(body)), signature, timestamp);
        request.Headers.TransferEncodingChunked = true;

        var response = await fixture.Anonymous.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_signed_body_above_the_apps_usual_256_KiB_json_limit_but_under_4_MB_is_accepted()
    {
        var campaign = await fixture.SendCampaignAsync(1, "large");
        var r = campaign.Recipients[0];
        var events = new JsonArray();
        // About 1 MB: SendGrid batches can be much larger than an officer's JSON request.
        for (var i = 0; i < 3000; i++) events.Add(Event("open", r, eventId: $"large-open-{i}", change: x => x["useragent"] = new string('x', 200)));

        var receipt = await (await fixture.PostSignedAsync(EventsFixture.Body(events))).ReadObjectAsync();

        Assert.Equal(3000, receipt["events"]!.GetValue<int>());
        Assert.Equal(3000, receipt["applied"]!.GetValue<int>());
        AssertCounts(await fixture.ProgressAsync(campaign.Id), ("opened", 1));
    }

    [Fact]
    public async Task A_signed_body_that_is_not_a_json_array_is_a_400_problem()
    {
        var response = await fixture.PostSignedAsync(Encoding.UTF8.GetBytes("""{"event":"delivered"}"""));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Event_ids_with_characters_a_table_key_cannot_hold_are_applied_once_and_do_not_fail_the_batch()
    {
        // Standard base64 ids (SendGrid's older sg_event_ids look like "rWVYmVk90MjZJ9iohOBa3w==") can hold '/' and '+';
        // the parser accepts any printable id, so '#', '?' and '\\' reach the store too.
        var campaign = await fixture.SendCampaignAsync(1, "oddids");
        var r = campaign.Recipients[0];
        var body = EventsFixture.Body([
            Event("processed", r, eventId: "pr/0cessed+id=="),
            Event("delivered", r, eventId: "deli#vered"),
            Event("open", r, eventId: "open?id=1"),
            Event("click", r, eventId: "cl\\ick%2F"),
            Event("deferred", r, eventId: "cl%5Cick%2F"),
        ]);

        var response = await fixture.PostSignedAsync(body);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(5, (await response.ReadObjectAsync())["applied"]!.GetValue<int>());
        AssertCounts(await fixture.ProgressAsync(campaign.Id), ("delivered", 1), ("opened", 1), ("clicked", 1), ("deferred", 1));
        await Task.Delay(1100);
        var replay = await (await fixture.PostSignedAsync(body)).ReadObjectAsync();
        Assert.Equal(0, replay["applied"]!.GetValue<int>());
        Assert.Equal(5, replay["duplicates"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_hard_bounce_without_an_email_field_suppresses_the_contacts_address()
    {
        var campaign = await fixture.SendCampaignAsync(2, "noemail");
        var (bounced, unsubscribed) = (campaign.Recipients[0], campaign.Recipients[1]);

        var receipt = await (await fixture.PostSignedAsync(EventsFixture.Body([
            Event("bounce", bounced, change: x => { x.Remove("email"); x["type"] = "bounce"; }),
            Event("unsubscribe", unsubscribed, change: x => x.Remove("email")),
        ]))).ReadObjectAsync();

        Assert.Equal(2, receipt["suppressed"]!.GetValue<int>());
        await AssertSuppressedAsync(bounced.Email, "all", "hard-bounce");
        await AssertSuppressedAsync(unsubscribed.Email, "announcements", "unsubscribed");
    }

    [Theory]
    [InlineData("d-001")]        // another app on the same SendGrid account, or SendGrid's own examples
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("x.00000.p0123456789abcdef0123456789abcdef")]
    public async Task Events_whose_delivery_id_is_not_one_of_ours_are_unmatched_and_suppress_nothing(string deliveryId)
    {
        var email = $"foreign-{Guid.NewGuid():N}@example.org";
        var body = EventsFixture.Body([
            Event("bounce", null, change: x => { x["email"] = email; x["type"] = "bounce"; x["delivery_id"] = deliveryId; }),
            Event("spamreport", null, change: x => { x["email"] = email; x["delivery_id"] = deliveryId; }),
            Event("open", null, change: x => { x["email"] = email; x["delivery_id"] = deliveryId; }),
        ]);

        var response = await fixture.PostSignedAsync(body);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{fixture.Errors}");
        var receipt = await response.ReadObjectAsync();
        Assert.Equal(0, receipt["applied"]!.GetValue<int>());
        Assert.Equal(3, receipt["unmatched"]!.GetValue<int>());
        Assert.Equal(0, receipt["suppressed"]!.GetValue<int>());
        Assert.Empty(await fixture.SuppressionsAsync(email));
    }

    [Fact]
    public async Task Events_for_unknown_deliveries_are_counted_unmatched_and_touch_nothing()
    {
        var campaign = await fixture.SendCampaignAsync(1, "unknown");
        var r = campaign.Recipients[0];
        // A well-formed delivery id of this campaign's batch, but a contact that is not in it, and a batch that does not exist.
        var otherContact = r with { DeliveryId = r.DeliveryId[..^32] + new string('0', 32) };
        var otherBatch = r with { DeliveryId = r.DeliveryId.Replace(".00000.", ".00007.") };

        var receipt = await (await fixture.PostSignedAsync(EventsFixture.Body([Event("delivered", otherContact), Event("delivered", otherBatch)]))).ReadObjectAsync();

        Assert.Equal(0, receipt["applied"]!.GetValue<int>());
        Assert.Equal(2, receipt["unmatched"]!.GetValue<int>());
        AssertCounts(await fixture.ProgressAsync(campaign.Id));
    }

    /// <summary>A stream without a length, so HttpClient sends the body chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}

/// <summary>The webhook on the shared app, which has no verification key.</summary>
[Collection(AppCollection.Name)]
public sealed class SendGridWebhookWithoutKeyTests(AppFixture fixture)
{
    [Fact]
    public async Task Without_a_verification_key_the_webhook_answers_503_and_names_the_setting()
    {
        var body = EventsFixture.Body([new JsonObject { ["event"] = "delivered", ["sg_event_id"] = "x1", ["email"] = "a@example.org" }]);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = EventsFixture.Now();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Twilio-Email-Event-Webhook-Signature", EventsFixture.Sign(key, now, body));
        request.Headers.TryAddWithoutValidation("X-Twilio-Email-Event-Webhook-Timestamp", now);

        var response = await fixture.Anonymous.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("SendGrid__WebhookPublicKey", problem["detail"]!.GetValue<string>());
    }
}
