using PlComms.Contacts;
using PlComms.Messages;
using PlComms.Results;
using PlComms.Shared;
using PlComms.Surveys;

namespace PlComms.UnitTests.Results;

public sealed class ResultsReportTests
{
    private static readonly DateTimeOffset Opened = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    internal static SurveyDefinition Survey() => new("Pulse", new Segment(ContactRole.Parent, [], [], []),
        ["parent-awareness", "parent-understanding", "parent-stays-the-same", "parent-preferred-channel", "parent-comment"],
        [Language.En, Language.Es], new SurveySchedule(null, Opened, 6, 3), 14, new ReminderPolicy(4, 2), 7, null);

    /// <summary>People of a school, reached; <paramref name="answers"/> gives each respondent's awareness and understanding scores.</summary>
    internal static (List<WaveRecipient> People, List<WaveAnswer> Answers) School(string school, int reached, IReadOnlyList<(int Awareness, int Understanding)> answers, string language = "en")
    {
        var people = Enumerable.Range(0, reached).Select(i => new WaveRecipient($"{school}-{i}", [new SchoolRef(school, school.ToUpperInvariant())], language, true)).ToList();
        var given = answers.Select((a, i) => new WaveAnswer($"{school}-{i}", new Dictionary<string, string>
        {
            ["parent-awareness"] = a.Awareness.ToString(),
            ["parent-understanding"] = a.Understanding.ToString(),
        })).ToList();
        return (people, given);
    }

    internal static WaveTally Tally(params (List<WaveRecipient> People, List<WaveAnswer> Answers)[] schools) =>
        Tallies.Of(Survey(), schools.SelectMany(s => s.People), schools.SelectMany(s => s.Answers));

    internal static SurveyResultsReport Report(params WaveTally[] waves) =>
        ResultsReport.Build("s", Survey(), waves.Select((t, i) => new WaveFacts(i, $"w{i}", Opened.AddDays(42 * i), Opened.AddDays(42 * i + 14), false, true, Opened, t)).ToList(), ResultsPolicy.Default);

    private static IEnumerable<(int Awareness, int Understanding)> Repeat(int count, int a, int u) => Enumerable.Repeat((a, u), count);

    [Fact]
    public void Figures_for_the_whole_audience_and_each_school_count_the_answers_given()
    {
        var report = Report(Tally(School("a", 10, [.. Repeat(6, 5, 4), .. Repeat(2, 2, 1)]), School("b", 8, [.. Repeat(5, 4, 3)])));
        var awareness = report.Waves[0].Questions.Single(q => q.QuestionId == "parent-awareness");
        var all = awareness.Cells.Single(c => c.Group == WaveTally.AllKey);
        Assert.Equal(13, all.N);
        Assert.Equal([0, 2, 0, 5, 6], all.Distribution);
        Assert.Equal(84.6, all.FavorablePercent);
        Assert.Equal(Math.Round((2 * 2 + 5 * 4 + 6 * 5) / 13.0, 1), all.Mean);
        Assert.Equal(72.2, all.ResponseRate);
        var a = awareness.Cells.Single(c => c.Group == "school:a");
        Assert.Equal("A", a.Label);
        Assert.Equal(80, a.ResponseRate);
        Assert.Equal(75, a.FavorablePercent);
        var participation = report.Waves[0].Participation.Single(p => p.Group == "school:a");
        Assert.Equal(10, participation.Delivered);
        Assert.Equal(8, participation.Respondents);
        Assert.Equal(80, participation.ResponseRate);
    }

    [Fact]
    public void A_school_with_fewer_than_five_responses_is_hidden_and_so_is_the_next_smallest_school()
    {
        var report = Report(Tally(School("big", 40, [.. Repeat(30, 5, 5)]), School("mid", 12, [.. Repeat(9, 4, 4)]), School("tiny", 4, [.. Repeat(3, 1, 1)])));
        foreach (var question in report.Waves[0].Questions.Where(q => q.QuestionId is "parent-awareness" or "parent-understanding"))
        {
            var cells = question.Cells.Where(c => c.Dimension == Dimension.School).ToDictionary(c => c.Group);
            Assert.False(cells["school:big"].Hidden);
            Assert.True(cells["school:tiny"].Hidden);
            Assert.True(cells["school:mid"].Hidden);
            Assert.Null(cells["school:tiny"].N);
            Assert.Null(cells["school:tiny"].Distribution);
        }
        var participation = report.Waves[0].Participation.Where(p => p.Dimension == Dimension.School).ToDictionary(p => p.Group);
        Assert.True(participation["school:tiny"].Hidden);
        Assert.True(participation["school:mid"].Hidden);
        Assert.Null(participation["school:tiny"].Delivered);
    }

    [Fact]
    public void A_wave_with_fewer_than_five_responses_shows_no_figure_at_all()
    {
        var report = Report(Tally(School("a", 20, [.. Repeat(4, 5, 5)])));
        var wave = report.Waves[0];
        Assert.All(wave.Participation, p => Assert.True(p.Hidden));
        Assert.All(wave.Questions.SelectMany(q => q.Cells), c => Assert.True(c.Hidden));
        Assert.Null(wave.SuccessIndex.Value);
    }

    [Fact]
    public void The_change_from_the_previous_wave_and_the_trend_follow_each_shown_group()
    {
        var report = Report(
            Tally(School("a", 10, [.. Repeat(8, 5, 5), .. Repeat(2, 1, 1)]), School("b", 10, [.. Repeat(10, 4, 4)])),
            Tally(School("a", 10, [.. Repeat(5, 5, 5), .. Repeat(5, 1, 1)]), School("b", 10, [.. Repeat(10, 4, 4)])));
        var a = report.Waves[1].Questions.Single(q => q.QuestionId == "parent-awareness").Cells.Single(c => c.Group == "school:a");
        Assert.Equal(50, a.FavorablePercent);
        Assert.Equal(-30, a.ChangeFromPrevious);
        var trend = report.Trends.Single(t => t.QuestionId == "parent-awareness" && t.Group == "school:a");
        Assert.Equal([80.0, 50.0], trend.Points.Select(p => p.FavorablePercent!.Value));
    }

    [Fact]
    public void The_success_index_is_the_mean_favorable_of_awareness_understanding_and_what_stays_the_same_against_the_goal()
    {
        var tally = Tally(School("a", 20, [.. Repeat(16, 5, 4), .. Repeat(4, 2, 2)]));
        // Nobody answered "stays the same" here, so that question has no figure and the index waits for it.
        Assert.Null(Report(tally).Waves[0].SuccessIndex.Value);

        var people = Enumerable.Range(0, 20).Select(i => new WaveRecipient($"p{i}", [], "en", true)).ToList();
        var answers = people.Select((p, i) => new WaveAnswer(p.ContactId, new Dictionary<string, string>
        {
            ["parent-awareness"] = i < 16 ? "5" : "1",      // 80%
            ["parent-understanding"] = i < 14 ? "4" : "2",  // 70%
            ["parent-stays-the-same"] = i < 12 ? "4" : "3", // 60%
        })).ToList();
        var index = Report(Tallies.Of(Survey(), people, answers)).Waves[0].SuccessIndex;
        Assert.Equal(70, index.Value);
        Assert.Equal(75, index.Goal);
        Assert.Equal(IndexStatus.AtRisk, index.Status);
        Assert.Equal(["parent-awareness", "parent-understanding", "parent-stays-the-same"], index.Questions);
    }

    [Fact]
    public void Someone_who_answered_after_being_erased_counts_in_the_whole_audience_only()
    {
        var people = Enumerable.Range(0, 6).Select(i => new WaveRecipient($"p{i}", [new SchoolRef("a", "A")], "en", true)).ToList();
        var answers = Enumerable.Range(0, 7).Select(i => new WaveAnswer($"p{i}", new Dictionary<string, string> { ["parent-awareness"] = "4" })).ToList();
        var tally = Tallies.Of(Survey(), people, answers);
        Assert.Equal(7, tally.Groups[WaveTally.AllKey].Respondents);
        Assert.Equal(6, tally.Groups["school:a"].Respondents);
    }
}
