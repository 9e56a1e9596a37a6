using PlComms.Messages;
using PlComms.Shared;
using PlComms.Surveys;

namespace PlComms.UnitTests.Surveys;

public sealed class QuestionBankTests
{
    public static TheoryData<string> QuestionIds() => [.. QuestionBank.All.Select(q => q.Id)];

    [Fact]
    public void The_parents_bank_covers_every_topic_the_issue_names_and_ends_with_an_optional_comment()
    {
        var topics = QuestionBank.For(Audience.Parents).Select(q => q.Topic).ToList();
        Assert.Equal(["awareness", "understanding", "stays-the-same", "child-at-centre", "information", "channel", "comment"], topics);
        Assert.Equal(QuestionKind.Comment, QuestionBank.For(Audience.Parents)[^1].Kind);
        Assert.Equal(QuestionKind.Choice, QuestionBank.Find("parent-preferred-channel")!.Kind);
    }

    [Fact]
    public void The_teachers_bank_covers_clarity_fit_support_effectiveness_engagement_and_a_comment()
    {
        var topics = QuestionBank.For(Audience.Teachers).Select(q => q.Topic).ToList();
        Assert.Equal(["clarity", "fit", "support", "effectiveness", "engagement", "comment"], topics);
    }

    [Fact]
    public void The_preferred_channel_options_are_the_channels_the_district_writes_for()
    {
        // Email, text message, newsletter, social media and in-person talking points: the message channels.
        var options = QuestionBank.Find("parent-preferred-channel")!.Options.Select(o => o.Id).ToList();
        Assert.Equal(["email", "text-message", "newsletter", "social-media", "meetings"], options);
    }

    [Fact]
    public void The_scale_runs_from_strongly_disagree_to_strongly_agree_in_both_languages_and_four_and_five_are_favorable()
    {
        Assert.Equal("Strongly disagree", QuestionBank.ScaleLabel(1).En);
        Assert.Equal("Strongly agree", QuestionBank.ScaleLabel(5).En);
        Assert.Equal("Muy de acuerdo", QuestionBank.ScaleLabel(5).Es);
        Assert.Equal([false, false, false, true, true], Enumerable.Range(1, 5).Select(LikertScale.IsFavorable));
    }

    [Theory]
    [MemberData(nameof(QuestionIds))]
    public void Every_question_reads_within_the_parents_grade_ceiling_in_English_and_their_ease_floor_in_Spanish(string id)
    {
        var question = QuestionBank.Find(id)!;
        var parents = AudiencePlaybooks.For(Audience.Parents);
        var grade = Readability.FleschKincaidGrade(question.Text.En);
        Assert.True(grade <= parents.ReadingGradeCeiling, $"'{question.Text.En}' reads at grade {grade:0.0}; the ceiling is {parents.ReadingGradeCeiling}.");
        var ease = Readability.FernandezHuerta(question.Text.Es);
        Assert.True(ease >= parents.SpanishReadingEaseFloor, $"'{question.Text.Es}' has reading ease {ease:0}; the floor is {parents.SpanishReadingEaseFloor}.");
        // Answer options are labels, not prose (a formula scores "Email" alone at grade 8.4): they are held to three words.
        Assert.All(question.Options, o =>
        {
            Assert.True(Readability.Words(o.Label.En).Count() <= 3, $"'{o.Label.En}' is more than a short label.");
            Assert.True(Readability.Words(o.Label.Es).Count() <= 3, $"'{o.Label.Es}' is more than a short label.");
        });
    }

    [Theory]
    [MemberData(nameof(QuestionIds))]
    public void No_question_uses_jargon_or_names_anything_a_vision_would_have_to_say(string id)
    {
        var question = QuestionBank.Find(id)!;
        foreach (var text in new[] { question.Text.En, question.Text.Es })
        {
            Assert.Empty(Jargon.Find(text));
            // No number, name or acronym: "what will stay the same" asserts nothing about what it is.
            Assert.Empty(Grounding.Claims(text));
        }
    }

    [Fact]
    public void Question_ids_are_unique_and_every_question_has_both_languages()
    {
        Assert.Equal(QuestionBank.All.Count, QuestionBank.All.Select(q => q.Id).Distinct().Count());
        Assert.All(QuestionBank.All, q =>
        {
            Assert.False(string.IsNullOrWhiteSpace(q.Text.En));
            Assert.False(string.IsNullOrWhiteSpace(q.Text.Es));
            Assert.NotEqual(q.Text.En, q.Text.Es);
        });
    }
}
