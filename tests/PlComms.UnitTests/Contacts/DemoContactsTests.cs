using PlComms.Contacts;

namespace PlComms.UnitTests.Contacts;

/// <summary>functions/PlComms/Demo/demo-contacts.csv, read from the repository (found by walking up to PlComms.sln).</summary>
public class DemoContactsTests
{
    private static string DemoFile()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PlComms.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return Path.Combine(dir.FullName, "functions", "PlComms", "Demo", "demo-contacts.csv");
    }

    [Fact]
    public void The_demo_roster_parses_with_no_errors_in_two_languages_and_two_schools()
    {
        using var file = File.OpenRead(DemoFile());
        var parsed = SimpleContactCsv.Parse(file, new ImportSettings("en", 1000));

        Assert.Empty(parsed.Errors);
        Assert.Equal(parsed.RowsRead, parsed.Contacts.Count);
        Assert.InRange(parsed.Contacts.Count, 10, 20);
        Assert.Equal(["en", "es"], parsed.Contacts.Select(c => LanguageTags.Primary(c.Language)).Distinct().Order());
        Assert.Contains(parsed.Contacts, c => c.Language == "es-MX");
        Assert.Equal(["lincoln-elementary", "roosevelt-middle-school"], parsed.Contacts.SelectMany(c => c.Schools).Select(s => s.Id).Distinct().Order());
        Assert.Contains(parsed.Contacts, c => c.Role == ContactRole.Parent);
        Assert.Contains(parsed.Contacts, c => c.Role == ContactRole.Teacher);
        Assert.Single(parsed.Contacts, c => c.Role == ContactRole.Staff);
        Assert.All(parsed.Contacts, c => Assert.EndsWith("example.org", c.Email));
        var grades = parsed.Contacts.SelectMany(c => c.Grades).ToHashSet();
        Assert.Contains("KG", grades);
        Assert.Contains("08", grades);
    }
}
