using PlComms.Messages;
using PlComms.Shared;

namespace PlComms.UnitTests.Messages;

public class AudiencePlaybooksTests
{
    private static readonly MessageSection[] BodySections =
        [MessageSection.WhatChanges, MessageSection.WhatStaysTheSame, MessageSection.Why, MessageSection.WhatItMeansForYou];

    [Fact]
    public void Every_audience_has_exactly_one_playbook()
    {
        Assert.Equal(Enum.GetValues<Audience>(), AudiencePlaybooks.All.Select(p => p.Audience));
        foreach (var audience in Enum.GetValues<Audience>()) Assert.Equal(audience, AudiencePlaybooks.For(audience).Audience);
    }

    [Fact]
    public void Every_playbook_is_complete_in_English_and_Spanish()
    {
        var problems = new List<string>();
        foreach (var p in AudiencePlaybooks.All)
        {
            void Need(bool ok, string what) { if (!ok) problems.Add($"{p.Audience}: {what}"); }
            foreach (var (name, text) in new[] { ("name", p.Name), ("headline", p.Headline), ("what-it-means label", p.WhatItMeansLabel),
                         ("why lead", p.WhyLead.Text), ("call to action", p.CallToAction.Text) }.Concat(p.Stress.Select((s, i) => ($"stress {i}", s.Text))))
            {
                Need(!string.IsNullOrWhiteSpace(text.En), $"{name} has no English");
                Need(!string.IsNullOrWhiteSpace(text.Es), $"{name} has no Spanish");
                Need(text.En != text.Es, $"{name} is not written in Spanish");
            }
            Need(p.CaresAbout.Count >= 2, "fewer than two concerns");
            Need(p.Fears.Count >= 2, "fewer than two fears");
            Need(p.Stress.Count >= 2, "fewer than two points to stress");
            Need(p.Emphasis.Order().SequenceEqual(BodySections.Order()), "emphasis does not order exactly the four body sections");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData(Audience.Parents, 8, 70)]
    [InlineData(Audience.Students, 8, 70)]
    [InlineData(Audience.Community, 8, 70)]
    [InlineData(Audience.Teachers, 12, 60)]
    [InlineData(Audience.Board, 12, 60)]
    public void Reading_ceilings_follow_the_audience(Audience audience, int grade, double spanishFloor)
    {
        var playbook = AudiencePlaybooks.For(audience);
        Assert.Equal(grade, playbook.ReadingGradeCeiling);
        Assert.Equal(spanishFloor, playbook.SpanishReadingEaseFloor);
    }

    [Fact]
    public void Every_quoted_concern_fear_and_basis_occurs_in_its_seed()
    {
        var quotes = AudiencePlaybooks.All.SelectMany(p =>
            p.CaresAbout.Select(q => (p.Audience, "cares about", q))
                .Concat(p.Fears.Select(q => (p.Audience, "fears", q)))
                .Concat(p.Stress.Append(p.WhyLead).Append(p.CallToAction).Select(s => (p.Audience, "basis", s.Basis))));
        var missing = quotes.Where(x => !SeedFiles.Contains(x.Item3.Seed, x.Item3.Text))
            .Select(x => $"{x.Audience} {x.Item2}: seed {x.Item3.Seed} lacks “{x.Item3.Text}”").ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Parents_playbook_carries_the_seeds_fears_about_teachers_grading_and_college()
    {
        var fears = AudiencePlaybooks.Parents.Fears.Select(f => f.Text).ToList();
        Assert.Contains(fears, f => f.Contains("teachers aren’t doing their job", StringComparison.Ordinal));
        Assert.Contains(fears, f => f.Contains("grading", StringComparison.Ordinal) && f.Contains("college", StringComparison.Ordinal));
    }

    [Fact]
    public void Board_playbook_carries_success_criteria_and_not_working_versus_more_time()
    {
        var board = AudiencePlaybooks.Board;
        Assert.Contains(board.Fears, f => f.Text.Contains("“this is not working” and “this just takes more time,”", StringComparison.Ordinal));
        Assert.Contains(board.Fears, f => f.Text.Contains("criteria by which the district will measure the success", StringComparison.Ordinal));
        Assert.True(board.Details.HasFlag(VisionDetails.SuccessCriteria) && board.Details.HasFlag(VisionDetails.Timeline));
    }

    [Fact]
    public void Parents_lead_with_what_stays_the_same_and_teachers_with_what_changes_as_seed_000_advises()
    {
        Assert.Equal(MessageSection.WhatStaysTheSame, AudiencePlaybooks.Parents.Emphasis[0]);
        Assert.Equal(MessageSection.WhatChanges, AudiencePlaybooks.Teachers.Emphasis[0]);
        Assert.True(SeedFiles.Contains("000", "For parents, consider communicating not only what the positive outcomes are for students, but also what will stay the same."));
    }

    [Fact]
    public void Every_jargon_term_names_a_seed_passage_that_exists_and_has_plain_wording_in_both_languages()
    {
        var required = new[] { "21st-century skills", "higher-order thinking skills", "competency-based", "blended learning", "modalities", "learner variability", "MTSS", "PLP" };
        Assert.All(required, r => Assert.Contains(Jargon.Terms, t => t.Term == r));
        var problems = Jargon.Terms
            .Where(t => !SeedFiles.Contains(t.Source.Seed, t.Source.Text) || string.IsNullOrWhiteSpace(t.PlainLanguage.En) || string.IsNullOrWhiteSpace(t.PlainLanguage.Es))
            .Select(t => t.Term).ToList();
        Assert.True(problems.Count == 0, "Jargon terms without a seed source or plain wording: " + string.Join(", ", problems));
    }
}
