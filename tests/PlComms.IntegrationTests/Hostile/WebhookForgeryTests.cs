using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Delivery;
using PlComms.Delivery.SendGrid;
using PlComms.IntegrationTests.Delivery;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.IntegrationTests.Surveys;

namespace PlComms.IntegrationTests.Hostile;

/// <summary>
/// The forgery campaign on SendGrid's event webhook, beyond SendGridWebhookTests' one call per kind: a batch that would
/// bounce and unsubscribe real recipients, sent with forged, altered, misplaced and missing signatures and timestamps,
/// all refused with nothing written; then the same batch properly signed is applied (so the checks can fail), its exact
/// request replayed within the window changes nothing, and replayed once the window has passed is refused.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class WebhookForgeryTests(HostileFixture fixture)
{
    private string Now(TimeSpan? offset = null) => (fixture.Clock.GetUtcNow() + (offset ?? TimeSpan.Zero)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private sealed record Call(string Case, byte[] Body, IReadOnlyList<(string Name, string Value)> Headers);

    private Task<HttpResponseMessage> PostAsync(Call call)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new ByteArrayContent(call.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in call.Headers) request.Headers.TryAddWithoutValidation(name, value);
        return fixture.Anonymous.SendAsync(request);
    }

    private static (string, string) Sig(string value) => (WebhookSignature.SignatureHeader, value);

    private static (string, string) Ts(string value) => (WebhookSignature.TimestampHeader, value);

    [Fact]
    public async Task Forged_altered_unsigned_and_stale_calls_are_refused_a_signed_one_is_applied_and_its_replay_is_harmless_then_refused()
    {
        var school = SurveyFixture.NewSchool("webhook");
        var (campaignId, emails) = await fixture.SendCampaignAsync(school, 2);
        var (bounced, unsubscribed) = (new SentEmail("campaign", emails[0]), new SentEmail("campaign", emails[1]));
        var tag = Guid.NewGuid().ToString("N")[..8];
        var at = fixture.Clock.GetUtcNow().ToUnixTimeSeconds();
        var body = EventsFixture.Body([
            new JsonObject { ["email"] = bounced.To, ["event"] = "delivered", ["sg_event_id"] = $"d-{tag}", ["timestamp"] = at, ["delivery_id"] = bounced.DeliveryId },
            new JsonObject { ["email"] = bounced.To, ["event"] = "bounce", ["type"] = "bounce", ["sg_event_id"] = $"b-{tag}", ["timestamp"] = at, ["delivery_id"] = bounced.DeliveryId },
            new JsonObject { ["email"] = unsubscribed.To, ["event"] = "unsubscribe", ["sg_event_id"] = $"u-{tag}", ["timestamp"] = at, ["delivery_id"] = unsubscribed.DeliveryId },
        ]);
        var key = fixture.SendGridKey;
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = Now();
        var valid = EventsFixture.Sign(key, now, body);

        var calls = Forgeries(body, valid, now, key, forger);
        Assert.True(calls.Count >= 60, $"{calls.Count} forged calls.");
        var refused = await fixture.AssertWritesNothingAsync($"{calls.Count} forged webhook calls", async () =>
        {
            var answers = new List<(string Case, int Status, string? Type)>();
            foreach (var call in calls)
            {
                using var response = await PostAsync(call);
                answers.Add((call.Case, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType));
            }
            return answers;
        });
        var wrong = refused.Where(r => r.Status is not (401 or 403) || r.Type != "application/problem+json").ToList();
        Assert.True(wrong.Count == 0, "Not refused with a 401/403 problem: " + string.Join("; ", wrong.Select(w => $"{w.Case} → {w.Status} {w.Type}")));
        Assert.All(refused.Where(r => r.Case.StartsWith("missing", StringComparison.Ordinal)), r => Assert.Equal(401, r.Status));

        // The same batch, signed by SendGrid's key now: applied, so every refusal above was the signature's doing.
        var genuine = new Call("genuine", body, [Sig(valid), Ts(now)]);
        var receipt = await (await PostAsync(genuine)).ReadObjectAsync();
        Assert.Equal(3, receipt["applied"]!.GetValue<int>());
        Assert.Equal(2, receipt["suppressed"]!.GetValue<int>());
        var suppressions = fixture.Services.GetRequiredService<SuppressionStore>();
        Assert.True((await suppressions.CurrentAsync(CancellationToken.None)).IsSuppressed(bounced.To, MessageStream.Announcements));
        Assert.True((await suppressions.CurrentAsync(CancellationToken.None)).IsSuppressed(unsubscribed.To, MessageStream.Announcements));

        // Captured and replayed byte for byte inside the ten-minute window: every event is a duplicate, nothing changes.
        var replay = await fixture.AssertWritesNothingAsync("a replay inside the window", async () => await (await PostAsync(genuine)).ReadObjectAsync());
        Assert.Equal((0, 3, 0), (replay["applied"]!.GetValue<int>(), replay["duplicates"]!.GetValue<int>(), replay["suppressed"]!.GetValue<int>()));

        // Once the window has passed, the same bytes are refused; so is the old signature under a fresh timestamp.
        fixture.Clock.Advance(WebhookSignature.DefaultMaxSkew + TimeSpan.FromSeconds(1));
        var late = await fixture.AssertWritesNothingAsync("a replay outside the window", async () =>
        {
            using var sameBytes = await PostAsync(genuine);
            using var freshTimestamp = await PostAsync(new Call("old signature, new timestamp", body, [Sig(valid), Ts(Now())]));
            return (await sameBytes.AssertProblemAsync(HttpStatusCode.Forbidden), await freshTimestamp.AssertProblemAsync(HttpStatusCode.Forbidden));
        });
        Assert.Contains("too far from now", late.Item1["detail"]!.GetValue<string>());
        Assert.Contains("does not match", late.Item2["detail"]!.GetValue<string>());
        var progress = (await (await fixture.Officer.GetAsync($"/api/campaigns/{campaignId}")).ReadObjectAsync())["progress"]!;
        Assert.Equal((1, 1, 1), (progress["delivered"]!.GetValue<int>(), progress["bounced"]!.GetValue<int>(), progress["unsubscribed"]!.GetValue<int>()));
    }

    /// <summary>The forged calls, deterministic: every way the signature, the timestamp or the body can be wrong.</summary>
    private List<Call> Forgeries(byte[] body, string valid, string now, ECDsa key, ECDsa forger)
    {
        var random = new Random(8058);
        var calls = new List<Call>
        {
            new("another key's signature", body, [Sig(EventsFixture.Sign(forger, now, body)), Ts(now)]),
            new("signature of another body", body, [Sig(EventsFixture.Sign(key, now, Encoding.UTF8.GetBytes("[]\r\n"))), Ts(now)]),
            new("valid signature, timestamp one second on", body, [Sig(valid), Ts(Now(TimeSpan.FromSeconds(1)))]),
            new("valid signature, body with an event added", [.. body[..^3], .. Encoding.UTF8.GetBytes(""",{"event":"spamreport","sg_event_id":"x"}]""" + "\r\n")], [Sig(valid), Ts(now)]),
            new("valid signature, body without its CRLF", body[..^2], [Sig(valid), Ts(now)]),
            new("valid signature, body with a space", [(byte)' ', .. body], [Sig(valid), Ts(now)]),
            new("signature in raw r||s form", body, [Sig(Convert.ToBase64String(key.SignData([.. Encoding.UTF8.GetBytes(now), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))), Ts(now)]),
            new("signature over the body only", body, [Sig(Convert.ToBase64String(key.SignData(body, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))), Ts(now)]),
            new("signature with SHA-512", body, [Sig(Convert.ToBase64String(key.SignData([.. Encoding.UTF8.GetBytes(now), .. body], HashAlgorithmName.SHA512, DSASignatureFormat.Rfc3279DerSequence))), Ts(now)]),
            new("signature truncated", body, [Sig(valid[..^8]), Ts(now)]),
            new("signature extended", body, [Sig(valid + "AAAA"), Ts(now)]),
            new("signature as base64url", body, [Sig(valid.Replace('+', '-').Replace('/', '_').TrimEnd('=') + "-_"), Ts(now)]),
            new("signature and timestamp swapped", body, [Sig(now), Ts(valid)]),
            new("signature of the stale timestamp", body, [Sig(EventsFixture.Sign(key, Now(TimeSpan.FromMinutes(-11)), body)), Ts(Now(TimeSpan.FromMinutes(-11)))]),
            new("signature of a future timestamp", body, [Sig(EventsFixture.Sign(key, Now(TimeSpan.FromMinutes(11)), body)), Ts(Now(TimeSpan.FromMinutes(11)))]),
            new("timestamp in milliseconds", body, [Sig(EventsFixture.Sign(key, now + "000", body)), Ts(now + "000")]),
            new("timestamp as a date", body, [Sig(EventsFixture.Sign(key, fixture.Clock.GetUtcNow().ToString("R"), body)), Ts(fixture.Clock.GetUtcNow().ToString("R"))]),
            new("empty signature", body, [Sig(""), Ts(now)]),
            new("garbage signature", body, [Sig("not-a-signature"), Ts(now)]),
            new("missing signature", body, [Ts(now)]),
            new("missing timestamp", body, [Sig(valid)]),
            new("missing both headers", body, []),
            new("missing: headers misspelled", body, [("X-Twilio-Email-Event-Webhook-Signatures", valid), ("X-Twilio-Email-Event-Webhook-Time", now)]),
            new("signature header sent twice (joined by the client into one value)", body, [Sig(valid), Sig(valid), Ts(now)]),
            new("missing: empty timestamp", body, [Sig(valid), Ts("")]),
        };
        // Single bit flips of the genuine signature, spread over its bytes.
        var der = Convert.FromBase64String(valid);
        for (var i = 0; i < 40; i++)
        {
            var flipped = der.ToArray();
            var index = random.Next(flipped.Length);
            flipped[index] ^= (byte)(1 << random.Next(8));
            calls.Add(new($"signature bit {index * 8} flipped", body, [Sig(Convert.ToBase64String(flipped)), Ts(now)]));
        }
        // Single bit flips of the body under the genuine signature.
        for (var i = 0; i < 10; i++)
        {
            var flipped = body.ToArray();
            flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(7));
            calls.Add(new($"body bit flipped ({i})", flipped, [Sig(valid), Ts(now)]));
        }
        return calls;
    }
}
