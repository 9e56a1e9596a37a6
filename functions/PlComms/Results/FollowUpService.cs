using PlComms.Campaigns;
using PlComms.Shared;
using PlComms.Surveys;

namespace PlComms.Results;

/// <summary>Creating a follow-up rule, for the API (<see cref="FollowUpEndpoints"/>) and the officer's pages alike.</summary>
public sealed class FollowUpService(FollowUpStore store, SurveyStore surveys, CampaignContents contents, TimeProvider clock)
{
    /// <summary>
    /// Checks the rule against its survey, and a named message against what campaigns may send to that survey's
    /// audience, then stores it: the rule, or the errors by field (nothing stored).
    /// </summary>
    public async Task<(StoredRule? Rule, IReadOnlyDictionary<string, string[]>? Errors)> CreateRuleAsync(FollowUpRuleInput input, CancellationToken ct)
    {
        var survey = input.SurveyId is { Length: 32 } sid && SurveyService.IsId(sid) ? (await surveys.GetAsync(sid, ct))?.Survey : null;
        var validated = FollowUpRules.Validate(input, id => survey?.Id == id ? survey.Definition : null);
        if (!validated.IsValid) return (null, validated.Errors);
        var rule = validated.Value!;
        if (rule.Action is { Kind: FollowUpActionKind.ScheduleMessage, VisionId: { } visionId, MessageId: { } messageId })
        {
            var resolved = await contents.ResolveAsync(visionId, messageId, Delivery.MessageStream.Announcements, ct);
            if (resolved.Problem is not null) return (null, new Dictionary<string, string[]> { ["action.messageId"] = [resolved.Problem] });
            if (CampaignContents.RoleFor(resolved.Audience!.Value) != survey!.Definition.Segment.Role)
                return (null, new Dictionary<string, string[]>
                {
                    ["action.messageId"] = [$"A {WireName<Audience>.Of(resolved.Audience.Value)} message cannot follow up a survey of {WireName<Audience>.Of(survey.Definition.Audience)}."],
                });
        }
        var now = clock.GetUtcNow();
        var stored = new StoredRule(Guid.CreateVersion7(now).ToString("n"), rule, now);
        await store.AddRuleAsync(stored, ct);
        return (stored, null);
    }
}
