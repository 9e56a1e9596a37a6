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
