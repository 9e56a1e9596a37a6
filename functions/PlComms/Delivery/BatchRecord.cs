using Azure.Data.Tables;
using PlComms.Contacts;
using PlComms.Shared;

namespace PlComms.Delivery;

/// <summary>
/// One send batch: up to 1,000 recipients of one role who get the same content in one language. The row is the
/// batch's single source of truth: its state, its lease, and counters for what the provider later reports.
/// </summary>
/// <param name="ContactIds">The recipients still to send to, in id order (those skipped when planned are not here).</param>
/// <param name="Recipients">Every delivery record of the batch, skipped ones included.</param>
public sealed record BatchRecord(
    string SendId,
    int Batch,
    ContactRole Role,
    string Language,
    int Pass,
    IReadOnlyList<string> ContactIds,
    int Recipients,
    BatchState State,
    int Attempts,
    DateTimeOffset? LeaseUntil,
    string? Error,
    int? StatusCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SentAt,
    IReadOnlyDictionary<string, int> Counts)
{
    public const string RowKey = "batch";
    private const string CountPrefix = "N_";

    /// <summary>The last contact the planner put in this batch, skipped or not: where the next batch starts.</summary>
    public string LastPlannedId { get; init; } = "";

    /// <summary>
    /// When the latest attempt whose outcome nobody recorded began: its sender died while sending, or SendGrid's answer
    /// never came. SendGrid may have taken that request, so the next attempt first waits for SendGrid's events and then
    /// sends only to those without one. Null once an attempt's outcome is recorded.
    /// </summary>
    public DateTimeOffset? DoubtSince { get; init; }

    /// <summary>Not to be tried before this time: the provider asked for a wait (a 429's Retry-After) longer than a sender may sleep.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>When a provider event for this batch was last applied (the app's clock).</summary>
    public DateTimeOffset? LastEventAt { get; init; }

    public int Count(string counter) => Counts.GetValueOrDefault(counter);

    public BatchRecord WithCount(string counter, int delta) => WithCountSet(counter, Count(counter) + delta);

    public BatchRecord WithCountSet(string counter, int value) =>
        this with { Counts = new Dictionary<string, int>(Counts) { [counter] = value } };

    internal TableEntity ToEntity()
    {
        var entity = new TableEntity(DeliveryIds.Partition(SendId, Batch), RowKey)
        {
            ["SendId"] = SendId,
            ["Batch"] = Batch,
            ["Role"] = WireName<ContactRole>.Of(Role),
            ["Language"] = Language,
            ["Pass"] = Pass,
            // 16 bytes per recipient keeps 1,000 ids far inside one binary property's 64 KiB.
            ["Ids"] = PackIds(ContactIds),
            ["LastId"] = LastPlannedId,
            ["Recipients"] = Recipients,
            ["State"] = WireName<BatchState>.Of(State),
            ["Attempts"] = Attempts,
            ["LeaseUntil"] = LeaseUntil,
            ["Error"] = Error,
            ["StatusCode"] = StatusCode,
            ["CreatedAt"] = CreatedAt,
            ["UpdatedAt"] = UpdatedAt,
            ["SentAt"] = SentAt,
            ["DoubtSince"] = DoubtSince,
            ["LastEventAt"] = LastEventAt,
            ["NotBefore"] = NotBefore,
        };
        foreach (var (name, value) in Counts) entity[CountPrefix + name] = value;
        return entity;
    }

    internal static BatchRecord FromEntity(TableEntity e)
    {
        var role = WireName<ContactRole>.Parse(e.GetString("Role"));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, value) in e)
        {
            if (key.StartsWith(CountPrefix, StringComparison.Ordinal) && value is int n) counts[key[CountPrefix.Length..]] = n;
        }
        return new BatchRecord(
            e.GetString("SendId"),
            e.GetInt32("Batch") ?? 0,
            role,
            e.GetString("Language") ?? "en",
            e.GetInt32("Pass") ?? 0,
            UnpackIds(role, e.GetBinary("Ids") ?? []),
            e.GetInt32("Recipients") ?? 0,
            WireName<BatchState>.Parse(e.GetString("State")),
            e.GetInt32("Attempts") ?? 0,
            e.GetDateTimeOffset("LeaseUntil"),
            e.GetString("Error"),
            e.GetInt32("StatusCode"),
            e.GetDateTimeOffset("CreatedAt") ?? default,
            e.GetDateTimeOffset("UpdatedAt") ?? default,
            e.GetDateTimeOffset("SentAt"),
            counts)
        {
            LastPlannedId = e.GetString("LastId") ?? "",
            DoubtSince = e.GetDateTimeOffset("DoubtSince"),
            LastEventAt = e.GetDateTimeOffset("LastEventAt"),
            NotBefore = e.GetDateTimeOffset("NotBefore"),
        };
    }

    private static byte[] PackIds(IReadOnlyList<string> ids)
    {
        var bytes = new byte[ids.Count * 16];
        for (var i = 0; i < ids.Count; i++) Convert.FromHexString(ids[i].AsSpan(1)).CopyTo(bytes, i * 16);
        return bytes;
    }

    private static List<string> UnpackIds(ContactRole role, byte[] bytes)
    {
        var letter = Contacts.ContactIds.Letter(role);
        var ids = new List<string>(bytes.Length / 16);
        for (var i = 0; i + 16 <= bytes.Length; i += 16) ids.Add(letter + Convert.ToHexStringLower(bytes.AsSpan(i, 16)));
        return ids;
    }
}

/// <summary>Names of a batch's counters; provider events add their own (Delivered, Bounced, …).</summary>
public static class BatchCounters
{
    public const string Sent = "Sent";
    public const string Failed = "Failed";
    public const string SkippedSuppressed = "SkippedSuppressed";
    public const string SkippedGone = "SkippedGone";
    public const string SkippedThrottled = "SkippedThrottled";
    public const string SkippedResponded = "SkippedResponded";
}
