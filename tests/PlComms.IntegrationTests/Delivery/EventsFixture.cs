using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using PlComms.Contacts;
using PlComms.Delivery.SendGrid;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.IntegrationTests.Visions;
using PlComms.Platform.Auth;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>
/// The real app on its own Azurite, with SendGrid's webhook verification key set to a key made here, so the tests
/// can sign event batches exactly as SendGrid does. Its contacts are this fixture's alone, and each campaign is sent
/// through the real pipeline (vision, approved parents email, campaign, planner and sender on the queues, outbox).
/// </summary>
public sealed class EventsFixture : IAsyncLifetime
{
    private const string HostTimerPayload = """
        {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}
        """;

    public ECDsa SendGridKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string Outbox { get; } = AppFixture.NewOutbox();

    public AzuriteFixture Azurite { get; } = new();

    /// <summary>What the app logged at warning level and above, for failure messages.</summary>
    public LogCollector Errors { get; } = new();

    public WebApplication App { get; private set; } = null!;

    public HttpClient Officer { get; private set; } = null!;

    /// <summary>No key, no cookies, and redirects are not followed, so a redirect would show as one.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public IServiceProvider Services => App.Services;

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        App = AppFixture.StartApp(Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["SendGrid:WebhookPublicKey"] = Convert.ToBase64String(SendGridKey.ExportSubjectPublicKeyInfo()),
            ["Outbox:Directory"] = Outbox,
        }, builder => builder.Logging.AddProvider(Errors));
        await App.StartAsync();
        var address = new Uri(App.Urls.First());
        Officer = new HttpClient { BaseAddress = address };
        Officer.DefaultRequestHeaders.Add(OfficerAuthOptions.HeaderName, AppFixture.ApiKey);
        Anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
    }

    public async Task DisposeAsync()
    {
        Officer?.Dispose();
        Anonymous?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        await Azurite.DisposeAsync();
        SendGridKey.Dispose();
        try
        {
            if (Directory.Exists(Outbox)) Directory.Delete(Outbox, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    // ---- signing, as SendGrid does: ECDSA P-256 / SHA-256 over the timestamp text followed by the raw body, DER, base64

    public static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static string Sign(ECDsa key, string timestamp, byte[] body) =>
        Convert.ToBase64String(key.SignData([.. Encoding.UTF8.GetBytes(timestamp), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    /// <summary>Posts <paramref name="body"/> to the webhook. Null signature/timestamp leave the header out.</summary>
    public Task<HttpResponseMessage> PostEventsAsync(byte[] body, string? signature, string? timestamp, HttpClient? client = null) =>
        PostEventsAsync(client ?? Anonymous, body, signature, timestamp);

    /// <summary>Posts <paramref name="body"/> to the webhook of the app <paramref name="client"/> reaches, as SendGrid does.</summary>
    public static Task<HttpResponseMessage> PostEventsAsync(HttpClient client, byte[] body, string? signature, string? timestamp)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (signature is not null) request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, signature);
        if (timestamp is not null) request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp);
        return client.SendAsync(request);
    }

    /// <summary>Signs with SendGrid's key and the current time, then posts.</summary>
    public Task<HttpResponseMessage> PostSignedAsync(byte[] body)
    {
        var timestamp = Now();
        return PostEventsAsync(body, Sign(SendGridKey, timestamp, body), timestamp);
    }

    /// <summary>SendGrid's body: a JSON array, ended with CRLF.</summary>
    public static byte[] Body(JsonArray events) => Encoding.UTF8.GetBytes(events.ToJsonString() + "\r\n");

    // ---- reads

    public async Task<JsonObject> CampaignAsync(string id) => await (await Officer.GetAsync($"/api/campaigns/{id}")).ReadObjectAsync();

    public async Task<JsonObject> ProgressAsync(string id) => (await CampaignAsync(id))["progress"]!.AsObject();

    public async Task<JsonArray> SuppressionsAsync(string email)
    {
        var list = await (await Officer.GetAsync($"/api/suppressions?email={Uri.EscapeDataString(email)}")).ReadObjectAsync();
        return list["items"]!.AsArray();
    }

    // ---- a campaign sent through the real pipeline

    /// <summary>
    /// Writes <paramref name="count"/> parents at a school of their own, sends them an approved parents email through
    /// the real pipeline, completes the campaign with the DispatchCampaigns timer, and reads each recipient's outbox file.
    /// </summary>
    /// <param name="beforeCampaign">Runs with the addresses after the contacts are written and before the campaign starts.</param>
    /// <param name="skipped">How many recipients the campaign is expected to skip (suppressed); they get no file.</param>
    /// <param name="sameAudienceAs">Sends to that campaign's contacts again instead of writing new ones.</param>
    public async Task<SentCampaign> SendCampaignAsync(int count, string label, Func<IReadOnlyList<string>, Task>? beforeCampaign = null, int skipped = 0, SentCampaign? sameAudienceAs = null)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var school = sameAudienceAs?.School ?? $"school-{tag}";
        var emails = sameAudienceAs?.Emails.ToList() ?? Enumerable.Range(0, count).Select(i => $"{label}-{i}-{tag}@example.org").ToList();
        Assert.Equal(count, emails.Count);
        if (sameAudienceAs is null)
        {
            var importer = Services.GetRequiredService<ContactImporter>();
            var records = emails.Select((e, i) => new ContactRecord(ContactRole.Parent, e, $"Parent{i}", "Tester", [new SchoolRef(school, "Test School")], [], "en", null, ContactSource.Csv, [])).ToList();
            var report = await importer.ApplyAsync(new ParsedImport(records, [], records.Count), ImportFormat.Csv, dryRun: false, CancellationToken.None);
            Assert.Equal(count, report.Created);
        }
        if (beforeCampaign is not null) await beforeCampaign(emails);

        var (visionId, _) = await VisionRequests.CreateAsync(Officer);
        var generated = await Officer.PostAsync($"/api/visions/{visionId}/messages", ApiAssertions.JsonContent(new JsonObject
        {
            ["audiences"] = new JsonArray("parents"), ["channels"] = new JsonArray("email"), ["languages"] = new JsonArray("en"),
        }));
        Assert.Equal(HttpStatusCode.Created, generated.StatusCode);
        var messageId = (await generated.ReadObjectAsync())["items"]![0]!["id"]!.GetValue<string>();
        var read = await Officer.GetAsync($"/api/visions/{visionId}/messages/{messageId}");
        var etag = read.Headers.ETag!.Tag;
        var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/visions/{visionId}/messages/{messageId}/approve")
        {
            Content = ApiAssertions.JsonContent(new JsonObject { ["approver"] = "Dana Reyes" }),
        };
        approve.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await Officer.SendAsync(approve)).ReadObjectAsync();

        var created = await Officer.PostAsync("/api/campaigns", ApiAssertions.JsonContent(new JsonObject
        {
            ["name"] = $"Events test {label}",
            ["visionId"] = visionId,
            ["messageId"] = messageId,
            ["segment"] = new JsonObject { ["role"] = "parent", ["schools"] = new JsonArray(school) },
        }));
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"Campaign not created: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        var campaignId = (await created.ReadObjectAsync())["id"]!.GetValue<string>();

        // The standalone queue poller plans and sends; wait until every batch is sent.
        var sentBy = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonObject campaign;
        while (true)
        {
            campaign = await CampaignAsync(campaignId);
            var batches = campaign["batches"]?.AsArray();
            if (campaign["status"]!.GetValue<string>() == "sending" && batches is { Count: > 0 } && batches.All(b => b!["state"]!.GetValue<string>() is "sent" or "done"))
                break;
            Assert.True(DateTime.UtcNow < sentBy, $"The campaign was not sent within 60 s: {campaign.ToJsonString()}");
            await Task.Delay(200);
        }
        Assert.Equal(count - skipped, campaign["progress"]!["sent"]!.GetValue<int>());
        Assert.Equal(skipped, campaign["progress"]!["skippedSuppressed"]!.GetValue<int>());

        // The scheduler is off in tests: fire the DispatchCampaigns timer as the Functions host would, to complete it.
        var completedBy = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var fired = await Anonymous.PostAsync("/DispatchCampaigns", new StringContent(HostTimerPayload, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, fired.StatusCode);
            campaign = await CampaignAsync(campaignId);
            if (campaign["status"]!.GetValue<string>() == "completed") break;
            Assert.True(DateTime.UtcNow < completedBy, $"The campaign did not complete: {campaign.ToJsonString()}");
            await Task.Delay(200);
        }

        var recipients = new List<Recipient>();
        // A delivery id has dots, so the outbox names its file with the safe characters and a hash; read them all.
        foreach (var file in Directory.GetFiles(Outbox, "*.eml"))
        {
            using var eml = await MimeMessage.LoadAsync(file);
            var to = ((MailboxAddress)eml.To[0]).Address;
            if (eml.Headers["X-PlComms-Batch-Id"]?.StartsWith(campaignId + ".", StringComparison.Ordinal) != true) continue;
            var deliveryId = eml.Headers["X-PlComms-Delivery-Id"] ?? throw new InvalidOperationException($"{file} has no delivery id header.");
            var link = (eml.Headers["List-Unsubscribe"] ?? throw new InvalidOperationException($"{file} has no List-Unsubscribe header.")).Trim().TrimStart('<').TrimEnd('>');
            recipients.Add(new Recipient(to, deliveryId, new Uri(link)));
        }
        Assert.Equal(count - skipped, recipients.Count);
        return new SentCampaign(campaignId, emails.Where(e => recipients.Any(r => r.Email == e)).Select(e => recipients.Single(r => r.Email == e)).ToList(), emails, school);
    }
}

/// <summary>Keeps the app's warnings and errors (with exceptions) so a failing test can show them.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines { get { lock (_lines) return _lines.ToList(); } }

    public override string ToString() => string.Join(Environment.NewLine, Lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            lock (owner._lines) owner._lines.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}

public sealed record Recipient(string Email, string DeliveryId, Uri UnsubscribeLink)
{
    /// <summary>The link's token; the link itself points at the configured public URL, not the test server.</summary>
    public string Token => System.Web.HttpUtility.ParseQueryString(UnsubscribeLink.Query)["token"]!;
}

/// <param name="Recipients">Those who were sent the email, in the order of <paramref name="Emails"/>.</param>
/// <param name="Emails">Every contact of the campaign's segment.</param>
/// <param name="School">The school id only this campaign's contacts have: the segment's filter.</param>
public sealed record SentCampaign(string Id, IReadOnlyList<Recipient> Recipients, IReadOnlyList<string> Emails, string School);

[CollectionDefinition(Name)]
public sealed class EventsCollection : ICollectionFixture<EventsFixture>
{
    public const string Name = "app with a SendGrid webhook key";
}
