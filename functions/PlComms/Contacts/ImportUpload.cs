using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace PlComms.Contacts;

/// <summary>Why an upload could not be read: the API answers each with a problem, the web app with a sentence.</summary>
public enum UploadFailure
{
    /// <summary><c>?format=</c> is neither csv nor oneroster.</summary>
    UnknownFormat,

    /// <summary>The declared format does not match the content (a zip declared as csv, or the other way).</summary>
    FormatMismatch,

    /// <summary>The body is neither a CSV, a zip nor a multipart form.</summary>
    UnsupportedMediaType,

    /// <summary>A multipart form without a file.</summary>
    NoFile,

    Empty,

    /// <summary>Over <c>Contacts__MaxUploadMegabytes</c>.</summary>
    TooLarge,
}

/// <summary>
/// An import file as uploaded: the raw body (text/csv or application/zip, e.g. <c>curl --data-binary @file</c>) or the
/// first file of a multipart form (the web app). The format follows <c>?format=</c>, else the content: a zip is a
/// OneRoster bundle, anything else the simple CSV. The API's import and the web app's upload form both read files here,
/// with the same limit.
/// </summary>
/// <param name="FileName">The name the browser gave a multipart file; null for a raw body.</param>
public sealed record ImportUpload(byte[] Content, ImportFormat Format, string? FileName = null)
{
    /// <summary>What a multipart form may carry besides the file (boundaries, part headers, the antiforgery token).</summary>
    public const long MultipartAllowance = 64 * 1024;

    private static readonly string[] CsvTypes = ["text/csv", "application/csv", "text/plain"];
    private static readonly string[] ZipTypes = ["application/zip", "application/x-zip-compressed"];

    public static async Task<(ImportUpload? Upload, UploadFailure? Failure)> ReadAsync(HttpRequest request, string? format, long limit, CancellationToken ct)
    {
        ImportFormat? declared = format?.ToLowerInvariant() switch
        {
            null => null,
            "csv" => ImportFormat.Csv,
            "oneroster" or "one-roster" => ImportFormat.OneRoster,
            _ => (ImportFormat?)(-1),
        };
        if (declared is (ImportFormat)(-1)) return (null, UploadFailure.UnknownFormat);

        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.ToString().ToLowerInvariant() : "";
        var multipart = mediaType == "multipart/form-data";
        var bodyLimit = multipart ? limit + MultipartAllowance : limit;
        if (request.ContentLength > bodyLimit) return (null, UploadFailure.TooLarge);
        // The server-wide limit suits JSON bodies; an import file may be larger, up to its own bound.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = bodyLimit;

        byte[] content;
        string? fileName = null;
        try
        {
            if (multipart)
            {
                // Kept as the request's form, so the form's other fields (the web app's antiforgery token) read from it.
                var feature = new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = limit, ValueCountLimit = 16 });
                request.HttpContext.Features.Set<IFormFeature>(feature);
                var form = await feature.ReadFormAsync(ct);
                if (form.Files.Count == 0) return (null, UploadFailure.NoFile);
                if (form.Files[0].Length > limit) return (null, UploadFailure.TooLarge);
                using var buffer = new MemoryStream();
                await form.Files[0].CopyToAsync(buffer, ct);
                content = buffer.ToArray();
                fileName = string.IsNullOrWhiteSpace(form.Files[0].FileName) ? null : Path.GetFileName(form.Files[0].FileName);
            }
            else if (CsvTypes.Contains(mediaType) || ZipTypes.Contains(mediaType) || mediaType == "application/octet-stream")
            {
                content = await ReadBoundedAsync(request.Body, limit, ct);
            }
            else
            {
                return (null, UploadFailure.UnsupportedMediaType);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, UploadFailure.TooLarge);
        }
        catch (InvalidDataException)
        {
            // Multipart section over the limit, or a malformed form.
            return (null, UploadFailure.TooLarge);
        }
        catch (TooLargeException)
        {
            return (null, UploadFailure.TooLarge);
        }

        if (content.Length == 0) return (null, UploadFailure.Empty);
        var isZip = content is [0x50, 0x4B, 0x03, 0x04, ..];
        var inferred = isZip ? ImportFormat.OneRoster : ImportFormat.Csv;
        if (declared is { } d && d != inferred) return (null, UploadFailure.FormatMismatch);
        return (new ImportUpload(content, inferred, fileName), null);
    }

    /// <summary>The API's answer to a failure; <paramref name="format"/> is the format the request declared.</summary>
    public static ProblemHttpResult Problem(UploadFailure failure, string? format, long limit) => failure switch
    {
        UploadFailure.UnknownFormat => Field("format", "Use csv or oneroster."),
        UploadFailure.FormatMismatch => Field("format", format?.ToLowerInvariant() is "oneroster" or "one-roster"
            ? "A OneRoster bundle must be a zip file." : "This is a zip file; use format=oneroster."),
        UploadFailure.UnsupportedMediaType => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send a CSV file or a OneRoster zip.",
            detail: "Use Content-Type text/csv (simple CSV), application/zip (OneRoster 1.1/1.2 bundle) or multipart/form-data with the file."),
        UploadFailure.NoFile => Field("file", "Attach the contacts file."),
        UploadFailure.Empty => Field("file", "The file is empty."),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large.",
            detail: $"Import files are limited to {Megabytes(limit)} MB (setting Contacts__MaxUploadMegabytes). Split the file and import the parts."),
    };

    public static long Megabytes(long limit) => limit / (1024 * 1024);

    private static ProblemHttpResult Field(string field, string message) =>
        Platform.Http.Problems.Validation(new Dictionary<string, string[]> { [field] = [message] });

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

    private sealed class TooLargeException : Exception;
}
