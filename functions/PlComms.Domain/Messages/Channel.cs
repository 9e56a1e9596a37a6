namespace PlComms.Messages;

/// <summary>Where a message goes. Wire ids: "email", "newsletter", "sms", "social", "talking-points".</summary>
public enum Channel
{
    Email,
    Newsletter,
    Sms,
    Social,
    /// <summary>Notes for principals and other messengers who carry the message in person.</summary>
    TalkingPoints,
}
