using System.Net.Mail;
using System.Text.RegularExpressions;
using PlComms.Shared;

namespace PlComms.Delivery;

/// <summary>An officer's suppression as stored, and whether this request added it (false: it was there already).</summary>
public sealed record SuppressionAdded(StoredSuppression Suppression, bool Added);

/// <summary>
/// Suppressions as the officer manages them, validated once for the API (<c>/api/suppressions</c>) and the web app's
/// suppressions page: list (optionally one address), add (manual or unsubscribed, any scope) and lift.
/// </summary>
public sealed partial class SuppressionCommands(SuppressionStore store)
{
    public const int PageSize = 100;
    public const int NoteLength = 500;

    /// <summary>Reasons an officer may record; bounces and spam reports come from SendGrid's events.</summary>
    public static readonly IReadOnlyList<SuppressionReason> OfficerReasons = [SuppressionReason.Manual, SuppressionReason.Unsubscribed];

    public async Task<(SuppressionList? List, IReadOnlyDictionary<string, string[]> Errors)> ListAsync(string? email, string? continuationToken, CancellationToken ct)
    {
        if (continuationToken is { Length: > 2048 } || email is { Length: > 254 })
            return (null, new Dictionary<string, string[]> { [email is { Length: > 254 } ? "email" : "continuationToken"] = ["The value is too long."] });
        var (items, next) = await store.ListAsync(string.IsNullOrWhiteSpace(email) ? null : email, continuationToken, PageSize, ct);
        return (new SuppressionList(items, next), new Dictionary<string, string[]>());
    }

    /// <summary>The officer records an opt-out given another way (phone, letter): reason manual or unsubscribed.</summary>
    public async Task<(SuppressionAdded? Result, IReadOnlyDictionary<string, string[]> Errors)> AddAsync(SuppressionInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var email = errors.RequiredText("email", input.Email, 254);
        if (email is not null && !IsAddress(email)) errors.Add("email", "This is not an email address.");
        var scope = input.Scope is null ? SuppressionScope.All : errors.OneOf<SuppressionScope>("scope", input.Scope);
        var reason = input.Reason is null ? SuppressionReason.Manual : errors.OneOf<SuppressionReason>("reason", input.Reason);
        if (reason is { } r && !OfficerReasons.Contains(r))
            errors.Add("reason", "Bounces and spam reports are recorded from SendGrid's events; use manual or unsubscribed.");
        var note = errors.OptionalText("note", input.Note, NoteLength);
        if (!errors.IsEmpty) return (null, errors.ToDictionary());

        var added = await store.AddAsync(email!, scope!.Value, reason!.Value, "officer", note, ct);
        var stored = (await store.GetAsync(SuppressionStore.IdOf(SuppressionStore.RowKey(email!, scope.Value)), ct))!;
        return (new SuppressionAdded(stored, added), new Dictionary<string, string[]>());
    }

    /// <summary>Lifts a suppression; false when the id is malformed or unknown.</summary>
    public async Task<bool> LiftAsync(string? id, CancellationToken ct) => id is not null && IdPattern().IsMatch(id) && await store.RemoveAsync(id, ct);

    internal static bool IsAddress(string email) =>
        !email.Any(char.IsWhiteSpace) && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Count(c => c == '@') == 1;

    [GeneratedRegex("^[0-9a-f]{64}\\.(all|surveys|announcements)$")]
    private static partial Regex IdPattern();
}
