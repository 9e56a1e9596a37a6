namespace PlComms.Messages;

/// <summary>
/// The short form for SMS and social posts. It is built to fit, never cut: the renderer tries
/// complete candidates from richest to plainest (headline, the first item the audience's playbook
/// emphasizes, and the next step; then headline and next step; then the headline) and keeps the
/// first that fits. If none fits, it keeps the plainest, and the guardrails report the overrun.
/// </summary>
public static class ShortFormRenderer
{
    public static RenderedMessage Sms(StructuredMessage message) =>
        new(Channel.Sms, Choose(message, c => SmsSegments.Measure(c).Segments <= ChannelLimits.SmsSegments));

    public static RenderedMessage Social(StructuredMessage message) =>
        new(Channel.Social, Choose(message, c => ChannelLimits.SocialLength(c) <= ChannelLimits.SocialCharacters));

    public static IReadOnlyList<string> Candidates(StructuredMessage message)
    {
        var headline = message.Headline.Trim();
        var next = message.NextStep.Trim();
        // Headlines often hold a colon already ("Personalized learning: what changes"), so the parts are sentences.
        var closed = headline.Length > 0 && headline[^1] is '.' or '!' or '?' ? headline + " " : headline + ". ";
        var candidates = new List<string>();
        if (FirstEmphasizedItem(message) is { } item && next.Length > 0)
        {
            // A Spanish message quotes the vision's words, which stay as the officer wrote them.
            var shown = message.Language == Language.Es ? $"\"{item}\"" : item;
            candidates.Add(closed + shown + " " + next);
        }
        if (next.Length > 0) candidates.Add(closed + next);
        candidates.Add(headline);
        return candidates;
    }

    private static string Choose(StructuredMessage message, Func<string, bool> fits)
    {
        var candidates = Candidates(message);
        return candidates.FirstOrDefault(fits) ?? candidates[^1];
    }

    private static string? FirstEmphasizedItem(StructuredMessage message)
    {
        foreach (var section in AudiencePlaybooks.For(message.Audience).Emphasis)
        {
            var items = section switch
            {
                MessageSection.WhatChanges => message.WhatChanges,
                MessageSection.WhatStaysTheSame => message.WhatStaysTheSame,
                _ => [],
            };
            var first = items.FirstOrDefault(i => !string.IsNullOrWhiteSpace(i));
            if (first is not null) return first.Trim();
        }
        return null;
    }
}
