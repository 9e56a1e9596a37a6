using PlComms.Visions;

namespace PlComms.UnitTests.Visions;

public sealed class VisionComparisonTests
{
    [Theory]
    [InlineData("Improved  Attendance.", "improved attendance")]
    [InlineData("students' choice", "students choice")]
    [InlineData("  STEM-courses ", "stem courses")]
    [InlineData("Niños y niñas", "niños y niñas")]
    public void Normalise_ignores_case_whitespace_and_punctuation(string text, string expected) =>
        Assert.Equal(expected, VisionComparison.Normalize(text));

    [Theory]
    [InlineData(4, 4, Agreement.Consensus)]
    [InlineData(3, 4, Agreement.Majority)]
    [InlineData(2, 4, Agreement.Minority)]
    [InlineData(1, 4, Agreement.Unique)]
    [InlineData(1, 1, Agreement.Consensus)]
    [InlineData(2, 3, Agreement.Majority)]
    public void Agreement_is_consensus_majority_minority_or_unique(int count, int drafts, Agreement expected) =>
        Assert.Equal(expected, VisionComparison.Classify(count, drafts));

    [Fact]
    public void An_item_repeated_within_one_draft_counts_once()
    {
        var a = DemoVision.Content with { Focus = [new(FocusCategory.Other, "English learners"), new(FocusCategory.AdditionalSupports, "english learners")] };
        var b = DemoVision.Content with { Focus = [new(FocusCategory.Other, "Gifted students")] };

        var result = VisionComparison.Compare([("a", a), ("b", b)]);

        var learners = result.Focus.Single(i => i.Text == "English learners");
        Assert.Equal(1, learners.Count);
        Assert.Equal(Agreement.Unique, learners.Agreement);
        Assert.Equal(Agreement.Consensus, result.Supports[0].Agreement);
    }
}
