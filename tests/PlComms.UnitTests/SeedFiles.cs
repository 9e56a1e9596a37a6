using System.Text.RegularExpressions;

namespace PlComms.UnitTests;

/// <summary>
/// The seed documents, read from ../shared/seeds beside the repository (found by walking up to
/// PlComms.sln). A missing folder fails the test loudly rather than skipping the check.
/// </summary>
internal static partial class SeedFiles
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Texts = new(Load);

    public static string Directory { get; } = Locate();

    /// <summary>The seed whose file name starts with the number ("002"), whitespace collapsed to single spaces.</summary>
    public static string Text(string seed) =>
        Texts.Value.TryGetValue(seed, out var text) ? text : throw new InvalidOperationException($"No seed file {seed}_*.txt in {Directory}.");

    public static bool Contains(string seed, string quote) => Text(seed).Contains(Normalize(quote), StringComparison.Ordinal);

    public static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    private static string Locate()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PlComms.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException($"PlComms.sln not found above {AppContext.BaseDirectory}.");
        var seeds = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "seeds"));
        if (!System.IO.Directory.Exists(seeds))
            throw new InvalidOperationException($"The seed documents are missing: expected them in {seeds} (shared/ beside the repository).");
        return seeds;
    }

    private static IReadOnlyDictionary<string, string> Load()
    {
        var texts = System.IO.Directory.GetFiles(Directory, "*.txt")
            .ToDictionary(f => Path.GetFileName(f)[..3], f => Normalize(File.ReadAllText(f)));
        if (texts.Count < 5) throw new InvalidOperationException($"Expected five seed files in {Directory}; found {texts.Count}.");
        return texts;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
