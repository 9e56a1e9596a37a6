using PlComms.Contacts;

namespace PlComms.UnitTests.Contacts;

/// <summary>
/// The sample bundle the integration tests upload (tests/PlComms.IntegrationTests/Contacts/oneroster-sample),
/// zipped here the same way, so its documented outcome (its README) is checked without the app.
/// </summary>
public class OneRosterSampleTests
{
    private static string SampleFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PlComms.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return Path.Combine(dir.FullName, "tests", "PlComms.IntegrationTests", "Contacts", "oneroster-sample");
    }

    [Fact]
    public void The_sample_bundle_gives_eight_contacts_and_two_row_errors()
    {
        var folder = SampleFolder();
        var files = Directory.GetFiles(folder, "*.csv").Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToArray();
        var parsed = OneRosterBundle.Parse(OneRosterZip.Build(files), new ImportSettings("en", 1000));

        Assert.Equal(15, parsed.RowsRead);
        Assert.Equal(["par-1", "par-2", "par-5", "tch-1", "tch-2", "adm-1", "aid-1", "par-7"], parsed.Contacts.Select(c => c.ExternalId));
        Assert.Collection(parsed.Errors,
            e => Assert.Equal(("users.csv", 7, "email"), (e.File, e.Line, e.Column)),
            e => Assert.Equal(("users.csv", 9, "metadata.preferredLanguage"), (e.File, e.Line, e.Column)));
        var maria = Assert.Single(parsed.Contacts, c => c.ExternalId == "par-1");
        Assert.Equal("es-MX", maria.Language);
        Assert.Equal(["stu-1"], maria.StudentIds);
        Assert.Equal([new SchoolRef("org-lincoln", "Lincoln Elementary")], maria.Schools);
        Assert.Equal(["02"], maria.Grades);
    }
}
