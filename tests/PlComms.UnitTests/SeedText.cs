namespace PlComms.UnitTests;

/// <summary>Reads the district documents in ../shared/seeds beside the clone. Missing seeds fail the test; they never skip it.</summary>
public static class SeedText
{
    public static string SeedsFolder { get; } = Find();

    public static string Read(string prefix)
    {
        var file = Directory.GetFiles(SeedsFolder, prefix + "*.txt").SingleOrDefault()
            ?? throw new FileNotFoundException($"No seed starting with '{prefix}' in {SeedsFolder}.");
        return File.ReadAllText(file);
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "PlComms.sln"))) continue;
            var seeds = Path.Combine(dir.FullName, "..", "shared", "seeds");
            return Directory.Exists(seeds)
                ? Path.GetFullPath(seeds)
                : throw new DirectoryNotFoundException($"The seeds folder {Path.GetFullPath(seeds)} is missing; the tests read the district documents from it.");
        }
        throw new InvalidOperationException($"PlComms.sln not found above {AppContext.BaseDirectory}.");
    }
}
