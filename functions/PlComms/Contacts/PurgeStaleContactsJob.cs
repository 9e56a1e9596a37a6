using Microsoft.Extensions.Options;
using PlComms.Platform.Functions;

namespace PlComms.Contacts;

/// <summary>
/// Timer function <c>PurgeStaleContacts</c>, daily: erases contacts that no import has carried and who have not
/// engaged for <c>Contacts__RetentionDays</c>. A contact the district's files still list is refreshed by every import,
/// so only people who left the district age out.
/// </summary>
public sealed class PurgeStaleContactsJob(ContactStore store, IOptions<ContactOptions> options, TimeProvider clock) : ITimerJob
{
    public FunctionDefinition Function => FunctionCatalog.PurgeStaleContacts;

    public async Task RunAsync(TimerContext context, CancellationToken ct)
    {
        var days = options.Value.RetentionDays;
        if (days == 0)
        {
            context.Log("Retention is off (Contacts__RetentionDays=0).");
            return;
        }
        var cutoff = clock.GetUtcNow().AddDays(-days);
        foreach (var role in Enum.GetValues<ContactRole>())
        {
            var stale = await store.StaleAsync(role, cutoff, ct);
            await store.DeleteManyAsync(role, stale, ct);
            if (stale.Count > 0) context.Log($"Erased {stale.Count} {Shared.WireName<ContactRole>.Of(role)} contact(s) not imported or engaged since {cutoff:yyyy-MM-dd}.");
        }
    }
}
