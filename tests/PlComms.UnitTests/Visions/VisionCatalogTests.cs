using PlComms.Visions;

namespace PlComms.UnitTests.Visions;

public sealed class VisionCatalogTests
{
    public static TheoryData<string> CatalogStrings()
    {
        var data = new TheoryData<string>();
        foreach (var s in VisionCatalog.FocusCategories.Select(c => c.Title).Where(t => t != "Other")) data.Add(s);
        foreach (var s in VisionCatalog.FocusSuggestions) data.Add(s);
        foreach (var s in VisionCatalog.ImpactSuggestions) data.Add(s);
        foreach (var p in VisionCatalog.Phases) { data.Add(p.Title); foreach (var s in p.Consider) data.Add(s); }
        data.Add(VisionCatalog.Commitment);
        return data;
    }

    [Theory]
    [MemberData(nameof(CatalogStrings))]
    public void Every_catalog_string_is_the_seed_own_wording(string text) =>
        Assert.True(SeedFiles.Contains("000", text), $"Not in seed 000: {text}");

    [Fact]
    public void The_catalog_has_the_seed_counts()
    {
        Assert.Equal(4, VisionCatalog.FocusCategories.Count);
        Assert.Equal(11, VisionCatalog.FocusSuggestions.Count);
        Assert.Equal(13, VisionCatalog.ImpactSuggestions.Count);
        Assert.Equal([6, 4, 4, 3], VisionCatalog.Phases.Select(p => p.Consider.Count));
    }
}

public sealed class CatalogWordingTests
{
    [Fact]
    public void Every_suggestion_of_the_three_lists_has_Spanish_and_family_wording_in_both_languages()
    {
        Assert.Equal(11 + 13 + 17, VisionCatalog.Suggestions.Count);
        Assert.Equal(VisionCatalog.FocusSuggestions, VisionCatalog.Suggestions.Where(s => s.List == CatalogList.Focus).Select(s => s.Text));
        Assert.Equal(VisionCatalog.Phases.SelectMany(p => p.Consider), VisionCatalog.Suggestions.Where(s => s.List == CatalogList.Support).Select(s => s.Text));
        var problems = VisionCatalog.Suggestions
            .Where(s => string.IsNullOrWhiteSpace(s.Es) || string.IsNullOrWhiteSpace(s.Family.En) || string.IsNullOrWhiteSpace(s.Family.Es))
            .Select(s => s.Text).ToList();
        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    [Fact]
    public void Spanish_wordings_read_as_Spanish_and_family_English_as_English()
    {
        var problems = new List<string>();
        foreach (var s in VisionCatalog.Suggestions)
        {
            if (PlComms.Messages.LanguageCheck.Detect(s.Es) is "en") problems.Add("Spanish reads as English: " + s.Es);
            if (PlComms.Messages.LanguageCheck.Detect(s.Family.Es) is "en") problems.Add("Family Spanish reads as English: " + s.Family.Es);
            if (PlComms.Messages.LanguageCheck.Detect(s.Family.En) is "es") problems.Add("Family English reads as Spanish: " + s.Family.En);
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Family_wordings_carry_none_of_the_jargon_and_the_catalog_wordings_carry_its_vocabulary()
    {
        var jargonInFamily = VisionCatalog.Suggestions
            .SelectMany(s => PlComms.Messages.Jargon.Find(s.Family.En).Concat(PlComms.Messages.Jargon.Find(s.Family.Es)).Select(h => $"{s.Text}: {h.Found}")).ToList();
        Assert.True(jargonInFamily.Count == 0, string.Join("\n", jargonInFamily));

        // The lists' own vocabulary is on the jargon list: the items the brief names, and at least half of all items.
        foreach (var text in new[] { "Accelerated learning or credit accrual", "Increased enrollment in advanced coursework", "Narrow or closed achievement gaps" })
            Assert.NotEmpty(PlComms.Messages.Jargon.Find(text));
        Assert.True(VisionCatalog.Suggestions.Count(s => PlComms.Messages.Jargon.Find(s.Text).Any()) * 2 >= VisionCatalog.Suggestions.Count);
        Assert.All(PlComms.Messages.Jargon.Terms.Where(t => t.Professional), t => Assert.Equal("000", t.Source.Seed));
    }

    [Theory]
    [InlineData("improved  attendance.", "Improved attendance")]
    [InlineData("Students in \"transition\" grades (e.g. ninth graders)", "Students in \u201ctransition\u201d grades (e.g., ninth graders)")]
    [InlineData("establishing a personalized-learning design committee", "Establishing a personalized learning design committee")]
    public void A_vision_item_matches_its_catalog_suggestion_by_normalised_text(string written, string catalog)
    {
        var list = VisionCatalog.Suggestions.Single(s => s.Text == catalog).List;
        Assert.Equal(catalog, VisionCatalog.Match(list, written)?.Text);
        Assert.Null(VisionCatalog.Match(list, written + " in every school"));
    }
}
