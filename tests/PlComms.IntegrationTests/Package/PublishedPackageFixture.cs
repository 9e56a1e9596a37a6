using System.Diagnostics;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Package;

/// <summary>
/// The deployment folder scripts/publish writes. scripts/test publishes first and passes the folder in
/// PLCOMMS_PACKAGE_DIR; without it the fixture runs scripts/publish itself (about a minute).
/// </summary>
public sealed class PublishedPackageFixture : IAsyncLifetime
{
    public string Directory { get; private set; } = "";

    public AzuriteFixture Azurite { get; } = new();

    public async Task InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable("PLCOMMS_PACKAGE_DIR");
        if (!string.IsNullOrEmpty(given))
        {
            Directory = Path.GetFullPath(given, RepoPaths.Root);
            if (!File.Exists(Path.Combine(Directory, "host.json")))
                throw new InvalidOperationException($"PLCOMMS_PACKAGE_DIR={given} holds no host.json; run scripts/publish.");
        }
        else
        {
            var publish = Process.Start(new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "scripts", "publish")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var stdout = publish.StandardOutput.ReadToEndAsync();
            var stderr = publish.StandardError.ReadToEndAsync();
            await publish.WaitForExitAsync();
            if (publish.ExitCode != 0)
                throw new InvalidOperationException($"scripts/publish failed ({publish.ExitCode}): {await stdout}{await stderr}");
            Directory = Path.Combine(RepoPaths.Root, "artifacts", "publish");
        }
        await Azurite.InitializeAsync();
    }

    public Task DisposeAsync() => Azurite.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PublishedPackageFixture>, ICollectionFixture<FaultWorld>
{
    public const string Name = "published package";
}
