using System.Text;
using System.Text.Json;

namespace PlComms.Delivery.Sending.SendGrid;

/// <summary>
/// One line from SendGrid's error body (<c>{"errors":[{"field":…,"message":…}]}</c>) for the delivery record and the
/// log: the first error's field and message, how many more there were, and at most <see cref="MaxLength"/> characters.
/// It repeats only what SendGrid returned; SendGrid may name an address it refused, never more.
/// </summary>
internal static class SendGridErrorSummary
{
    public const int MaxLength = 300;

    public static string Summarise(int status, string? body)
    {
        var detail = FirstError(body) ?? PlainText(body);
        return Bound(string.IsNullOrEmpty(detail) ? $"SendGrid answered {status}." : $"SendGrid answered {status}: {detail}");
    }

    private static string? FirstError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("errors", out var errors)
                || errors.ValueKind != JsonValueKind.Array
                || errors.GetArrayLength() == 0)
                return null;
            var first = errors[0];
            var message = Text(first, "message") ?? "(no message)";
            var field = Text(first, "field");
            var more = errors.GetArrayLength() - 1;
            return (field is null ? message : $"{field}: {message}") + (more > 0 ? $" (and {more} more)" : "");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement error, string name) =>
        error.ValueKind == JsonValueKind.Object && error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    // A proxy's HTML page or a bare string: keep a short, single-line piece of it.
    private static string PlainText(string? body) =>
        string.IsNullOrWhiteSpace(body) ? "" : Bound(OneLine(body));

    private static string OneLine(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxLength + 1));
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
            if (builder.Length > MaxLength) break;
        }
        return builder.ToString().Trim();
    }

    private static string Bound(string text)
    {
        var line = OneLine(text);
        return line.Length <= MaxLength ? line : line[..(MaxLength - 1)].TrimEnd() + "…";
    }
}
