using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>
/// The one-click unsubscribe link (RFC 8058) of a campaign sent through the real pipeline: the link is read from the
/// outbox file's List-Unsubscribe header, and called on the test server with no cookies, no key and no redirects.
/// </summary>
[Collection(EventsCollection.Name)]
public sealed class UnsubscribeLinkTests(EventsFixture fixture)
{
    private static string Url(string? token) => token is null ? "/api/unsubscribe" : $"/api/unsubscribe?token={Uri.EscapeDataString(token)}";

    private Task<HttpResponseMessage> OneClickAsync(string? token) =>
        fixture.Anonymous.PostAsync(Url(token), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

    private static async Task<string> AssertPageAsync(HttpResponseMessage response, HttpStatusCode status, bool hasBody = true)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("form-action 'self'", csp);
        if (hasBody) Assert.StartsWith("<!DOCTYPE html>", html);
        return html;
    }

    [Fact]
    public async Task The_link_in_the_sent_email_is_a_one_click_link_to_this_apps_unsubscribe_route()
    {
        var campaign = await fixture.SendCampaignAsync(1, "unsub-link");
        var link = campaign.Recipients[0].UnsubscribeLink;

        Assert.Equal("/api/unsubscribe", link.AbsolutePath);
        var verified = fixture.Services.GetRequiredService<LinkTokens>().Verify(campaign.Recipients[0].Token, LinkPurpose.Unsubscribe, DateTimeOffset.UtcNow);
        Assert.True(verified.IsValid);
        Assert.Equal(campaign.Recipients[0].DeliveryId, verified.Claims!.DeliveryId);
        Assert.Equal(MessageStream.Announcements, verified.Claims.Stream);
    }

    [Fact]
    public async Task Get_and_head_of_a_valid_link_show_the_confirmation_page_and_change_nothing()
    {
        var campaign = await fixture.SendCampaignAsync(1, "unsub-get");
        var r = campaign.Recipients[0];

        var get = await fixture.Anonymous.GetAsync(Url(r.Token));
        var head = await fixture.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url(r.Token)));

        var html = await AssertPageAsync(get, HttpStatusCode.OK);
        Assert.Contains("<form method=\"post\"", html);
        Assert.Contains("Opening this page changed nothing", html);
        await AssertPageAsync(head, HttpStatusCode.OK, hasBody: false);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Empty(await fixture.SuppressionsAsync(r.Email));
        Assert.Equal(0, (await fixture.ProgressAsync(campaign.Id))["unsubscribed"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_one_click_post_unsubscribes_from_announcements_answers_200_and_counts_once_however_often_it_is_posted()
    {
        var campaign = await fixture.SendCampaignAsync(2, "unsub-post");
        var (r, other) = (campaign.Recipients[0], campaign.Recipients[1]);

        var first = await OneClickAsync(r.Token);

        var html = await AssertPageAsync(first, HttpStatusCode.OK);
        Assert.Contains("You are unsubscribed", html);
        var suppression = Assert.Single(await fixture.SuppressionsAsync(r.Email))!.AsObject();
        Assert.Equal("announcements", suppression["scope"]!.GetValue<string>());
        Assert.Equal("unsubscribed", suppression["reason"]!.GetValue<string>());
        Assert.Equal("unsubscribe-link", suppression["source"]!.GetValue<string>());
        Assert.Equal(r.Email, suppression["email"]!.GetValue<string>());
        Assert.Equal(1, (await fixture.ProgressAsync(campaign.Id))["unsubscribed"]!.GetValue<int>());
        Assert.Empty(await fixture.SuppressionsAsync(other.Email));

        var second = await OneClickAsync(r.Token);

        await AssertPageAsync(second, HttpStatusCode.OK);
        Assert.Single(await fixture.SuppressionsAsync(r.Email));
        Assert.Equal(1, (await fixture.ProgressAsync(campaign.Id))["unsubscribed"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_confirmation_pages_own_button_post_without_the_one_click_body_also_unsubscribes()
    {
        var campaign = await fixture.SendCampaignAsync(1, "unsub-button");
        var r = campaign.Recipients[0];

        var response = await fixture.Anonymous.PostAsync(Url(r.Token), new FormUrlEncodedContent([]));

        await AssertPageAsync(response, HttpStatusCode.OK);
        Assert.Single(await fixture.SuppressionsAsync(r.Email));
    }

    [Fact]
    public async Task A_sendgrid_unsubscribe_event_after_the_link_was_used_does_not_count_the_recipient_again()
    {
        var campaign = await fixture.SendCampaignAsync(1, "unsub-both");
        var r = campaign.Recipients[0];
        await AssertPageAsync(await OneClickAsync(r.Token), HttpStatusCode.OK);

        var receipt = await (await fixture.PostSignedAsync(EventsFixture.Body([new JsonObject
        {
            ["email"] = r.Email, ["event"] = "unsubscribe", ["sg_event_id"] = "unsub-both-" + Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["delivery_id"] = r.DeliveryId,
        }]))).ReadObjectAsync();

        Assert.Equal(1, receipt["applied"]!.GetValue<int>());
        Assert.Equal(0, receipt["suppressed"]!.GetValue<int>());  // already suppressed for announcements
        Assert.Equal(1, (await fixture.ProgressAsync(campaign.Id))["unsubscribed"]!.GetValue<int>());
        Assert.Single(await fixture.SuppressionsAsync(r.Email));
    }

    [Fact]
    public async Task The_next_campaign_to_the_same_parents_skips_those_unsubscribed_by_link_suppressed_by_the_officer_or_hard_bounced()
    {
        var first = await fixture.SendCampaignAsync(5, "again");
        var r = first.Recipients;
        await AssertPageAsync(await OneClickAsync(r[0].Token), HttpStatusCode.OK);
        await (await fixture.Officer.PostAsync("/api/suppressions", ApiAssertions.JsonContent(new JsonObject { ["email"] = r[1].Email }))).ReadObjectAsync();
        // Suppressed for surveys only: announcements still go out.
        await (await fixture.Officer.PostAsync("/api/suppressions", ApiAssertions.JsonContent(new JsonObject { ["email"] = r[2].Email, ["scope"] = "surveys" }))).ReadObjectAsync();
        await (await fixture.PostSignedAsync(EventsFixture.Body([new JsonObject
        {
            ["email"] = r[3].Email.ToUpperInvariant(), ["event"] = "bounce", ["type"] = "bounce", ["sg_event_id"] = "again-" + Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["delivery_id"] = r[3].DeliveryId,
        }]))).ReadObjectAsync();

        var second = await fixture.SendCampaignAsync(5, "again", skipped: 3, sameAudienceAs: first);

        Assert.Equal(new[] { r[2].Email, r[4].Email }, second.Recipients.Select(x => x.Email));
        Assert.All(second.Recipients, x => Assert.StartsWith(second.Id + ".", x.DeliveryId));
    }

    public static TheoryData<string> BadTokens() => ["tampered-mac", "tampered-payload", "expired", "survey-purpose", "missing", "empty", "garbage", "unknown-key", "other-app-key"];

    private static string Flip(string text, int index) => text[..index] + (text[index] == 'A' ? 'Q' : 'A') + text[(index + 1)..];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_gets_the_friendly_400_page_on_get_head_and_post_and_changes_nothing(string kind)
    {
        var campaign = await fixture.SendCampaignAsync(1, "unsub-bad-" + kind);
        var r = campaign.Recipients[0];
        var tokens = fixture.Services.GetRequiredService<LinkTokens>();
        var parts = r.Token.Split('.');
        string? token = kind switch
        {
            "tampered-mac" => string.Join('.', parts[0], parts[1], parts[2], Flip(parts[3], 0)),
            // Another delivery id in the payload, the MAC kept: a guess at someone else's link.
            "tampered-payload" => string.Join('.', parts[0], parts[1], Flip(parts[2], parts[2].Length - 2), parts[3]),
            "expired" => tokens.Issue(new LinkClaims(LinkPurpose.Unsubscribe, r.DeliveryId, MessageStream.Announcements, DateTimeOffset.UtcNow.AddSeconds(-5))),
            "survey-purpose" => tokens.Issue(new LinkClaims(LinkPurpose.Survey, r.DeliveryId, MessageStream.Announcements, DateTimeOffset.UtcNow.AddDays(1))),
            "missing" => null,
            "empty" => "",
            "garbage" => "not-a-token",
            "unknown-key" => string.Join('.', parts[0], "test9", parts[2], parts[3]),
            "other-app-key" => new LinkTokens(LinkSigningKeys.Parse("test1:" + Convert.ToBase64String(new byte[32]), "test1"))
                .Issue(new LinkClaims(LinkPurpose.Unsubscribe, r.DeliveryId, MessageStream.Announcements, DateTimeOffset.UtcNow.AddDays(1))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        Assert.NotEqual(r.Token, token);

        var get = await fixture.Anonymous.GetAsync(Url(token));
        var head = await fixture.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url(token)));
        var post = await OneClickAsync(token);

        Assert.Contains("This link does not work", await AssertPageAsync(get, HttpStatusCode.BadRequest));
        await AssertPageAsync(head, HttpStatusCode.BadRequest, hasBody: false);
        Assert.Contains("Nothing was changed", await AssertPageAsync(post, HttpStatusCode.BadRequest));
        Assert.Empty(await fixture.SuppressionsAsync(r.Email));
        Assert.Equal(0, (await fixture.ProgressAsync(campaign.Id))["unsubscribed"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_valid_link_of_a_contact_since_removed_says_there_is_nothing_to_unsubscribe_and_records_nothing()
    {
        var campaign = await fixture.SendCampaignAsync(1, "unsub-gone");
        var r = campaign.Recipients[0];
        var contactId = r.DeliveryId[(r.DeliveryId.LastIndexOf('.') + 1)..];
        var contacts = fixture.Services.GetRequiredService<ContactStore>();
        await contacts.DeleteAsync(contactId, null, CancellationToken.None);
        Assert.Null(await contacts.GetAsync(contactId, CancellationToken.None));

        var response = await OneClickAsync(r.Token);

        Assert.Contains("Nothing to unsubscribe", await AssertPageAsync(response, HttpStatusCode.OK));
        Assert.Empty(await fixture.SuppressionsAsync(r.Email));
        Assert.Equal(0, (await fixture.ProgressAsync(campaign.Id))["unsubscribed"]!.GetValue<int>());
    }
}
