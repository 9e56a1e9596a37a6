using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Delivery;
using PlComms.Surveys;

namespace PlComms.IntegrationTests.Surveys;

/// <summary>
/// What the links of a survey email do over plain HTTP: a mail scanner's GETs and HEADs of every link record nothing
/// (no answer, no unsubscribe); a person's POST records one response per delivery, and a later POST updates it.
/// </summary>
[Collection(SurveyCollection.Name)]
public sealed class SurveyLinkTests(SurveyFixture fixture)
{
    [Fact]
    public async Task A_mail_scanner_fetching_every_link_of_a_survey_email_with_GET_and_HEAD_records_no_answer_and_no_unsubscribe()
    {
        var school = SurveyFixture.NewSchool("scan");
        await fixture.SeedAsync(school, 4);
        var surveyId = await fixture.CreateSurveyAsync(school);
        var waveId = await fixture.OpenWaveAsync(surveyId);
        var emails = fixture.Emails(waveId, school);
        Assert.Equal(4, emails.Count);

        var responses = fixture.Services.GetRequiredService<ResponseStore>();
        var suppressions = fixture.Services.GetRequiredService<SuppressionStore>();
        foreach (var email in emails)
        {
            var links = SurveyFixture.Links(email);
            // Five answers, the whole survey, the footer's unsubscribe link; the header's one-click link too.
            Assert.Equal(7, links.Count);
            var listUnsubscribe = email.Headers["List-Unsubscribe"]!.Trim('<', '>');
            foreach (var link in links.Append(new Uri(listUnsubscribe)))
            {
                var get = await fixture.Anonymous.GetAsync(link);
                Assert.Equal(HttpStatusCode.OK, get.StatusCode);
                var head = await fixture.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, link));
                Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            }
            var deliveryId = email.Headers["X-PlComms-Delivery-Id"]!;
            Assert.Null(await responses.GetAsync(deliveryId, CancellationToken.None));
            Assert.False((await suppressions.CurrentAsync(CancellationToken.None)).IsSuppressed(email.To.Mailboxes.Single().Address, MessageStream.Surveys));
        }
    }

    [Fact]
    public async Task A_person_posting_the_form_records_one_response_and_a_later_post_updates_it()
    {
        var school = SurveyFixture.NewSchool("answer");
        await fixture.SeedAsync(school, 1);
        var surveyId = await fixture.CreateSurveyAsync(school);
        var waveId = await fixture.OpenWaveAsync(surveyId);
        var email = Assert.Single(fixture.Emails(waveId, school));
        var link = SurveyFixture.SurveyLink(email, 4);

        using var browser = new SurveyPageClient();
        var (page, html) = await browser.OpenAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("value=\"4\" checked", html);
        var (posted, _) = await browser.SubmitAsync(link, [new("q-parent-awareness", "4"), new("q-parent-preferred-channel", "meetings"), new("channel", "form")]);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var deliveryId = email.Headers["X-PlComms-Delivery-Id"]!;
        var responses = fixture.Services.GetRequiredService<ResponseStore>();
        var first = await responses.GetAsync(deliveryId, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Equal("4", first.Answers.Values["parent-awareness"]);
        Assert.Equal("meetings", first.Answers.Values["parent-preferred-channel"]);
        Assert.Equal(ResponseChannel.Form, first.Channel);

        var (again, _) = await browser.SubmitAsync(link, [new("q-parent-awareness", "2"), new("q-parent-understanding", "5")]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var updated = await responses.GetAsync(deliveryId, CancellationToken.None);
        Assert.Equal("2", updated!.Answers.Values["parent-awareness"]);
        Assert.Equal("5", updated.Answers.Values["parent-understanding"]);
        Assert.Equal("meetings", updated.Answers.Values["parent-preferred-channel"]);
        Assert.Single(await responses.RespondentsAsync(waveId, 0, CancellationToken.None));
    }
}
