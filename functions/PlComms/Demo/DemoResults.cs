using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.Messages;
using PlComms.Results;
using PlComms.Surveys;
using PlComms.Visions;

namespace PlComms.Demo;

/// <summary>
/// <c>PlComms demo-results</c> (<c>scripts/demo-results</c>): fills the demo district with a survey of families that has
/// already run three waves, so results have something to show. Synthetic families of five schools, two of them small
/// (Jefferson Academy's three families are always hidden, and Adams Elementary with them, so that Jefferson's figures
/// cannot be worked out from the total), answer each wave; understanding rises at Lincoln and falls at
/// Washington in the last wave, which a follow-up rule on the survey then picks up (the EvaluateFollowUps timer, within
/// five minutes). The waves, their sends, batches,
/// deliveries and responses are written as the pipeline would have written them, then aggregated with the same code
/// the results rounds run. Running it again changes nothing: the survey id is fixed.
/// </summary>
public static class DemoResults
{
    public const string SurveyId = "de305e0000000000000000000000d002";

    private static readonly (string Id, string Name, int Families)[] Schools =
    [
        ("lincoln-elementary", "Lincoln Elementary", 60),
        ("roosevelt-middle-school", "Roosevelt Middle School", 45),
        ("washington-high-school", "Washington High School", 30),
        ("adams-elementary", "Adams Elementary", 9),
        ("jefferson-academy", "Jefferson Academy", 3),
    ];

    public static async Task<string> RunAsync(IServiceProvider services, TextWriter log, CancellationToken ct)
    {
        var surveys = services.GetRequiredService<SurveyStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        if (await surveys.GetAsync(SurveyId, ct) is not null)
        {
            log.WriteLine($"demo-results: survey {SurveyId} is already there; nothing to do.");
            return SurveyId;
        }
        var now = clock.GetUtcNow();
        var visions = services.GetRequiredService<VisionStore>();
        if (await visions.GetAsync(DemoVision.Id, ct) is null) await visions.CreateAsync(DemoVision.Id, DemoVision.Content, ct);

        // Families, through the importer like any file.
        var records = Schools.SelectMany(s => Enumerable.Range(0, s.Families).Select(i => new ContactRecord(ContactRole.Parent,
            $"demo-results.{s.Id}.{i:D3}@example.org", $"Family{i}", s.Name.Split(' ')[0], [new SchoolRef(s.Id, s.Name)], [i % 2 == 0 ? "03" : "07"],
            i % 3 == 0 ? "es" : "en", $"demo-results-{s.Id}-{i}", ContactSource.Csv, []))).ToList();
        await services.GetRequiredService<ContactImporter>().ApplyAsync(new ParsedImport(records, [], records.Count), ImportFormat.Csv, dryRun: false, ct);
        var contacts = services.GetRequiredService<ContactStore>();
        var filter = new ContactFilter(ContactRole.Parent, [.. Schools.Select(s => s.Id)], [], []);
        var ids = await contacts.NextIdsAsync(filter, null, 1000, ct);
        var schoolOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
            if ((await contacts.GetAsync(id, ct))?.Contact is { } c && c.Record.Email.StartsWith("demo-results.", StringComparison.Ordinal)) schoolOf[id] = c.Record.Schools[0].Id;

        // Six weeks apart, the last closed two days ago: every wave is final, so follow-up rules can read them all.
        var dates = new[] { now.AddDays(-100), now.AddDays(-58), now.AddDays(-16) };
        var definition = new SurveyDefinition("Family pulse survey (demo results)", new Segment(ContactRole.Parent, [.. Schools.Select(s => s.Id)], [], []),
            QuestionBank.DefaultQuestionIds(Shared.Audience.Parents), [Language.En, Language.Es], new SurveySchedule(dates, null, null, null),
            14, new ReminderPolicy(4, 2), 7, DemoVision.Id);
        var survey = new StoredSurvey(SurveyId, definition, SurveyStatus.Active, dates.Length, now, now);
        // First, so aggregation finds it; its checkpoint is past every wave, so the timer opens none of them again.
        await surveys.AddAsync(survey, ct);

        var campaigns = services.GetRequiredService<CampaignStore>();
        var deliveries = services.GetRequiredService<DeliveryStore>();
        var responses = services.GetRequiredService<ResponseStore>();
        var aggregator = services.GetRequiredService<WaveAggregator>();
        var random = new Random(2026);
        var recipients = schoolOf.Keys.Order(StringComparer.Ordinal).ToList();
        for (var index = 0; index < dates.Length; index++)
        {
            var opens = dates[index];
            var wave = new StoredWave(SurveyId, index, SurveyIds.Wave(SurveyId, index), opens, opens, definition.ClosesAt(opens),
                now >= definition.ClosesAt(opens) ? WaveStatus.Closed : WaveStatus.Open, 0, null);
            var send = SurveySends.Wave(survey, wave, opens) with { Status = CampaignStatus.Completed, BatchCount = 1, Planned = recipients.Count, CompletedAt = opens };
            await campaigns.TryAddAsync(send, ct);
            await surveys.AddWaveAsync(wave, ct);
            var batch = new BatchRecord(wave.WaveId, 0, ContactRole.Parent, "en", 0, recipients, recipients.Count, BatchState.Sent, 1, null, null, 202, opens, opens, opens,
                new Dictionary<string, int> { [BatchCounters.Sent] = recipients.Count }) { LastPlannedId = recipients[^1] };
            await deliveries.WritePlannedAsync(batch, [.. recipients.Select(r => new PlannedRecipient(r, RecipientStatus.Queued))], removeLeftovers: true, ct);
            foreach (var contact in recipients)
            {
                var school = schoolOf[contact];
                if (random.NextDouble() > 0.7) continue;
                var understanding = Favorable(random, school, index, "understanding");
                var answers = new Dictionary<string, string>
                {
                    ["parent-awareness"] = Score(random, Favorable(random, school, index, "awareness")),
                    ["parent-understanding"] = Score(random, understanding),
                    ["parent-stays-the-same"] = Score(random, Favorable(random, school, index, "stays-the-same")),
                    ["parent-child-at-centre"] = Score(random, 0.7),
                    ["parent-enough-information"] = Score(random, 0.55 + 0.08 * index),
                    ["parent-preferred-channel"] = new[] { "email", "text-message", "newsletter", "social-media", "meetings" }[random.Next(5)],
                };
                if (random.NextDouble() < 0.2) answers["parent-comment"] = Comments[random.Next(Comments.Length)];
                await responses.RecordAsync(new StoredResponse(DeliveryIds.Of(wave.WaveId, 0, contact), SurveyId, index, new SurveyAnswers(answers),
                    ResponseChannel.Form, "en", opens.AddHours(random.Next(1, 200))), ct);
            }
            // Count and merge as a results round would; waves already closed come out final.
            await aggregator.StartRoundAsync(wave.WaveId, now, ct);
            await aggregator.CountBatchAsync(wave.WaveId, 0, 1, ct);
            await aggregator.TryMergeAsync(wave.WaveId, 1, wave.ClosesAt, now, ct);
            log.WriteLine($"demo-results: wave {index + 1} ({opens:yyyy-MM-dd}) written and aggregated.");
        }

        // The rule the last wave trips at Washington High School; the EvaluateFollowUps timer records it once that wave is final.
        var rule = new FollowUpRule("Understanding slips", SurveyId, "parent-understanding", Dimension.School, 60, 10, new FollowUpAction(FollowUpActionKind.DraftCampaign, null, null, 0));
        await services.GetRequiredService<FollowUpStore>().AddRuleAsync(new StoredRule(Guid.CreateVersion7(now).ToString("n"), rule, now), ct);
        log.WriteLine($"demo-results: survey {SurveyId} with {dates.Length} waves and a follow-up rule on understanding.");
        return SurveyId;
    }

    private static readonly string[] Comments =
    [
        "Please hold a parent night in the evening so working families can come.",
        "I like that my child can learn at their own pace.",
        "I still do not know how grades will work.",
        "Gracias por enviar las cartas en español.",
        "More examples of what a school day looks like would help.",
    ];

    /// <summary>The chance a family of a school answers favorably in a wave: most improve; Washington's understanding slips in the last wave.</summary>
    private static double Favorable(Random random, string school, int wave, string topic) => (school, topic) switch
    {
        ("washington-high-school", "understanding") => wave == 2 ? 0.35 : 0.7,
        ("lincoln-elementary", "understanding") => 0.55 + 0.12 * wave,
        (_, "stays-the-same") => 0.5 + 0.1 * wave,
        _ => 0.6 + 0.08 * wave + (random.NextDouble() - 0.5) * 0.02,
    };

    private static string Score(Random random, double favorable) =>
        random.NextDouble() < favorable ? (random.NextDouble() < 0.5 ? "5" : "4") : new[] { "1", "2", "3" }[random.Next(3)];
}
