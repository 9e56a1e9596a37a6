using PlComms.Visions;

namespace PlComms.UnitTests.Visions;

public sealed class VisionValidatorTests
{
    private static VisionInput Valid() => new(
        "Title", "Author",
        [new FocusItemInput("other", " English learners ")],
        new ImpactsInput([new ImpactInput("Improved attendance", "ADA", 1)], []),
        [new SupportInput("planning-and-design", "A design committee")],
        [new ShiftInput("How they learn", "What they learn", ["parents", "parents", "teachers"])]);

    [Fact]
    public void A_valid_draft_is_trimmed_and_typed()
    {
        var result = VisionValidator.Validate(Valid());

        Assert.True(result.IsValid);
        Assert.Equal("English learners", result.Value!.Focus[0].Text);
        Assert.Equal(ImplementationPhase.PlanningAndDesign, result.Value.Supports[0].Phase);
        Assert.Equal([Shared.Audience.Parents, Shared.Audience.Teachers], result.Value.Shifts[0].Audiences);
    }

    [Fact]
    public void Missing_lists_are_empty_lists()
    {
        var result = VisionValidator.Validate(new VisionInput("T", "A", null, null, null, null));
        Assert.True(result.IsValid);
        Assert.Empty(result.Value!.Focus);
        Assert.Empty(result.Value.LongTermImpacts);
    }

    [Fact]
    public void Three_ranked_impacts_per_horizon_are_allowed_and_a_fourth_is_not()
    {
        var three = Valid() with { Impacts = new ImpactsInput([new("a", null, 1), new("b", null, 2), new("c", null, 3), new("d", null, null)], null) };
        Assert.True(VisionValidator.Validate(three).IsValid);

        var four = Valid() with { Impacts = new ImpactsInput([new("a", null, 1), new("b", null, 2), new("c", null, 3), new("d", null, 3)], null) };
        var result = VisionValidator.Validate(four);
        Assert.False(result.IsValid);
        Assert.Contains("impacts.shortTerm", result.Errors.Keys);
    }

    [Fact]
    public void Text_exactly_at_the_bound_is_accepted_and_one_more_character_is_not()
    {
        Assert.True(VisionValidator.Validate(Valid() with { Title = new string('t', VisionLimits.TitleLength) }).IsValid);
        Assert.Contains("title", VisionValidator.Validate(Valid() with { Title = new string('t', VisionLimits.TitleLength + 1) }).Errors.Keys);
    }

    [Fact]
    public void Enum_ids_are_case_sensitive_kebab_case()
    {
        var result = VisionValidator.Validate(Valid() with { Supports = [new SupportInput("PlanningAndDesign", "x")] });
        Assert.Contains("supports[0].phase", result.Errors.Keys);
        Assert.Contains("planning-and-design", result.Errors["supports[0].phase"][0]);
    }
    [Theory]
    [InlineData("Jos\uFFFD P\uFFFDrez")]   // a form or file in another encoding, decoded as UTF-8
    [InlineData("half \uD83D of an emoji")]
    [InlineData("\uDE00 alone")]
    public void Text_that_is_not_well_formed_is_refused_naming_the_field(string title)
    {
        var result = VisionValidator.Validate(Valid() with { Title = title });
        Assert.False(result.IsValid);
        Assert.Contains("UTF-8", Assert.Single(result.Errors["title"]));
    }

    [Fact]
    public void Characters_beyond_the_basic_plane_are_text_like_any_other()
    {
        Assert.True(VisionValidator.Validate(Valid() with { Title = "Vision 😀 for 𝒳" }).IsValid);
    }

    [Fact]
    public void A_shift_with_more_than_ten_audience_entries_is_refused()
    {
        var ten = Valid() with { Shifts = [new ShiftInput("How they learn", "What they learn", [.. Enumerable.Repeat("parents", 10)])] };
        Assert.True(VisionValidator.Validate(ten).IsValid);
        var many = Valid() with { Shifts = [new ShiftInput("How they learn", "What they learn", [.. Enumerable.Repeat("parents", 20_000)])] };
        var result = VisionValidator.Validate(many);
        Assert.Contains("At most 10", Assert.Single(result.Errors["shifts[0].audiences"]));
    }
}
