using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.Messages;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.Campaigns;

/// <summary>
/// Finds what a campaign sends: its approved, non-stale email message, plus the approved version of the same audience's
/// message in every other language, and renders each with the unsubscribe footer. Recipients whose language has no
/// approved version get the fallback (English).
/// </summary>
public sealed class CampaignContents(VisionStore visions, MessageStore messages)
{
    /// <summary>Which contact roles each audience's messages may go to.</summary>
    public static ContactRole? RoleFor(Audience audience) => audience switch
    {
        Audience.Parents => ContactRole.Parent,
        Audience.Teachers => ContactRole.Teacher,
        Audience.Community => ContactRole.Community,
        Audience.Board => ContactRole.Staff,
        // Students are never contacts: PlComms mails families and staff only.
        _ => null,
    };

    public sealed record Resolution(IReadOnlyList<CampaignContent>? Contents, Audience? Audience, int Status, string? Problem);

    public async Task<Resolution> ResolveAsync(string visionId, string messageId, MessageStream stream, CancellationToken ct)
    {
        if (!VisionEndpoints.IsId(visionId) || await visions.GetAsync(visionId, ct) is not { } vision)
            return new(null, null, 404, $"There is no vision with id '{visionId}'.");
        var all = await messages.ListAsync(visionId, ct);
        var named = all.FirstOrDefault(m => m.Id == messageId);
        if (named is null) return new(null, null, 404, $"Vision '{visionId}' has no message with id '{messageId}'.");
        if (!Usable(named, vision.Version))
            return new(null, named.Audience, 409, named.IsStaleAgainst(vision.Version)
                ? $"Message '{messageId}' was written from an older version of the vision; edit and approve it again."
                : $"Message '{messageId}' is not approved. Only approved messages are sent.");
        if (named.Language.Template is null)
            return new(null, named.Audience, 409, $"Message '{messageId}' is in {named.Language.Name}; campaigns send English and Spanish messages (their unsubscribe footer and survey pages are in those two).");
        if (!named.Channels.Contains(Channel.Email))
            return new(null, named.Audience, 409, $"Message '{messageId}' has no email rendering; generate it with the email channel.");

        var contents = new List<CampaignContent> { Render(named, vision.Content, stream) };
        foreach (var language in Enum.GetValues<Language>().Where(l => l != named.Language))
        {
            // The newest approved version in that language (ids are time-ordered).
            var other = all.Where(m => m.Audience == named.Audience && m.Language == language && m.Channels.Contains(Channel.Email) && Usable(m, vision.Version))
                .MaxBy(m => m.Id, StringComparer.Ordinal);
            if (other is not null) contents.Add(Render(other, vision.Content, stream));
        }
        return new(contents, named.Audience, 200, null);
    }

    private static bool Usable(StoredMessage m, int visionVersion) => m.IsApproved && !m.IsStaleAgainst(visionVersion);

    private static CampaignContent Render(StoredMessage m, VisionContent vision, MessageStream stream)
    {
        var email = ChannelRenderer.Render(m.Message, Channel.Email, vision);
        var content = EmailFooter.Append(email.Subject ?? m.Message.Headline, email.Html ?? "", email.Text, m.Language.Template ?? Language.En, stream);
        return new CampaignContent(m.Language.Tag, m.Id, m.ContentHash, content.Subject, content.Html, content.Text);
    }
}
