using System.Buffers;

namespace PlComms.Delivery;

/// <summary>
/// What a survey or unsubscribe link asserts. It names a delivery, never a person: the delivery id is opaque, so a
/// forwarded or logged link gives away no address or name.
/// </summary>
/// <param name="DeliveryId">Opaque ASCII id of the delivery: 1 to <see cref="MaxDeliveryIdLength"/> of <c>[A-Za-z0-9._-]</c>.</param>
/// <param name="ExpiresAt">Tokens carry whole seconds; anything finer is dropped when the token is issued.</param>
public sealed record LinkClaims(LinkPurpose Purpose, string DeliveryId, MessageStream Stream, DateTimeOffset ExpiresAt)
{
    public const int MaxDeliveryIdLength = 160;

    private static readonly SearchValues<char> DeliveryIdChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    public static bool IsValidDeliveryId(string? deliveryId) =>
        deliveryId is { Length: > 0 and <= MaxDeliveryIdLength } && !deliveryId.AsSpan().ContainsAnyExcept(DeliveryIdChars);
}
