using PlComms.Shared;

namespace PlComms.Messages;

/// <summary>
/// The structured message both composers (template and Azure OpenAI) fill. It is a draft until a
/// person approves it; renderers turn it into channel text and the guardrails review it.
/// </summary>
/// <param name="Labels">
/// The section headings email and newsletter renderings use, for a language the project has no wording of its own
/// for (written by the Azure OpenAI composer); null for English and Spanish, which use <see cref="RenderLabels"/>.
/// </param>
public sealed record StructuredMessage(
    Audience Audience,
    MessageLanguage Language,
    string Headline,
    IReadOnlyList<string> WhatChanges,
    IReadOnlyList<string> WhatStaysTheSame,
    string Why,
    string WhatItMeansForYou,
    string NextStep,
    string ContactLine,
    MessageLabels? Labels = null)
{
    /// <summary>The text of one section; list sections are joined one item per line.</summary>
    public string TextOf(MessageSection section) => section switch
    {
        MessageSection.Headline => Headline,
        MessageSection.WhatChanges => string.Join("\n", WhatChanges),
        MessageSection.WhatStaysTheSame => string.Join("\n", WhatStaysTheSame),
        MessageSection.Why => Why,
        MessageSection.WhatItMeansForYou => WhatItMeansForYou,
        MessageSection.NextStep => NextStep,
        MessageSection.ContactLine => ContactLine,
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };

    /// <summary>Sections the composer writes as prose (as opposed to the vision's own list items).</summary>
    public static IReadOnlyList<MessageSection> ProseSections { get; } =
        [MessageSection.Headline, MessageSection.Why, MessageSection.WhatItMeansForYou, MessageSection.NextStep];

    public static IReadOnlyList<MessageSection> ListSections { get; } =
        [MessageSection.WhatChanges, MessageSection.WhatStaysTheSame];
}

/// <summary>Section headings in a message's own language (see <see cref="StructuredMessage.Labels"/>).</summary>
public sealed record MessageLabels(string WhatChanges, string WhatStaysTheSame, string Why, string WhatItMeansForYou, string NextStep)
{
    public IEnumerable<string> All() => [WhatChanges, WhatStaysTheSame, Why, WhatItMeansForYou, NextStep];
}

/// <summary>One channel's rendering. Only email has a subject and an HTML part.</summary>
public sealed record RenderedMessage(Channel Channel, string Text, string? Subject = null, string? Html = null);
