using System.Text.RegularExpressions;
using PlComms.Contacts;

namespace PlComms.Delivery;

/// <summary>
/// A delivery id names the send, the batch and the contact (<c>{sendId}.{batch}.{contactId}</c>), all opaque: it is what
/// SendGrid's custom_args and the signed links carry, and it locates the delivery row with no look-up.
/// </summary>
public static partial class DeliveryIds
{
    public static string Of(string sendId, int batch, string contactId) => $"{sendId}.{batch:D5}.{contactId}";

    public static string Partition(string sendId, int batch) => $"{sendId}|{batch:D5}";

    public static bool TryParse(string? deliveryId, out string sendId, out int batch, out string contactId)
    {
        (sendId, batch, contactId) = ("", 0, "");
        var match = deliveryId is null ? null : Pattern().Match(deliveryId);
        if (match is not { Success: true }) return false;
        (sendId, batch, contactId) = (match.Groups[1].Value, int.Parse(match.Groups[2].Value), match.Groups[3].Value);
        return ContactIds.TryParse(contactId, out _);
    }

    [GeneratedRegex("^([0-9a-f]{32})\\.([0-9]{5})\\.([ptsc][0-9a-f]{32})$")]
    private static partial Regex Pattern();
}
