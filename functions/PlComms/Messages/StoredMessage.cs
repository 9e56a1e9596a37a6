using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PlComms.Platform.Http;
using PlComms.Shared;

namespace PlComms.Messages;

/// <summary>
/// A message draft as stored. It is approved only while <see cref="ApprovedHash"/> equals the hash of
/// the current content, so any edit after approval returns it to draft without a separate step.
/// </summary>
public sealed record StoredMessage(
    string Id,
    string VisionId,
    int VisionVersion,
    IReadOnlyList<Channel> Channels,
    string Composer,
    string? Model,
    string PromptVersion,
    string? FallbackReason,
    StructuredMessage Message,
    GuardrailReport Report,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    string? ApprovedHash)
{
    public Audience Audience => Message.Audience;

    public MessageLanguage Language => Message.Language;

    public string ContentHash => HashOf(Message);

    public bool IsApproved => ApprovedHash is not null && ApprovedHash == ContentHash;

    /// <summary>A message written from an older version of its vision than the current one.</summary>
    public bool IsStaleAgainst(int currentVisionVersion) => VisionVersion < currentVisionVersion;

    /// <summary>SHA-256 of the message's canonical JSON: what an approval is pinned to.</summary>
    public static string HashOf(StructuredMessage message) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message, Json.Options))));
}
