using Microsoft.Extensions.DependencyInjection;
using PlComms.Delivery;
using PlComms.IntegrationTests.Delivery;
using PlComms.Platform.Queues;

namespace PlComms.IntegrationTests.Campaigns;

/// <summary>What the officer sees when SendGrid will not take a batch: a refusal is settled at once; a failure that
/// outlasts every try poisons the batch, moves its message to the poison queue and shows in the campaign report.</summary>
[Collection(PipelineCollection.Name)]
public sealed class FailedBatchTests(PipelineFixture fixture)
{
    private static string School() => "fail-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<(RunningApp App, string CampaignId)> SendAsync(FakeSendGrid sendGrid, string school, int parents)
    {
        var app = await fixture.StartAsync(fixture.Settings(batchSize: 10, new Dictionary<string, string?>
        {
            ["SendGrid:Host"] = sendGrid.Host.ToString(),
            ["SendGrid:MaxRetries"] = "1",
        }));
        await PipelineRequests.SeedParentsAsync(app.Services, school, parents);
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(app.Officer);
        return (app, await PipelineRequests.CreateCampaignAsync(app.Officer, PipelineRequests.Campaign(visionId, messageId, school)));
    }

    [Fact]
    public async Task A_batch_that_fails_on_every_try_is_poisoned_lands_on_the_poison_queue_and_shows_in_the_report()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.DefaultReply = SendGridReply.ServerError(503);
        var (app, id) = await SendAsync(sendGrid, School(), 4);
        await using var _ = app;

        var done = await PipelineRequests.WaitForCompletionAsync(app.Officer, id, TimeSpan.FromSeconds(90));

        var batches = done["batches"]!.AsArray();
        Assert.Equal(2, batches.Count); // en and es
        Assert.All(batches, b =>
        {
            Assert.Equal("poison", b!["state"]!.GetValue<string>());
            Assert.Equal(QueueSettings.MaxDequeueCount, b["attempts"]!.GetValue<int>());
            Assert.Equal(503, b["statusCode"]!.GetValue<int>());
        });
        Assert.Equal(4, done["progress"]!["failed"]!.GetValue<int>());
        Assert.Equal(0, done["progress"]!["sent"]!.GetValue<int>());
        var queues = app.Services.GetRequiredService<AppQueues>();
        var poison = await queues.GetAsync(QueueSettings.PoisonQueueName(DeliveryQueues.Send), CancellationToken.None);
        var messages = (await poison.PeekMessagesAsync(32)).Value.Select(m => m.MessageText).ToList();
        Assert.Contains(DeliveryQueues.Serialize(new SendMessage(id, 0)), messages);
        Assert.Contains(DeliveryQueues.Serialize(new SendMessage(id, 1)), messages);
        // Two tries per queue delivery (MaxRetries 1), five deliveries per batch.
        Assert.Equal(2 * 2 * QueueSettings.MaxDequeueCount, sendGrid.Requests.Count);
    }

    [Fact]
    public async Task A_batch_SendGrid_refuses_with_400_is_settled_as_rejected_after_one_request_and_reported()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.DefaultReply = SendGridReply.BadRequest("The from address does not match a verified Sender Identity.", "from");
        var (app, id) = await SendAsync(sendGrid, School(), 3);
        await using var _ = app;

        var done = await PipelineRequests.WaitForCompletionAsync(app.Officer, id, TimeSpan.FromSeconds(60));

        Assert.All(done["batches"]!.AsArray(), b =>
        {
            Assert.Equal("rejected", b!["state"]!.GetValue<string>());
            Assert.Equal(400, b["statusCode"]!.GetValue<int>());
            Assert.Contains("verified Sender Identity", b["error"]!.GetValue<string>());
        });
        Assert.Equal(3, done["progress"]!["failed"]!.GetValue<int>());
        Assert.Equal(2, sendGrid.Requests.Count);
    }
}
