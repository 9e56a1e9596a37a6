using System.Collections.Frozen;
using System.Security.Cryptography;
using PlComms.Platform.Functions;

namespace PlComms.Platform.Pages;

/// <summary>
/// The pages' own script and style sheets, embedded in the app and served from <c>/api/assets/{file}</c>: no CDN, no
/// third-party request, and a Content-Security-Policy of <c>'self'</c> covers them. Each URL carries the file's hash,
/// so browsers may cache it for a year and still pick up a new release at once.
/// </summary>
public static class PageAssets
{
    public const string Script = "survey.js";
    public const string Style = "survey.css";
    public const string Icon = "favicon.svg";
    public const string AppStyle = "app.css";
    public const string VisionScript = "vision-form.js";
    public const string CampaignScript = "campaign.js";

    /// <summary>Chart.js's UMD build, byte for byte as npm installed it (embedded from node_modules by PlComms.csproj).</summary>
    public const string ChartLibrary = "chart.umd.min.js";

    /// <summary>Draws the results dashboard's charts from its text tables.</summary>
    public const string ResultsScript = "results.js";

    private sealed record Asset(byte[] Bytes, string ContentType, string Hash);

    private const string Js = "text/javascript; charset=utf-8";
    private const string Css = "text/css; charset=utf-8";

    private static readonly FrozenDictionary<string, Asset> Assets = new[] { (Script, Js), (Style, Css), (Icon, "image/svg+xml"), (AppStyle, Css), (VisionScript, Js), (CampaignScript, Js), (ChartLibrary, Js), (ResultsScript, Js) }
        .ToFrozenDictionary(a => a.Item1, a => Load(a.Item1, a.Item2), StringComparer.Ordinal);

    public static string Url(string file) => $"{FunctionCatalog.PageAssets.AppPath.Replace("{file}", file)}?v={Assets[file].Hash}";

    public static void MapPageAssets(this IEndpointRouteBuilder app) =>
        app.MapMethods(FunctionCatalog.PageAssets.AppPath, ["GET", "HEAD"], IResult (string file, HttpResponse response) =>
        {
            if (!Assets.TryGetValue(file, out var asset)) return TypedResults.NotFound();
            response.Headers.CacheControl = "public, max-age=31536000, immutable";
            response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.Bytes(asset.Bytes, asset.ContentType);
        }).WithMetadata(new Auth.PublicEndpoint()).ExcludeFromDescription();

    private static Asset Load(string file, string contentType)
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream("PlComms.assets." + file)
            ?? throw new InvalidOperationException($"The page asset {file} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        return new Asset(bytes, contentType, Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8)));
    }
}
