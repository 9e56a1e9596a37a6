using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.Messages;
using PlComms.Surveys;

namespace PlComms.UnitTests.Surveys;

public sealed class SurveyThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    [Fact]
    public void Someone_never_surveyed_may_be_emailed() => Assert.True(SurveyThrottle.Allows(null, null, "w1", Week, Now));

    [Fact]
    public void Another_wave_within_the_period_is_held_back() => Assert.False(SurveyThrottle.Allows(Now.AddDays(-6.9), "w0", "w1", Week, Now));

    [Fact]
    public void Another_wave_once_the_period_has_passed_may_email() => Assert.True(SurveyThrottle.Allows(Now.AddDays(-7), "w0", "w1", Week, Now));

    [Fact]
    public void The_same_wave_may_email_again_for_its_reminders() => Assert.True(SurveyThrottle.Allows(Now.AddHours(-1), "w1", "w1", Week, Now));

    [Fact]
    public void A_zero_period_throttles_nobody() => Assert.True(SurveyThrottle.Allows(Now, "w0", "w1", TimeSpan.Zero, Now));
}

public sealed class SurveyEmailTests
{
    private static readonly DateTimeOffset Closes = new(2026, 12, 15, 15, 0, 0, TimeSpan.Zero);

    private static SurveyDefinition Survey() => new("Pulse", new Segment(ContactRole.Parent, [], [], []), QuestionBank.DefaultQuestionIds(PlComms.Shared.Audience.Parents),
        [Language.En, Language.Es], new SurveySchedule(null, Closes, 6, 3), 14, new ReminderPolicy(4, 2), 7, null);

    [Fact]
    public void The_email_shows_the_headline_question_with_five_answer_links_and_the_whole_survey_link_in_both_parts()
    {
        var email = SurveyEmail.Render(Survey(), Language.En, Closes);
        Assert.Contains("I know our schools are changing how students learn.", email.Html);
        for (var a = 1; a <= 5; a++)
        {
            Assert.Contains($"{EmailContent.SurveyUrlPlaceholder}?a={a}&amp;lang=en", email.Html);
            Assert.Contains($"{EmailContent.SurveyUrlPlaceholder}?a={a}&lang=en", email.Text);
        }
        Assert.Contains($"href=\"{EmailContent.SurveyUrlPlaceholder}?lang=en\"", email.Html);
        Assert.Contains("Answer all 7 questions", email.Text);
        Assert.Contains("15 December 2026", email.Text);
        Assert.True(email.HasSurveyLinks());
    }

    [Fact]
    public void The_answer_buttons_are_presentation_tables_with_inline_styles_for_Outlook_and_Gmail()
    {
        var html = SurveyEmail.Render(Survey(), Language.En, Closes).Html;
        Assert.Contains("role=\"presentation\"", html);
        Assert.Contains("bgcolor=\"#1f4e79\"", html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("class=", html);
    }

    [Fact]
    public void The_email_ends_with_the_surveys_unsubscribe_footer()
    {
        var email = SurveyEmail.Render(Survey(), Language.En, Closes);
        Assert.Contains(EmailContent.UnsubscribeUrlPlaceholder, email.Html);
        Assert.Contains(EmailContent.UnsubscribeUrlPlaceholder, email.Text);
        Assert.Contains("Stop district surveys by email", email.Text);
    }

    [Fact]
    public void The_Spanish_email_is_in_Spanish_with_Spanish_links()
    {
        var email = SurveyEmail.Render(Survey(), Language.Es, Closes);
        Assert.Equal("Una pregunta rápida del distrito", email.Subject);
        Assert.Contains("Sé que nuestras escuelas están cambiando cómo aprenden los niños.", email.Text);
        Assert.Contains("Muy de acuerdo", email.Text);
        Assert.Contains("?a=5&lang=es", email.Text);
        Assert.Contains("15 de diciembre de 2026", email.Text);
        Assert.Contains("<html lang=\"es\">", email.Html);
    }

    [Fact]
    public void A_reminder_says_so_in_its_subject() =>
        Assert.StartsWith("Reminder:", SurveyEmail.Render(Survey(), Language.En, Closes, reminder: true).Subject);
}

public sealed class SurveyAnswerParserTests
{
    private static SurveyDefinition Survey() => new("Pulse", new Segment(ContactRole.Parent, [], [], []), QuestionBank.DefaultQuestionIds(PlComms.Shared.Audience.Parents),
        [Language.En], new SurveySchedule(null, DateTimeOffset.UnixEpoch, 6, 3), 14, new ReminderPolicy(4, 2), 7, null);

    [Fact]
    public void Answers_to_the_surveys_questions_are_kept_and_other_fields_ignored()
    {
        var result = SurveyAnswerParser.Parse(Survey(), new Dictionary<string, string?>
        {
            ["q-parent-awareness"] = "4",
            ["q-parent-preferred-channel"] = "newsletter",
            ["q-parent-comment"] = "  More evening meetings, please.  ",
            ["q-teacher-fit"] = "5",
            ["__RequestVerificationToken"] = "x",
        });
        Assert.True(result.IsValid);
        Assert.Equal(new Dictionary<string, string>
        {
            ["parent-awareness"] = "4",
            ["parent-preferred-channel"] = "newsletter",
            ["parent-comment"] = "More evening meetings, please.",
        }, result.Value!.Values);
        Assert.Equal(4, result.Value.Score("parent-awareness"));
    }

    [Theory]
    [InlineData("q-parent-awareness", "6")]
    [InlineData("q-parent-awareness", "four")]
    [InlineData("q-parent-preferred-channel", "carrier-pigeon")]
    public void A_value_outside_the_question_is_refused_naming_the_field(string field, string value)
    {
        var result = SurveyAnswerParser.Parse(Survey(), new Dictionary<string, string?> { [field] = value });
        Assert.False(result.IsValid);
        Assert.Contains(field, result.Errors.Keys);
    }

    [Fact]
    public void A_comment_longer_than_the_limit_is_refused()
    {
        var result = SurveyAnswerParser.Parse(Survey(), new Dictionary<string, string?> { ["q-parent-comment"] = new string('a', SurveyAnswerParser.MaxCommentLength + 1) });
        Assert.Contains("q-parent-comment", result.Errors.Keys);
    }

    [Fact]
    public void An_empty_form_is_refused() => Assert.False(SurveyAnswerParser.Parse(Survey(), new Dictionary<string, string?>()).IsValid);
}
