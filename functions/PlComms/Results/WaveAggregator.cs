using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.Surveys;

namespace PlComms.Results;

/// <summary>
/// Counts one wave batch: who the invitation reached (sent, not reported bounced, blocked or dropped), in which
/// schools and language they count (read from their contacts, addresses never), and every answer of the batch's
/// responses. The batch is the unit of work: one queue message, a few partition queries, one row written.
/// </summary>
public sealed class WaveAggregator(
    CampaignStore campaigns, SurveyStore surveys, DeliveryStore deliveries, ResponseStore responses, ContactStore contacts, ResultsStore results)
{
    private static readonly DeliveryFlag[] NotReached = [DeliveryFlag.Bounced, DeliveryFlag.Blocked, DeliveryFlag.Dropped];

    /// <summary>False when the wave or its survey is gone (nothing to count).</summary>
    public async Task<bool> CountBatchAsync(string waveId, int batch, int round, CancellationToken ct)
    {
        if ((await campaigns.GetAsync(waveId, ct))?.Campaign is not { Kind: SendKind.SurveyWave, Survey: { } send }) return false;
        if ((await surveys.GetAsync(send.SurveyId, ct))?.Survey is not { } survey) return false;
        var row = (await deliveries.GetBatchAsync(waveId, batch, ct))?.Batch;
        var recipients = new List<WaveRecipient>();
        if (row is not null)
        {
            var sent = row.State == BatchState.Sent;
            var rows = await deliveries.DeliveriesAsync(waveId, batch, ct);
            var groups = rows.Count == 0 ? new Dictionary<string, (IReadOnlyList<SchoolRef>, string)>()
                : await contacts.GroupsAsync(row.Role, rows[0].ContactId, rows[^1].ContactId, ct);
            foreach (var (contactId, status, flags) in rows)
            {
                // An erased contact has no groups left; it still counts as reached in the whole audience.
                var (schools, language) = groups.TryGetValue(contactId, out var g) ? g : ([], "");
                var reached = sent && status == RecipientStatus.Queued && !NotReached.Any(flags.Contains);
                recipients.Add(new WaveRecipient(contactId, schools, language, reached));
            }
        }
        var answers = (await responses.AnswersAsync(waveId, batch, ct)).Select(a => new WaveAnswer(a.ContactId, a.Answers.Values));
        await results.WriteBatchAsync(waveId, batch, round, Tallies.Of(survey.Definition, recipients, answers), ct);
        return true;
    }
}
