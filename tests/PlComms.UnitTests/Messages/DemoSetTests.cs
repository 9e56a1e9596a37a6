using PlComms.Messages;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.UnitTests.Messages;

/// <summary>The acceptance set: the demo vision for 5 audiences × 5 channels × 2 languages.</summary>
public class DemoSetTests
{
    private static readonly IReadOnlyList<MessageDraft> Drafts = MessageDrafts.ComposeAll(DemoVision.Content);

    [Fact]
    public void The_demo_set_is_five_audiences_by_five_channels_by_two_languages()
    {
        Assert.Equal(10, Drafts.Count);
        Assert.Equal(50, Drafts.Sum(d => d.Renderings.Count));
        Assert.Equal(
            Enum.GetValues<Audience>().SelectMany(a => new[] { (a, MessageLanguage.En), (a, MessageLanguage.Es) }),
            Drafts.Select(d => (d.Message.Audience, d.Message.Language)));
        Assert.All(Drafts, d => Assert.Equal(Enum.GetValues<Channel>(), d.Renderings.Select(r => r.Channel)));
    }

    [Fact]
    public void Every_message_in_the_demo_set_passes_every_blocking_guardrail()
    {
        var failures = Drafts.SelectMany(d => d.Report.Blocking.Select(v =>
            $"{d.Message.Audience}/{d.Message.Language} {v.Code} {v.Section}{v.Channel}: {v.Message}")).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} blocking violations:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void Parent_English_prose_reads_at_grade_8_or_below()
    {
        var parents = Drafts.Single(d => d.Message.Audience == Audience.Parents && d.Message.Language == Language.En).Message;
        var grade = Readability.FleschKincaidGrade(string.Join("\n", StructuredMessage.ProseSections.Select(parents.TextOf)));
        Assert.InRange(grade, 0, 8);
    }

    [Fact]
    public void Every_SMS_fits_in_one_segment()
    {
        var over = Drafts.SelectMany(d => d.Renderings.Where(r => r.Channel == Channel.Sms).Select(r => (d.Message, Sms: SmsSegments.Measure(r.Text), r.Text)))
            .Where(x => x.Sms.Segments != 1)
            .Select(x => $"{x.Message.Audience}/{x.Message.Language}: {x.Sms} “{x.Text}”").ToList();
        Assert.True(over.Count == 0, string.Join("\n", over));
    }

    [Fact]
    public void Every_social_post_and_email_subject_is_within_its_limit()
    {
        Assert.All(Drafts.SelectMany(d => d.Renderings), r =>
        {
            if (r.Channel == Channel.Social) Assert.InRange(ChannelLimits.SocialLength(r.Text), 1, ChannelLimits.SocialCharacters);
            if (r.Channel == Channel.Email) Assert.InRange(r.Subject!.Length, 1, ChannelLimits.EmailSubjectCharacters);
        });
    }

    [Fact]
    public void Every_audience_has_a_Spanish_message_written_in_Spanish_on_every_channel()
    {
        foreach (var audience in Enum.GetValues<Audience>())
        {
            var en = Drafts.Single(d => d.Message.Audience == audience && d.Message.Language == Language.En);
            var es = Drafts.Single(d => d.Message.Audience == audience && d.Message.Language == Language.Es);
            var playbook = AudiencePlaybooks.For(audience);

            Assert.Equal(playbook.Headline.Es, es.Message.Headline);
            Assert.Equal(playbook.CallToAction.Text.Es, es.Message.NextStep);
            Assert.StartsWith(playbook.WhyLead.Text.Es, es.Message.Why, StringComparison.Ordinal);
            Assert.All(playbook.Stress, s => Assert.Contains(s.Text.Es, es.Message.WhatItMeansForYou, StringComparison.Ordinal));
            Assert.All(es.Renderings, r => Assert.Contains(playbook.Headline.Es, r.Text, StringComparison.Ordinal));
            Assert.All(es.Renderings.Zip(en.Renderings), pair => Assert.NotEqual(pair.Second.Text, pair.First.Text));
        }
    }

    [Fact]
    public void Rendering_the_demo_set_twice_gives_the_same_text()
    {
        var again = MessageDrafts.ComposeAll(DemoVision.Content);
        Assert.Equal(Drafts.Select(MessageFixtures.Snapshot), again.Select(MessageFixtures.Snapshot));
    }
}
