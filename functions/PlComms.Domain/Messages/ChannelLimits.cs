namespace PlComms.Messages;

/// <summary>Length limits per channel. Over a limit is a blocking guardrail violation; nothing is ever cut to fit.</summary>
public static class ChannelLimits
{
    /// <summary>An SMS must go as one segment: 160 GSM-7 septets, or 70 UCS-2 units (see <see cref="SmsSegments"/>).</summary>
    public const int SmsSegments = 1;

    /// <summary>X (Twitter) allows 280 characters a post; the smallest of the common networks' limits.</summary>
    public const int SocialCharacters = 280;

    /// <summary>RFC 5322 §2.1.1 recommends lines of at most 78 characters; a longer subject is folded or cut by mail clients.</summary>
    public const int EmailSubjectCharacters = 78;

    /// <summary>
    /// A post's length in Unicode code points (an emoji made of one code point counts once). X
    /// weighs some scripts double; the messages here use none of them.
    /// </summary>
    public static int SocialLength(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }
}
