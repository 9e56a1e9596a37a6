using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PlComms.Delivery;
using PlComms.IntegrationTests.Campaigns;
using PlComms.IntegrationTests.Delivery;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Queues;

namespace PlComms.IntegrationTests.Platform;

/// <summary>The custom-handler protocol for queue functions, as the Functions host speaks it.</summary>
[Collection(PipelineCollection.Name)]
public sealed class QueueFunctionTests(PipelineFixture fixture)
{
    private static StringContent Invocation(JsonNode message, long dequeueCount) => new(new JsonObject
    {
        ["Data"] = new JsonObject { [QueueEndpoints.BindingName] = message },
        ["Metadata"] = new JsonObject { ["DequeueCount"] = dequeueCount, ["Id"] = Guid.NewGuid().ToString(), ["sys"] = new JsonObject { ["MethodName"] = "SendBatch" } },
    }.ToJsonString(), Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_busy_batch_fails_the_invocation_so_the_host_retries_except_on_the_last_try_and_bad_payloads_are_400()
    {
        // SendGrid answers slowly, so the batch stays claimed (Sending, leased) while the host's duplicate arrives.
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.DefaultReply = SendGridReply.Accepted().After(TimeSpan.FromSeconds(3));
        await using var app = await fixture.StartAsync(fixture.Settings(batchSize: 10, new Dictionary<string, string?> { ["SendGrid:Host"] = sendGrid.Host.ToString() }));
        var school = "q-" + Guid.NewGuid().ToString("N")[..10];
        await PipelineRequests.SeedParentsAsync(app.Services, school, 1);
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(app.Officer);
        var id = await PipelineRequests.CreateCampaignAsync(app.Officer, PipelineRequests.Campaign(visionId, messageId, school));
        await sendGrid.WaitForRequestsAsync(1, TimeSpan.FromSeconds(30));

        var message = DeliveryQueues.Serialize(new SendMessage(id, 0));
        // As a JSON string (the message text), on the first try: the host should try again later.
        var busy = await app.Officer.PostAsync("/SendBatch", Invocation(JsonValue.Create(message), 1));
        Assert.Equal(HttpStatusCode.InternalServerError, busy.StatusCode);
        var logs = JsonNode.Parse(await busy.Content.ReadAsStringAsync())!["Logs"]!.AsArray();
        Assert.Contains(logs, l => l!.GetValue<string>().Contains("being sent by another sender", StringComparison.Ordinal));

        // As the parsed object some extension versions send, on the last try: dropped, since the holder covers the batch.
        var last = await app.Officer.PostAsync("/SendBatch", Invocation(JsonNode.Parse(message)!, QueueSettings.MaxDequeueCount));
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);

        await (await app.Officer.PostAsync("/SendBatch", new StringContent("{", Encoding.UTF8, "application/json"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await app.Officer.PostAsync("/SendBatch", new StringContent("""{"Data":{}}""", Encoding.UTF8, "application/json"))).AssertProblemAsync(HttpStatusCode.BadRequest);

        var done = await PipelineRequests.WaitForCompletionAsync(app.Officer, id, TimeSpan.FromSeconds(30));
        Assert.Equal(1, done["progress"]!["sent"]!.GetValue<int>());
        Assert.Single(sendGrid.Requests);
    }

    [Fact]
    public void The_retry_rules_in_host_json_are_the_ones_the_standalone_poller_applies()
    {
        var queues = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))!["extensions"]!["queues"]!;
        Assert.Equal(QueueSettings.MaxDequeueCount, queues["maxDequeueCount"]!.GetValue<int>());
        Assert.Equal(QueueSettings.RetryDelay, TimeSpan.Parse(queues["visibilityTimeout"]!.GetValue<string>()));
        Assert.Equal("base64", queues["messageEncoding"]!.GetValue<string>());
    }
}
