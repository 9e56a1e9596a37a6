using System.Net;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Platform.Storage;
using PlComms.Surveys;

using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Surveys;

/// <summary>
/// Answers go to storage through a gate of a few writes at a time: when it is full for longer than the gate waits, the
/// answer gets a retryable 503 problem and nothing is written; the answers already in flight are kept.
/// </summary>
public sealed class AnswerWriteGateTests(AnswerWriteGateTests.GatedFixture fixture) : IClassFixture<AnswerWriteGateTests.GatedFixture>
{
    [Fact]
    public async Task An_answer_that_finds_the_gate_full_past_its_wait_gets_a_retryable_503_and_writes_nothing()
    {
        var school = SurveyFixture.NewSchool("gate");
        await fixture.SeedAsync(school, 2);
        var surveyId = await fixture.CreateSurveyAsync(school);
        var waveId = await fixture.OpenWaveAsync(surveyId);
        var emails = fixture.Emails(waveId, school);
        Assert.Equal(2, emails.Count);
        var (first, second) = (SurveyFixture.SurveyLink(emails[0], 4), SurveyFixture.SurveyLink(emails[1], 2));
        using var firstParent = new SurveyPageClient();
        using var secondParent = new SurveyPageClient();
        await firstParent.OpenAsync(first);
        await secondParent.OpenAsync(second);

        // The first answer takes the gate's only slot and stays in storage until released.
        fixture.Hold.Close();
        var held = firstParent.SubmitAsync(first, [new("q-parent-awareness", "4"), new("channel", "email-click")], json: true);
        await fixture.Hold.WaitUntilHoldingAsync(TimeSpan.FromSeconds(30));

        var (refused, body) = await secondParent.SubmitAsync(second, [new("q-parent-awareness", "2"), new("channel", "email-click")], json: true);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("Storage is unavailable.", JsonNode.Parse(body)!["title"]!.GetValue<string>());

        // Sent with the form's button, the same refusal is a page in the person's language asking them to send again.
        var (refusedPage, html) = await secondParent.SubmitAsync(second, [new("q-parent-awareness", "2"), new("channel", "form"), new("lang", "es")]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedPage.StatusCode);
        Assert.Equal("text/html", refusedPage.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refusedPage.Headers.RetryAfter);
        Assert.Contains("No pudimos guardar sus respuestas", html);

        fixture.Hold.Open();
        var (kept, keptBody) = await held;
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Contains("\"saved\":true", keptBody);

        var responses = fixture.Services.GetRequiredService<ResponseStore>();
        Assert.NotNull(await responses.GetAsync(emails[0].Headers["X-PlComms-Delivery-Id"]!, CancellationToken.None));
        Assert.Null(await responses.GetAsync(emails[1].Headers["X-PlComms-Delivery-Id"]!, CancellationToken.None));

        // Asked to retry, the parent does, and it is stored.
        var (retried, _) = await secondParent.SubmitAsync(second, [new("q-parent-awareness", "2"), new("channel", "email-click")], json: true);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var stored = await responses.GetAsync(emails[1].Headers["X-PlComms-Delivery-Id"]!, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("2", Assert.Contains("parent-awareness", stored.Answers.Values));
    }

    [Fact]
    public async Task The_gate_keeps_to_its_permits()
    {
        var gate = new WriteGate(3, TimeSpan.FromSeconds(30));
        var inFlight = 0;
        var most = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = Enumerable.Range(0, 12).Select(_ => gate.RunAsync(async _ =>
        {
            InterlockedMax(ref most, Interlocked.Increment(ref inFlight));
            await release.Task;
            await Task.Delay(5);
            Interlocked.Decrement(ref inFlight);
        }, CancellationToken.None)).ToList();

        await Task.Delay(200);
        Assert.Equal(3, Volatile.Read(ref inFlight));
        Assert.Equal(3, Volatile.Read(ref most));
        release.SetResult();
        await Task.WhenAll(writes);
        Assert.Equal(3, most);
        Assert.Equal(0, inFlight);
    }

    [Fact]
    public async Task Waiters_are_let_in_first_come_first_served()
    {
        var gate = new WriteGate(1, TimeSpan.FromSeconds(30));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = gate.RunAsync(_ => release.Task, CancellationToken.None);
        var order = new List<int>();
        // Each call has joined the queue by the time it returns its task, so they wait in the order they were made.
        var waiters = Enumerable.Range(0, 20).Select(i => gate.RunAsync(_ => { lock (order) order.Add(i); return Task.CompletedTask; }, CancellationToken.None)).ToList();
        Assert.Empty(order);
        release.SetResult();
        await holder;
        await Task.WhenAll(waiters);
        Assert.Equal(Enumerable.Range(0, 20), order);
    }

    [Fact]
    public async Task A_write_that_waits_past_the_gate_s_wait_is_never_run()
    {
        var gate = new WriteGate(1, TimeSpan.FromMilliseconds(200));
        var release = new TaskCompletionSource();
        var holder = gate.RunAsync(_ => release.Task, CancellationToken.None);
        var ran = false;
        var busy = await Assert.ThrowsAsync<StorageBusyException>(() => gate.RunAsync(_ => { ran = true; return Task.CompletedTask; }, CancellationToken.None));
        Assert.Contains("1 writes", busy.Message);
        Assert.False(ran);
        release.SetResult();
        await holder;
        await gate.RunAsync(_ => { ran = true; return Task.CompletedTask; }, CancellationToken.None);
        Assert.True(ran);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    /// <summary>The survey app with an answer gate of one write and a one-second wait, and a hold on answer writes.</summary>
    public sealed class GatedFixture : SurveyFixture
    {
        public HoldAnswerWrites Hold { get; } = new();

        protected override void MoreServices(IServiceCollection services)
        {
            services.AddKeyedSingleton(ResponseStore.WriteGateKey, new WriteGate(1, TimeSpan.FromSeconds(1)));
            services.AddSingleton(new StoragePolicies(Hold));
        }
    }

    /// <summary>Holds every write to the responses table, while closed, until it is opened again.</summary>
    public sealed class HoldAnswerWrites : AsyncStoragePolicy
    {
        private volatile TaskCompletionSource _open = Opened();
        private int _holding;

        public void Close() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _open.TrySetResult();

        public async Task WaitUntilHoldingAsync(TimeSpan timeout)
        {
            var until = DateTime.UtcNow + timeout;
            while (Volatile.Read(ref _holding) == 0)
            {
                Assert.True(DateTime.UtcNow < until, "No answer write reached storage.");
                await Task.Delay(20);
            }
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var open = _open;
            if (message.Request.Method != RequestMethod.Get && message.Request.Uri.Path.Contains(ResponseStore.TableName, StringComparison.Ordinal) && !open.Task.IsCompleted)
            {
                Interlocked.Increment(ref _holding);
                try { await open.Task; }
                finally { Interlocked.Decrement(ref _holding); }
            }
            await ProcessNextAsync(message, pipeline);
        }

        private static TaskCompletionSource Opened()
        {
            var done = new TaskCompletionSource();
            done.SetResult();
            return done;
        }
    }
}
