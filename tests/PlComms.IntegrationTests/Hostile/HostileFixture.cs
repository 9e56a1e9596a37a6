using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MimeKit;
using PlComms.IntegrationTests.Campaigns;
using PlComms.IntegrationTests.Surveys;
using PlComms.Surveys;

namespace PlComms.IntegrationTests.Hostile;

/// <summary>
/// The scanner, forgery and bad-input campaigns' app: a <see cref="SurveyFixture"/> of their own (its own Azurite, so a
/// storage snapshot sees only what these tests did, and its own <see cref="ShiftableClock"/>) with SendGrid's webhook
/// verification key set to a key made here, so the tests sign event batches as SendGrid does.
/// <para>CI runs a short variant of each campaign; <c>PLCOMMS_HOSTILE=full</c> runs the full one (10,000 forged tokens).</para>
/// </summary>
public sealed class HostileFixture : SurveyFixture
{
    public const string Switch = "PLCOMMS_HOSTILE";

    /// <summary>True under <c>PLCOMMS_HOSTILE=full</c>.</summary>
    public static bool Full { get; } = Environment.GetEnvironmentVariable(Switch) == "full";

    public ECDsa SendGridKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    protected override IReadOnlyDictionary<string, string?> MoreSettings => new Dictionary<string, string?>
    {
        ["SendGrid:WebhookPublicKey"] = Convert.ToBase64String(SendGridKey.ExportSubjectPublicKeyInfo()),
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SendGridKey.Dispose();
    }

    private readonly Lazy<Task<SentWorld>> _world;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Lazy<Task<object>>> _once = new();

    /// <summary>Made once for the collection: <paramref name="make"/> runs the first time a test asks for a <typeparamref name="T"/>.</summary>
    public async Task<T> OnceAsync<T>(Func<HostileFixture, Task<T>> make) where T : class =>
        (T)await _once.GetOrAdd(typeof(T), _ => new Lazy<Task<object>>(async () => await make(this))).Value;

    public HostileFixture() => _world = new(SendWorldAsync);

    /// <summary>
    /// Every kind of email the app sends, sent once for all of this collection's tests: a survey's invitations and
    /// its first reminder to the parents of one school, and an approved message as a campaign to those of another.
    /// </summary>
    public Task<SentWorld> WorldAsync() => _world.Value;

    private async Task<SentWorld> SendWorldAsync()
    {
        var surveySchool = NewSchool("hostile-survey");
        await SeedAsync(surveySchool, 3);
        var surveyId = await CreateSurveyAsync(surveySchool);
        var waveId = await OpenWaveAsync(surveyId);
        var invitations = Emails(waveId, surveySchool);
        Assert.Equal(3, invitations.Count);
        // The reminder policy of the fixture's survey: the first reminder four days after the wave opened.
        Clock.Advance(TimeSpan.FromDays(4.1));
        await FireAsync("SurveyWaves");
        var reminderId = SurveyIds.Reminder(surveyId, 0, 1);
        await WaitForSendAsync(reminderId);
        var reminders = Emails(reminderId, surveySchool);
        Assert.Equal(3, reminders.Count);

        var campaignSchool = NewSchool("hostile-campaign");
        var (campaignId, campaignEmails) = await SendCampaignAsync(campaignSchool, 3);
        return new SentWorld(surveyId, waveId, reminderId, campaignId,
            [.. invitations.Select(m => new SentEmail("survey invitation", m)), .. reminders.Select(m => new SentEmail("survey reminder", m)),
                .. campaignEmails.Select(m => new SentEmail("campaign", m))]);
    }

    public Task<StorageSnapshot> SnapshotAsync() => StorageSnapshot.TakeAsync(Services, Outbox);

    /// <summary>
    /// A snapshot once storage has settled: two in a row the same, so work queued by an earlier step (a send, a count)
    /// has finished and cannot show up as this case's write.
    /// </summary>
    public async Task<StorageSnapshot> SettledSnapshotAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        var last = await SnapshotAsync();
        while (true)
        {
            await Task.Delay(100);
            var next = await SnapshotAsync();
            if (next.Queues.Count == 0 && next.Since(last).Count == 0) return next;
            Assert.True(DateTime.UtcNow < until, "Storage did not settle within 30 s: " + StorageSnapshot.Describe(next.Since(last)) + string.Join("; ", next.Queues));
            last = next;
        }
    }

    /// <summary>Runs <paramref name="cases"/> and fails, naming <paramref name="group"/> and each change, if it wrote anything.</summary>
    public async Task<T> AssertWritesNothingAsync<T>(string group, Func<Task<T>> cases)
    {
        var before = await SettledSnapshotAsync();
        var result = await cases();
        // Anything a rejected request queued would be taken by the poller within its 200 ms interval; wait that out.
        await Task.Delay(300);
        var changes = (await SnapshotAsync()).Since(before);
        Assert.True(changes.Count == 0, $"{group} wrote to storage:\n{StorageSnapshot.Describe(changes)}");
        return result;
    }

    /// <summary>
    /// An approved parents email (English and Spanish) sent as a campaign to <paramref name="count"/> new parents of a school
    /// of their own, through the real pipeline to the outbox; returns the campaign's id and its emails.
    /// </summary>
    public async Task<(string CampaignId, IReadOnlyList<MimeMessage> Emails)> SendCampaignAsync(string school, int count)
    {
        await PipelineRequests.SeedParentsAsync(Services, school, count);
        var (visionId, messageId) = await PipelineRequests.ApprovedParentMessageAsync(Officer);
        var campaignId = await PipelineRequests.CreateCampaignAsync(Officer, PipelineRequests.Campaign(visionId, messageId, school));
        await PipelineRequests.WaitForCompletionAsync(Officer, campaignId, TimeSpan.FromSeconds(60));
        var emails = Emails(campaignId, school);
        Assert.Equal(count, emails.Count);
        return (campaignId, emails);
    }

    /// <summary>
    /// Runs <paramref name="send"/> for each item, at most <paramref name="parallel"/> at once, and returns the results in
    /// the items' order: the campaigns' thousands of requests go through the fixture's clients side by side.
    /// </summary>
    public static async Task<TResult[]> InParallelAsync<TItem, TResult>(IReadOnlyList<TItem> items, int parallel, Func<TItem, Task<TResult>> send)
    {
        var results = new TResult[items.Count];
        await Parallel.ForAsync(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) => results[i] = await send(items[i]));
        return results;
    }
}

/// <summary>One email as the outbox holds it, and what sent it.</summary>
public sealed partial record SentEmail(string Kind, MimeMessage Message)
{
    public string DeliveryId => Message.Headers["X-PlComms-Delivery-Id"] ?? throw new InvalidOperationException("An email without a delivery id.");

    public string To => Message.To.Mailboxes.Single().Address;

    /// <summary>
    /// Every link a mail client or scanner can find: in the text part, in the HTML part's href and src attributes, and in
    /// the List-Unsubscribe header (its http ones; a mailto: is not the app's).
    /// </summary>
    public IReadOnlyList<Uri> Links()
    {
        var found = new List<string>();
        found.AddRange(TextLink().Matches(Message.TextBody ?? "").Select(m => m.Value));
        found.AddRange(HtmlLink().Matches(Message.HtmlBody ?? "").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)));
        found.AddRange(HeaderLink().Matches(ListUnsubscribe).Select(m => m.Groups[1].Value));
        return [.. found.Distinct(StringComparer.Ordinal).Select(l => new Uri(l))];
    }

    public string ListUnsubscribe => Message.Headers["List-Unsubscribe"] ?? "";

    public override string ToString() => $"{Kind} to {To}";

    [GeneratedRegex("https?://[^\\s<>\"]+")]
    private static partial Regex TextLink();

    [GeneratedRegex("(?:href|src)=\"(https?://[^\"]+)\"")]
    private static partial Regex HtmlLink();

    [GeneratedRegex("<(https?://[^>]+)>")]
    private static partial Regex HeaderLink();
}

/// <param name="Emails">Every email sent, with what sent it.</param>
public sealed record SentWorld(string SurveyId, string WaveId, string ReminderId, string CampaignId, IReadOnlyList<SentEmail> Emails);

[CollectionDefinition(Name)]
public sealed class HostileCollection : ICollectionFixture<HostileFixture>
{
    public const string Name = "hostile input on an app of its own";
}
