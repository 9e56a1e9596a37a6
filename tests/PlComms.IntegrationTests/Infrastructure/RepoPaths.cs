namespace PlComms.IntegrationTests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The clone's root: the folder holding PlComms.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlComms.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"PlComms.sln not found above {AppContext.BaseDirectory}.");
    }
}
