using System.Text.Json.Nodes;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>
/// A request <see cref="FakeSendGrid"/> received, and the status it answered. <see cref="ReceivedAt"/> is the
/// fake's wall clock when the request arrived, for tests of waits between tries.
/// </summary>
public sealed record SendGridRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    JsonNode? Body,
    DateTimeOffset ReceivedAt,
    int AnsweredStatus)
{
    public string? Authorization => Headers.GetValueOrDefault("Authorization");

    public JsonArray Personalizations => Body?["personalizations"]?.AsArray() ?? [];

    /// <summary>Every <c>to</c> address of the request, in order.</summary>
    public IReadOnlyList<string> ToEmails =>
        [.. Personalizations.SelectMany(p => p?["to"]?.AsArray() ?? []).Select(to => to?["email"]?.GetValue<string>() ?? "")];

    public bool WasAccepted => AnsweredStatus is >= 200 and < 300;

    /// <summary>The whole answer the fake chose (its headers say what wait a refusal asked for).</summary>
    public SendGridReply? Reply { get; init; }
}
