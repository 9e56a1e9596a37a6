using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace PlComms.Contacts;

/// <summary>
/// An import file as uploaded: the raw body (text/csv or application/zip, e.g. <c>curl --data-binary @file</c>) or the
/// first file of a multipart form (the web app). The format follows <c>?format=</c>, else the content: a zip is a
/// OneRoster bundle, anything else the simple CSV.
/// </summary>
public sealed record ImportUpload(byte[] Content, ImportFormat Format)
{
    private static readonly string[] CsvTypes = ["text/csv", "application/csv", "text/plain"];
    private static readonly string[] ZipTypes = ["application/zip", "application/x-zip-compressed"];

    public static async Task<(ImportUpload? Upload, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, string? format, long limit, CancellationToken ct)
    {
        ImportFormat? declared = format?.ToLowerInvariant() switch
        {
            null => null,
            "csv" => ImportFormat.Csv,
            "oneroster" or "one-roster" => ImportFormat.OneRoster,
            _ => (ImportFormat?)(-1),
        };
        if (declared is (ImportFormat)(-1))
            return (null, Platform.Http.Problems.Validation(new Dictionary<string, string[]> { ["format"] = ["Use csv or oneroster."] }));
        if (request.ContentLength > limit) return (null, TooLarge(limit));

        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.ToString().ToLowerInvariant() : "";
        byte[] content;
        try
        {
            if (mediaType == "multipart/form-data")
            {
                var form = await new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = limit, ValueCountLimit = 16 }).ReadFormAsync(ct);
                if (form.Files.Count == 0)
                    return (null, Platform.Http.Problems.Validation(new Dictionary<string, string[]> { ["file"] = ["Attach the contacts file."] }));
                using var buffer = new MemoryStream();
                await form.Files[0].CopyToAsync(buffer, ct);
                content = buffer.ToArray();
            }
            else if (CsvTypes.Contains(mediaType) || ZipTypes.Contains(mediaType) || mediaType == "application/octet-stream")
            {
                content = await ReadBoundedAsync(request.Body, limit, ct);
            }
            else
            {
                return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send a CSV file or a OneRoster zip.",
                    detail: "Use Content-Type text/csv (simple CSV), application/zip (OneRoster 1.1/1.2 bundle) or multipart/form-data with the file."));
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }
        catch (InvalidDataException)
        {
            // Multipart section over the limit, or a malformed form.
            return (null, TooLarge(limit));
        }
        catch (TooLargeException)
        {
            return (null, TooLarge(limit));
        }

        if (content.Length == 0)
            return (null, Platform.Http.Problems.Validation(new Dictionary<string, string[]> { ["file"] = ["The file is empty."] }));
        var isZip = content is [0x50, 0x4B, 0x03, 0x04, ..];
        var inferred = isZip ? ImportFormat.OneRoster : ImportFormat.Csv;
        if (declared is { } d && d != inferred)
            return (null, Platform.Http.Problems.Validation(new Dictionary<string, string[]>
            {
                ["format"] = [d == ImportFormat.OneRoster ? "A OneRoster bundle must be a zip file." : "This is a zip file; use format=oneroster."],
            }));
        return (new ImportUpload(content, inferred), null);
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) throw new TooLargeException();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The file is too large.", detail: $"Import files are limited to {limit / (1024 * 1024)} MB (setting Contacts__MaxUploadMegabytes). Split the file and import the parts.");

    private sealed class TooLargeException : Exception;
}
