using System.Diagnostics.CodeAnalysis;

namespace PlComms.Delivery;

public enum LinkVerificationStatus
{
    Valid,

    /// <summary>Not a token of this format: empty, too long, non-ASCII, wrong shape or version, or an undecodable payload.</summary>
    Malformed,

    /// <summary>Well formed, but signed with a key id that is not (or no longer) configured.</summary>
    UnknownKey,

    BadSignature,

    /// <summary>Signed by us, past its expiry.</summary>
    Expired,

    /// <summary>Signed by us, for the other purpose (a survey token presented to unsubscribe, or the reverse).</summary>
    WrongPurpose,
}

/// <summary>The outcome of checking a link token. Claims are present only when the token is valid.</summary>
public sealed record LinkVerification(LinkVerificationStatus Status, LinkClaims? Claims)
{
    [MemberNotNullWhen(true, nameof(Claims))]
    public bool IsValid => Status == LinkVerificationStatus.Valid && Claims is not null;

    internal static LinkVerification Failed(LinkVerificationStatus status) => new(status, null);
}
