using System.Text.Json.Nodes;
using MimeKit;
using PlComms.Delivery.Sending;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>
/// One message as its recipient would get it, whichever sender produced it, so the contract tests can ask both the
/// same questions. For SendGrid it is what SendGrid builds from a personalization: the content with that
/// personalization's substitutions made, and the message headers merged with its own.
/// </summary>
public sealed record DeliveredEmail(
    string ToEmail,
    string? ToName,
    string Subject,
    string Html,
    string Text,
    IReadOnlyDictionary<string, string> Headers,
    string? DeliveryId,
    IReadOnlyList<string> StreamMarks,
    string? ContentLanguage)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public static IReadOnlyList<DeliveredEmail> FromSendGrid(SendGridRequest request)
    {
        var body = request.Body!;
        var content = body["content"]!.AsArray();
        string ContentOf(string type) => content.Single(c => c!["type"]!.GetValue<string>() == type)!["value"]!.GetValue<string>();
        var html = ContentOf("text/html");
        var text = ContentOf("text/plain");
        var globalHeaders = Strings(body["headers"]);
        var categories = body["categories"]?.AsArray().Select(c => c!.GetValue<string>()).ToList() ?? [];

        return [.. request.Personalizations.Select(p =>
        {
            var substitutions = Strings(p!["substitutions"]);
            string Substitute(string s) => substitutions.Aggregate(s, (current, sub) => current.Replace(sub.Key, sub.Value, StringComparison.Ordinal));
            var headers = new Dictionary<string, string>(globalHeaders, StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in Strings(p["headers"])) headers[name] = value;
            var to = p["to"]!.AsArray().Single()!;
            return new DeliveredEmail(
                to["email"]!.GetValue<string>(),
                to["name"]?.GetValue<string>(),
                Substitute(p["subject"]?.GetValue<string>() ?? body["subject"]!.GetValue<string>()),
                Substitute(html),
                Substitute(text),
                headers,
                Strings(p["custom_args"]).GetValueOrDefault("delivery_id"),
                categories,
                headers.GetValueOrDefault("Content-Language"));
        })];
    }

    public static DeliveredEmail FromEml(MimeMessage message)
    {
        var to = message.To.Mailboxes.Single();
        // Content-Language sits on the body entity, which prints as part of the message header.
        var headers = message.Headers.Concat(message.Body?.Headers ?? [])
            .GroupBy(h => h.Field, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
        return new DeliveredEmail(
            to.Address,
            string.IsNullOrEmpty(to.Name) ? null : to.Name,
            message.Subject ?? "",
            message.HtmlBody ?? "",
            message.TextBody ?? "",
            headers,
            headers.GetValueOrDefault(TraceHeaders.DeliveryId),
            headers.TryGetValue(TraceHeaders.Stream, out var stream) ? [stream] : [],
            headers.GetValueOrDefault("Content-Language"));
    }

    private static Dictionary<string, string> Strings(JsonNode? node) =>
        node is JsonObject o
            ? o.ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
