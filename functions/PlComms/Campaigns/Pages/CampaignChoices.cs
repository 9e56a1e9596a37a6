using PlComms.Contacts;
using PlComms.Messages;
using PlComms.Visions;

namespace PlComms.Campaigns.Pages;

/// <summary>A message the officer may send, with the role its audience's campaigns go to.</summary>
public sealed record MessageChoice(MessageDocument Message, ContactRole Role);

/// <summary>
/// What the campaign forms offer: the district's visions, and a vision's messages that campaigns may use, by the rule
/// <c>GET /api/visions/{id}/messages?usable=true</c> applies (approved and not stale), with an email rendering and an
/// audience that has contacts. The command still checks all of it when the form is sent.
/// </summary>
public sealed class CampaignChoices(VisionStore visions, MessageStore messages)
{
    /// <summary>Visions offered in one list; a district has a handful.</summary>
    public const int MaxVisions = 200;

    public async Task<IReadOnlyList<VisionSummary>> VisionsAsync(CancellationToken ct)
    {
        var all = new List<VisionSummary>();
        string? token = null;
        do
        {
            var (items, next) = await visions.ListAsync(token, 50, ct);
            all.AddRange(items);
            token = next;
        }
        while (token is not null && all.Count < MaxVisions);
        return all;
    }

    /// <summary>The vision and its usable email messages (for <paramref name="role"/> only, when given); null when there is no such vision.</summary>
    public async Task<(StoredVision Vision, IReadOnlyList<MessageChoice> Messages)?> MessagesAsync(string? visionId, ContactRole? role, CancellationToken ct)
    {
        if (!VisionEndpoints.IsId(visionId ?? "") || await visions.GetAsync(visionId!, ct) is not { } vision) return null;
        var usable = (await messages.ListAsync(vision.Id, ct))
            .Select(m => MessageDocument.From(m, vision.Version))
            .Where(m => m.Usable && m.Channels.Contains(Channel.Email))
            .Select(m => CampaignContents.RoleFor(m.Audience) is { } r ? new MessageChoice(m, r) : null)
            .OfType<MessageChoice>()
            .Where(c => role is null || c.Role == role)
            .OrderBy(c => c.Message.Audience).ThenBy(c => c.Message.Language.Tag, StringComparer.Ordinal)
            .ToList();
        return (vision, usable);
    }

    /// <summary>The role a message of the vision goes to, usable or not (the command says why it is not); null when there is no such message.</summary>
    public async Task<ContactRole?> RoleOfAsync(string visionId, string? messageId, CancellationToken ct) =>
        VisionEndpoints.IsId(messageId ?? "") && await messages.GetAsync(visionId, messageId!, ct) is { } found
            ? CampaignContents.RoleFor(found.Message.Audience)
            : null;
}

/// <summary>The "when" fields: now, or a date and time read as UTC; null time means now.</summary>
public static class WhenInput
{
    public static (DateTimeOffset? At, bool Unreadable) Read(string? when, string? scheduledAt)
    {
        if (when != "later") return (null, false);
        return Contacts.Pages.PageFormat.ParseUtc(scheduledAt) is { } at ? (at, false) : (null, true);
    }
}
