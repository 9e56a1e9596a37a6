using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Contacts;

/// <summary>Import bodies as the officer sends them: a CSV, the demo file, or the sample OneRoster folder zipped.</summary>
public static class ContactUploads
{
    public static ByteArrayContent Csv(string text) => Body(Encoding.UTF8.GetBytes(text), "text/csv");

    public static ByteArrayContent DemoCsv() =>
        Body(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "functions", "PlComms", "Demo", "demo-contacts.csv")), "text/csv");

    /// <summary>The sample bundle (two malformed rows among valid ones), zipped; <paramref name="without"/> leaves a file out.</summary>
    public static ByteArrayContent OneRosterSample(string? without = null)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Contacts", "oneroster-sample");
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(folder, "*.csv").Where(f => Path.GetFileName(f) != without))
                zip.CreateEntryFromFile(file, Path.GetFileName(file));
        }
        return Body(buffer.ToArray(), "application/zip");
    }

    public static ByteArrayContent Body(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }
}
