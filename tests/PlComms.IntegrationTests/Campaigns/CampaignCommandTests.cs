using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Campaigns;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.IntegrationTests.Visions;

namespace PlComms.IntegrationTests.Campaigns;

/// <summary>
/// <see cref="CampaignCommands"/>, which <c>POST /api/campaigns</c>, <c>/schedule</c> and <c>/cancel</c> and the web
/// app's campaign pages share: what it refuses (and with which problem), a campaign for later, and cancelling.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CampaignCommandTests(AppFixture fixture)
{
    private static string School() => "commands-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<bool> AnyCampaignNamedAsync(string name)
    {
        var store = fixture.Services.GetRequiredService<CampaignStore>();
        string? token = null;
        do
        {
            var (items, next) = await store.ListAsync(token, 200, CancellationToken.None);
            if (items.Any(c => c.Name == name)) return true;
            token = next;
        }
        while (token is not null);
        return false;
    }

    [Fact]
    public async Task A_campaign_is_refused_for_an_unknown_vision_an_unapproved_message_another_audience_or_missing_fields_and_none_is_stored()
    {
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(fixture.Officer);
        var school = School();

        var unknownVision = PipelineRequests.Campaign(new string('a', 32), messageId, school);
        var notFound = await (await fixture.Officer.PostAsync("/api/campaigns", ApiAssertions.JsonContent(unknownVision))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("no vision", notFound["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var draft = await (await fixture.Officer.PostAsync($"/api/visions/{visionId}/messages", ApiAssertions.JsonContent(new JsonObject
        {
            ["audiences"] = new JsonArray("parents"), ["channels"] = new JsonArray("email"), ["languages"] = new JsonArray("en"),
        }))).ReadObjectAsync();
        var unapproved = PipelineRequests.Campaign(visionId, draft["items"]![0]!["id"]!.GetValue<string>(), school);
        var refused = await (await fixture.Officer.PostAsync("/api/campaigns", ApiAssertions.JsonContent(unapproved))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("The message cannot be sent.", refused["title"]!.GetValue<string>());
        Assert.Contains("not approved", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var toTeachers = PipelineRequests.Campaign(visionId, messageId, school);
        toTeachers["segment"]!["role"] = "teacher";
        await (await fixture.Officer.PostAsync("/api/campaigns", ApiAssertions.JsonContent(toTeachers))).AssertFieldErrorAsync("segment.role");

        var noMessage = PipelineRequests.Campaign(visionId, messageId, school);
        noMessage.Remove("messageId");
        await (await fixture.Officer.PostAsync("/api/campaigns", ApiAssertions.JsonContent(noMessage))).AssertFieldErrorAsync("messageId");

        var tooLate = PipelineRequests.Campaign(visionId, messageId, school, DateTimeOffset.UtcNow.AddYears(2));
        await (await fixture.Officer.PostAsync("/api/campaigns", ApiAssertions.JsonContent(tooLate))).AssertFieldErrorAsync("scheduledAt");

        Assert.False(await AnyCampaignNamedAsync($"Test campaign for {school}"));
    }

    [Fact]
    public async Task A_campaign_for_later_stays_scheduled_until_cancelled_and_then_nothing_is_left_to_cancel_or_schedule()
    {
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(fixture.Officer);
        var at = DateTimeOffset.UtcNow.AddDays(3);
        var id = await PipelineRequests.CreateCampaignAsync(fixture.Officer, PipelineRequests.Campaign(visionId, messageId, School(), at));
        var scheduled = await (await fixture.Officer.GetAsync($"/api/campaigns/{id}")).ReadObjectAsync();
        Assert.Equal("scheduled", scheduled["status"]!.GetValue<string>());
        Assert.Equal(at.ToUnixTimeSeconds(), scheduled["scheduledAt"]!.GetValue<DateTimeOffset>().ToUnixTimeSeconds());
        Assert.Empty(scheduled["batches"]!.AsArray());

        // Only drafts are scheduled with a message; an unknown campaign is a 404; a body that is not JSON is refused first.
        var notDraft = await (await fixture.Officer.PostAsync($"/api/campaigns/{id}/schedule", ApiAssertions.JsonContent(new JsonObject { ["messageId"] = messageId })))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Only a draft can be scheduled.", notDraft["title"]!.GetValue<string>());
        await (await fixture.Officer.PostAsync($"/api/campaigns/{new string('b', 32)}/schedule", ApiAssertions.JsonContent(new JsonObject { ["messageId"] = messageId }))).AssertProblemAsync(HttpStatusCode.NotFound);
        var notJson = await (await fixture.Officer.PostAsync($"/api/campaigns/{new string('b', 32)}/schedule", new StringContent("not json"))).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", notJson["detail"]!.GetValue<string>());

        var cancelled = await (await fixture.Officer.PostAsync($"/api/campaigns/{id}/cancel", null)).ReadObjectAsync();
        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal("Cancelled by the officer.", cancelled["statusReason"]!.GetValue<string>());
        Assert.Equal("cancelled", (await (await fixture.Officer.GetAsync($"/api/campaigns/{id}")).ReadObjectAsync())["status"]!.GetValue<string>());
        var over = await (await fixture.Officer.PostAsync($"/api/campaigns/{id}/cancel", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("The campaign is over.", over["title"]!.GetValue<string>());
        await (await fixture.Officer.PostAsync($"/api/campaigns/{new string('c', 32)}/cancel", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_command_refuses_a_draft_s_message_for_another_audience_and_schedules_it_with_one_for_its_own()
    {
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(fixture.Officer);
        var commands = fixture.Services.GetRequiredService<CampaignCommands>();
        var store = fixture.Services.GetRequiredService<CampaignStore>();
        var school = School();
        var now = DateTimeOffset.UtcNow;
        var draft = new StoredCampaign(Guid.CreateVersion7(now).ToString("n"), $"Follow-up for {school}", "", "",
            new PlComms.Contacts.Segment(PlComms.Contacts.ContactRole.Teacher, [school], [], []), PlComms.Delivery.MessageStream.Announcements, now,
            CampaignStatus.Draft, "Teachers' clarity fell to 40% favorable.", [], 0, null, 0, 0, null, now, now, null);
        await store.AddAsync(draft, CancellationToken.None);

        var missing = await commands.ScheduleAsync(draft.Id, new ScheduleInput(null, messageId, null), CancellationToken.None);
        Assert.Equal(CampaignRefusal.Invalid, missing.Refusal);
        Assert.True(missing.Errors.ContainsKey("visionId"));

        var wrongAudience = await commands.ScheduleAsync(draft.Id, new ScheduleInput(visionId, messageId, null), CancellationToken.None);
        Assert.Equal(CampaignRefusal.Invalid, wrongAudience.Refusal);
        Assert.Contains("goes to role 'parent'", Assert.Single(wrongAudience.Errors["segment.role"]), StringComparison.Ordinal);
        Assert.Equal(CampaignStatus.Draft, (await store.GetAsync(draft.Id, CancellationToken.None))!.Value.Campaign.Status);

        var parentsDraft = draft with { Id = Guid.CreateVersion7(now.AddMilliseconds(1)).ToString("n"), Segment = draft.Segment with { Role = PlComms.Contacts.ContactRole.Parent } };
        await store.AddAsync(parentsDraft, CancellationToken.None);
        var later = DateTimeOffset.UtcNow.AddDays(1);
        var done = await commands.ScheduleAsync(parentsDraft.Id, new ScheduleInput(visionId, messageId, later), CancellationToken.None);
        Assert.Null(done.Refusal);
        Assert.Equal((CampaignStatus.Scheduled, messageId, "Teachers' clarity fell to 40% favorable."), (done.Campaign!.Status, done.Campaign.MessageId, done.Campaign.StatusReason));
        Assert.Equal(later, done.Campaign.ScheduledAt);
        Assert.Equal(CampaignRefusal.NotADraft, (await commands.ScheduleAsync(parentsDraft.Id, new ScheduleInput(visionId, messageId, null), CancellationToken.None)).Refusal);
        Assert.Null((await commands.CancelAsync(parentsDraft.Id, CancellationToken.None)).Refusal);
        Assert.Null((await commands.CancelAsync(draft.Id, CancellationToken.None)).Refusal);
    }
}
