using PlComms.Results;

namespace PlComms.UnitTests.Results;

public sealed class SmallGroupsTests
{
    [Fact]
    public void Cells_at_or_above_the_threshold_are_shown_when_none_is_small() =>
        Assert.Equal([false, false, false], SmallGroups.Hidden([5, 12, 40], 5, totalShown: true));

    [Fact]
    public void A_lone_small_cell_takes_the_next_smallest_with_it_so_it_cannot_be_worked_out_from_the_total()
    {
        // 40 + 12 + 3 = 55 shown as the total: hiding only the 3 would leave 55 - 40 - 12.
        Assert.Equal([false, true, true], SmallGroups.Hidden([40, 12, 3], 5, totalShown: true));
    }

    [Fact]
    public void Two_small_cells_whose_sum_is_still_below_the_threshold_take_a_third()
    {
        // 1 and 2 hidden reveal their sum, 3: another cell goes too.
        Assert.Equal([true, true, true, false], SmallGroups.Hidden([1, 2, 6, 30], 5, totalShown: true));
    }

    [Fact]
    public void Two_small_cells_that_together_reach_the_threshold_are_enough() =>
        Assert.Equal([true, true, false], SmallGroups.Hidden([3, 4, 20], 5, totalShown: true));

    [Fact]
    public void When_the_total_is_hidden_every_cell_is() =>
        Assert.Equal([true, true], SmallGroups.Hidden([3, 1], 5, totalShown: false));

    [Fact]
    public void A_threshold_below_five_is_raised_to_five() =>
        Assert.Equal([true, true, false], SmallGroups.Hidden([4, 6, 50], 2, totalShown: true));

    [Fact]
    public void A_breakdown_of_one_small_cell_hides_just_that_cell() =>
        Assert.Equal([true], SmallGroups.Hidden([3], 5, totalShown: true));

    [Theory]
    [InlineData(new[] { 0, 9, 9, 9 })]
    [InlineData(new[] { 4, 4, 4, 4, 100 })]
    [InlineData(new[] { 7, 1, 8, 2, 9 })]
    public void No_hidden_cell_is_ever_alone_or_with_fewer_than_five_responses_between_them(int[] counts)
    {
        var hidden = SmallGroups.Hidden(counts, 5, totalShown: true);
        var hiddenCounts = counts.Where((_, i) => hidden[i]).ToList();
        Assert.All(counts.Where((_, i) => !hidden[i]), n => Assert.True(n >= 5));
        if (hiddenCounts.Count > 0 && hiddenCounts.Count < counts.Length)
        {
            Assert.True(hiddenCounts.Count >= 2);
            Assert.True(hiddenCounts.Sum() >= 5);
        }
    }
}
