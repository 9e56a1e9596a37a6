using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace PlComms.Platform.Http;

/// <summary>
/// Resources carry a revision number as a strong ETag (<c>"3"</c>). Writes send it back in If-Match;
/// the storage write itself is still guarded by the table's ETag, so a race loses with 412.
/// </summary>
public static class ETags
{
    public static string Of(int revision) => $"\"{revision}\"";

    public static void Set(HttpResponse response, int revision) => response.Headers.ETag = Of(revision);

    /// <summary>Reads If-Match as a revision. "*" is refused: it would defeat the lost-update check.</summary>
    public static (int? Revision, ProblemHttpResult? Problem) IfMatch(HttpRequest request, bool required)
    {
        var header = request.Headers[HeaderNames.IfMatch].ToString();
        if (string.IsNullOrWhiteSpace(header)) return (null, required ? Problems.PreconditionRequired() : null);
        var value = header.Trim();
        if (value.Length > 2 && value[0] == '"' && value[^1] == '"' && int.TryParse(value[1..^1], out var revision) && revision > 0)
            return (revision, null);
        // An unrecognisable tag cannot match the current one.
        return (null, Problems.PreconditionFailed());
    }
}
