using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Pages;

namespace PlComms.IntegrationTests.Platform;

/// <summary>Chart.js reaches the officer's pages from the app itself, as npm installed it: no CDN, no copy kept by hand.</summary>
[Collection(AppCollection.Name)]
public sealed class ChartAssetTests(AppFixture fixture)
{
    /// <summary>The UMD build npm ci installed from package-lock.json.</summary>
    public static string NpmFile => Path.Combine(RepoPaths.Root, "node_modules", "chart.js", "dist", "chart.umd.min.js");

    [Fact]
    public async Task The_served_chart_library_is_the_npm_package_s_UMD_build_byte_for_byte_under_a_URL_naming_its_hash()
    {
        Assert.True(File.Exists(NpmFile), $"{NpmFile} is missing: run npm ci.");
        var npm = await File.ReadAllBytesAsync(NpmFile);
        var package = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "node_modules", "chart.js", "package.json")))!;
        Assert.StartsWith("4.", package["version"]!.GetValue<string>());

        var url = PageAssets.Url(PageAssets.ChartLibrary);
        Assert.Equal($"/api/assets/chart.umd.min.js?v={Convert.ToHexStringLower(SHA256.HashData(npm).AsSpan(0, 8))}", url);
        // Anyone may load it (the survey pages' assets are public too), with no key.
        var served = await fixture.Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("text/javascript", served.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", served.Headers.CacheControl!.ToString());
        Assert.Equal(npm, await served.Content.ReadAsByteArrayAsync());
    }
}
