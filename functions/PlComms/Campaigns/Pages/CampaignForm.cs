using PlComms.WebApp;

namespace PlComms.Campaigns.Pages;

/// <summary>How the campaign forms show a command's refusal: field errors by control, or a sentence for the whole form.</summary>
public static class CampaignForm
{
    public static Dictionary<string, string> Labels(UiText text) => new()
    {
        ["messageId"] = text["campaigns.message"], ["visionId"] = text["campaigns.vision"], ["name"] = text["campaigns.name"],
        ["role"] = text["campaigns.segment"], ["schools"] = text["contacts.field.schools"], ["grades"] = text["contacts.field.grades"],
        ["languages"] = text["contacts.field.languages"], ["scheduledAt"] = text["campaigns.when.at"],
    };

    /// <summary>
    /// The command's field errors keyed by the form's controls ("segment.schools[1]" → "schools"). A missing message
    /// also leaves the segment without a role; that error says nothing the message's own does not.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]>? Errors(CampaignResult? result, bool unreadableTime, UiText text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (unreadableTime) errors["scheduledAt"] = [text["campaigns.when.unreadable"]];
        if (result is { Refusal: CampaignRefusal.Invalid })
        {
            foreach (var (field, messages) in Contacts.Pages.PageFormat.ByControl(result.Errors.ToDictionary(e => e.Key.Replace("segment.", "", StringComparison.Ordinal), e => e.Value)))
                errors[field] = messages;
            if (errors.ContainsKey("messageId")) errors.Remove("role");
        }
        return errors.Count == 0 ? null : errors;
    }

    public static (string Title, string? Detail)? Refusal(CampaignResult? result, UiText text) => result?.Refusal switch
    {
        null or CampaignRefusal.Invalid => null,
        var r => (text["campaigns.refused." + Shared.WireName<CampaignRefusal>.Of(r.Value)], result.Detail),
    };
}

/// <summary>A campaign's audience in words: "Parents · lincoln-elementary · grades 03 · es".</summary>
public static class CampaignText
{
    public static string Segment(Contacts.Segment segment, UiText text)
    {
        var parts = new List<string> { text["contacts.role." + Shared.WireName<Contacts.ContactRole>.Of(segment.Role)] };
        if (segment.Schools.Count > 0) parts.Add(string.Join(", ", segment.Schools));
        if (segment.Grades.Count > 0) parts.Add(text.Format("campaigns.segment.grades", string.Join(", ", segment.Grades)));
        if (segment.Languages.Count > 0) parts.Add(string.Join(", ", segment.Languages));
        return string.Join(" · ", parts);
    }
}
