using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Delivery;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Surveys;

namespace PlComms.IntegrationTests.Surveys;

/// <summary>
/// The wave timer and the reminder policy under the shiftable clock: one wave per due time however often the timer
/// fires, reminders only to non-respondents who are not suppressed, at most as many as the policy says, none after the
/// wave closes; the throttle across surveys; and what the links show once the wave has closed.
/// </summary>
[Collection(SurveyCollection.Name)]
public sealed class SurveyWaveTests(SurveyFixture fixture)
{
    [Fact]
    public async Task A_double_fire_of_the_wave_timer_and_a_later_fire_open_one_wave_that_emails_each_person_once()
    {
        var school = SurveyFixture.NewSchool("double");
        var people = await fixture.SeedAsync(school, 6);
        var id = await fixture.CreateSurveyAsync(school);

        // Two hosts fire at once, then one fires again a minute later (a restart).
        var logs = (await Task.WhenAll(fixture.FireAsync("SurveyWaves"), fixture.FireAsync("SurveyWaves"))).SelectMany(l => l).ToList();
        await fixture.FireAsync("SurveyWaves");
        Assert.Single(logs, l => l.Contains($"Survey {id}: opened wave 1", StringComparison.Ordinal));

        var waves = (await fixture.SurveyAsync(id))["waves"]!.AsArray();
        var wave = Assert.Single(waves)!;
        var waveId = wave["waveId"]!.GetValue<string>();
        Assert.Equal(SurveyIds.Wave(id, 0), waveId);
        var send = await fixture.WaitForSendAsync(waveId);
        Assert.Equal("survey-wave", send["kind"]!.GetValue<string>());
        Assert.Equal(6, send["progress"]!["sent"]!.GetValue<int>());
        var recipients = fixture.Emails(waveId, school).Select(m => m.To.Mailboxes.Single().Address).Order().ToList();
        Assert.Equal(people.Select(p => p.Email).Order(), recipients);
    }

    [Fact]
    public async Task Reminders_go_to_non_respondents_who_are_not_suppressed_at_most_twice_and_never_after_the_wave_closes()
    {
        var school = SurveyFixture.NewSchool("remind");
        await fixture.SeedAsync(school, 5);
        var id = await fixture.CreateSurveyAsync(school, change: b =>
        {
            b["windowDays"] = 14;
            b["reminders"] = new JsonObject { ["afterDays"] = 4, ["count"] = 2 };
        });
        var waveId = await fixture.OpenWaveAsync(id);
        var invitations = fixture.Emails(waveId, school).OrderBy(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(5, invitations.Count);

        // Person 0 answers; person 1 unsubscribes from surveys with the email's one-click link.
        using (var browser = new SurveyPageClient())
        {
            var link = SurveyFixture.SurveyLink(invitations[0], 5);
            await browser.OpenAsync(link);
            var (answered, _) = await browser.SubmitAsync(link, [new("q-parent-awareness", "5")]);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }
        var unsubscribe = new Uri(invitations[1].Headers["List-Unsubscribe"]!.Trim('<', '>'));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous.PostAsync(unsubscribe, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).StatusCode);
        var expected = invitations.Skip(2).Select(m => m.To.Mailboxes.Single().Address).Order().ToList();

        // Not yet due: nothing.
        fixture.Clock.Advance(TimeSpan.FromDays(3.9));
        await fixture.FireAsync("SurveyWaves");
        Assert.Empty((await fixture.SurveyAsync(id))["waves"]![0]!["reminderSendIds"]!.AsArray());

        // Day 4: the first reminder, to the three who neither answered nor left.
        fixture.Clock.Advance(TimeSpan.FromDays(0.2));
        await fixture.FireAsync("SurveyWaves");
        await fixture.FireAsync("SurveyWaves");
        var first = SurveyIds.Reminder(id, 0, 1);
        var report = await fixture.WaitForSendAsync(first);
        Assert.Equal("survey-reminder", report["kind"]!.GetValue<string>());
        var reminded = fixture.Emails(first, school);
        Assert.Equal(expected, reminded.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(reminded, m => Assert.StartsWith(m.Body!.Headers[MimeKit.HeaderId.ContentLanguage] == "es" ? "Recordatorio:" : "Reminder:", m.Subject));
        // Planned from the wave without the one who answered; the one who left is skipped at send time.
        Assert.Equal(4, report["progress"]!["recipients"]!.GetValue<int>());
        Assert.Equal(1, report["progress"]!["skippedSuppressed"]!.GetValue<int>());
        Assert.Equal(3, report["progress"]!["sent"]!.GetValue<int>());

        // A reminder's answer links open the wave's own response: answering from it updates that delivery.
        var fromReminder = SurveyFixture.SurveyLink(reminded.First(), 2);
        var invitationOfSame = invitations.Single(m => m.To.Mailboxes.Single().Address == reminded.First().To.Mailboxes.Single().Address);
        Assert.Equal(SurveyFixture.SurveyLink(invitationOfSame, 2).AbsolutePath, fromReminder.AbsolutePath);

        // Day 8: the second and last; day 12 and on: no third, however often the timer fires.
        fixture.Clock.Advance(TimeSpan.FromDays(4));
        await fixture.FireAsync("SurveyWaves");
        await fixture.WaitForSendAsync(SurveyIds.Reminder(id, 0, 2));
        Assert.Equal(3, fixture.Emails(SurveyIds.Reminder(id, 0, 2), school).Count);
        fixture.Clock.Advance(TimeSpan.FromDays(4));
        await fixture.FireAsync("SurveyWaves");
        Assert.Equal(2, (await fixture.SurveyAsync(id))["waves"]![0]!["reminderSendIds"]!.AsArray().Count);
        Assert.Null(await fixture.Services.GetRequiredService<PlComms.Campaigns.CampaignStore>().GetAsync(SurveyIds.Reminder(id, 0, 3), CancellationToken.None));

        // Day 14: the wave closes, and its links say so; a POST records nothing.
        fixture.Clock.Advance(TimeSpan.FromDays(2.1));
        await fixture.FireAsync("SurveyWaves");
        Assert.Equal("closed", (await fixture.SurveyAsync(id))["waves"]![0]!["status"]!.GetValue<string>());
        var late = new Uri(SurveyFixture.SurveyLink(invitations[3], 4).GetLeftPart(UriPartial.Path) + "?a=4&lang=en");
        using var lateBrowser = new SurveyPageClient();
        var (closed, html) = await lateBrowser.OpenAsync(late);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Contains("This survey has closed", html, StringComparison.Ordinal);
        var (_, afterClose) = await lateBrowser.SubmitAsync(late, [new("q-parent-awareness", "4")]);
        Assert.Contains("This survey has closed", afterClose, StringComparison.Ordinal);
        Assert.Null(await fixture.Services.GetRequiredService<ResponseStore>().GetAsync(invitations[3].Headers["X-PlComms-Delivery-Id"]!, CancellationToken.None));
    }

    [Fact]
    public async Task The_throttle_holds_back_a_second_surveys_email_within_its_period_and_lets_it_through_after()
    {
        var school = SurveyFixture.NewSchool("throttle");
        await fixture.SeedAsync(school, 3);
        var first = await fixture.CreateSurveyAsync(school, change: b => b["reminders"] = new JsonObject { ["count"] = 0 });
        var firstWave = await fixture.OpenWaveAsync(first);
        Assert.Equal(3, fixture.Emails(firstWave, school).Count);

        // Three days later a second survey of the same people, throttled at seven days.
        fixture.Clock.Advance(TimeSpan.FromDays(3));
        var second = await fixture.CreateSurveyAsync(school, change: b =>
        {
            b["throttleDays"] = 7;
            b["reminders"] = new JsonObject { ["count"] = 0 };
            b["schedule"] = new JsonObject
            {
                ["dates"] = new JsonArray(fixture.Clock.GetUtcNow().ToString("O"), fixture.Clock.GetUtcNow().AddDays(5).ToString("O")),
            };
            b["windowDays"] = 4;
        });
        var held = await fixture.OpenWaveAsync(second);
        var report = await fixture.SendAsync(held);
        Assert.Equal(3, report["progress"]!["skippedThrottled"]!.GetValue<int>());
        Assert.Equal(0, report["progress"]!["sent"]!.GetValue<int>());
        Assert.Empty(fixture.Emails(held, school));

        // Five days on (eight since the first survey's email) its next wave goes out to all three.
        fixture.Clock.Advance(TimeSpan.FromDays(5));
        var through = await fixture.OpenWaveAsync(second, index: 1);
        Assert.Equal(3, fixture.Emails(through, school).Count);
    }

    [Fact]
    public async Task A_tampered_expired_or_wrong_purpose_link_gets_a_page_that_reveals_nothing_and_records_nothing()
    {
        var school = SurveyFixture.NewSchool("tamper");
        await fixture.SeedAsync(school, 1);
        var waveId = await fixture.OpenWaveAsync(await fixture.CreateSurveyAsync(school));
        var email = Assert.Single(fixture.Emails(waveId, school));
        var link = SurveyFixture.SurveyLink(email, 3);
        var token = link.AbsolutePath["/api/s/".Length..];
        var tampered = new Uri(link, "/api/s/" + token[..^2] + (token[^2] == 'A' ? "BB" : "AA") + "?a=3");
        var unsubscribeToken = new Uri(email.Headers["List-Unsubscribe"]!.Trim('<', '>')).Query.Split("token=")[1];
        var wrongPurpose = new Uri(link, "/api/s/" + unsubscribeToken);
        var junk = new Uri(link, "/api/s/not-a-token");

        foreach (var bad in new[] { tampered, wrongPurpose, junk })
        {
            var get = await fixture.Anonymous.GetAsync(bad);
            Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
            var html = await get.Content.ReadAsStringAsync();
            Assert.Contains("This link does not work", html, StringComparison.Ordinal);
            Assert.DoesNotContain(school, html, StringComparison.Ordinal);
            var post = await fixture.Anonymous.PostAsync(bad, new FormUrlEncodedContent([new("q-parent-awareness", "3")]));
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        }
        Assert.Null(await fixture.Services.GetRequiredService<ResponseStore>().GetAsync(email.Headers["X-PlComms-Delivery-Id"]!, CancellationToken.None));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_or_with_bad_answers_records_nothing()
    {
        var school = SurveyFixture.NewSchool("forged");
        await fixture.SeedAsync(school, 1);
        var waveId = await fixture.OpenWaveAsync(await fixture.CreateSurveyAsync(school));
        var email = Assert.Single(fixture.Emails(waveId, school));
        var link = SurveyFixture.SurveyLink(email, 5);
        var deliveryId = email.Headers["X-PlComms-Delivery-Id"]!;
        var responses = fixture.Services.GetRequiredService<ResponseStore>();

        using var browser = new SurveyPageClient();
        await browser.OpenAsync(link);
        var (forged, _) = await browser.SubmitAsync(link, [new("q-parent-awareness", "5")], withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var (bad, body) = await browser.SubmitAsync(link, [new("q-parent-awareness", "7")], json: true);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("q-parent-awareness", body, StringComparison.Ordinal);
        var (tooBig, _) = await browser.SubmitAsync(link, [new("q-parent-comment", new string('x', 40_000))]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Null(await responses.GetAsync(deliveryId, CancellationToken.None));

        var (ok, json) = await browser.SubmitAsync(link, [new("q-parent-awareness", "5"), new("channel", "email-click")], json: true);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("\"saved\":true", json, StringComparison.Ordinal);
        Assert.Equal(ResponseChannel.EmailClick, (await responses.GetAsync(deliveryId, CancellationToken.None))!.Channel);
    }
}
