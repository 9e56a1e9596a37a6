using System.Globalization;
using System.Text;
using PlComms.Visions;

namespace PlComms.Messages.AzureOpenAi;

/// <summary>
/// The prompt: the guardrails as rules (system message) and the vision and the audience's playbook
/// as the only facts (user message). The model gets the same targets the guardrails then check, so
/// a first answer usually passes; the repair round covers the rest.
/// </summary>
public static class MessagePrompt
{
    /// <summary>Bumped whenever the wording below changes, so stored drafts say which prompt made them.</summary>
    public const string Version = "openai-v2";

    public static string System(CompositionRequest request, AudiencePlaybook playbook)
    {
        var es = request.Language == Language.Es;
        var other = request.Language.Template is null;
        var audience = playbook.Name.En;
        var sb = new StringBuilder()
            .AppendLine($"You write one message from a school district to {audience} about the district's move to personalized learning.")
            .AppendLine("A communications officer reviews and approves the message before anything is sent. Write a draft they can approve as it is.")
            .AppendLine()
            .AppendLine("Rules:")
            .AppendLine("1. Grounding. State nothing that is not in the vision or the audience notes you are given. Use no number, percentage, date, name, acronym or statistic that is not given there. Promise nothing the vision does not promise. Do not capitalise a word in mid-sentence unless it is a name given to you.");

        sb.AppendLine(other
            ? "2. Reading level. Write plainly: short sentences (about 15 words or fewer) and common, everyday words."
            : es
            ? $"2. Reading level. The prose sections (headline, why, whatItMeansForYou, nextStep) must score {F(playbook.SpanishReadingEaseFloor)} or more on the Fernández-Huerta reading-ease scale: short sentences (about 15 words or fewer) and common, short words. Words inside «» are not scored."
            : $"2. Reading level. The prose sections (headline, why, whatItMeansForYou, nextStep) must read at Flesch–Kincaid grade {playbook.ReadingGradeCeiling} or lower: short sentences (about 15 words or fewer) and everyday words of one or two syllables where you can.");

        sb.AppendLine("3. Plain language. Do not use any of these education-jargon terms (in any spelling or language); where you need the idea, use the plain wording after the arrow:");
        foreach (var term in Jargon.Terms)
            if (term.AppliesTo(playbook))
                sb.AppendLine($"   - {string.Join(" / ", term.Forms)} → {(other ? $"(say plainly in {request.Language.Name}) " + term.PlainLanguage.En : term.PlainLanguage.In(request.Language))}");

        sb.AppendLine("4. Length.");
        foreach (var line in ChannelRules(request.Channels)) sb.AppendLine("   - " + line);

        sb.AppendLine(other
            ? $"5. Language. Write every word in {request.Language.Name} (BCP 47 tag {request.Language.Tag}), natively, as a school communicator writing in that language would; do not leave any sentence, clause or heading in English or Spanish. Names of schools and people stay as given. Use the vision's wording below as given: it is already in {request.Language.Name}."
            : es
            ? $"5. Language. Write in Spanish, natively, as a Spanish-speaking school communicator would write for {playbook.Name.Es}; do not translate English word for word. {(request.Audience == Shared.Audience.Students ? "Address students as \"tú\"." : "Address the reader as \"usted\".")} The vision's words below are already in Spanish: use them as given. Write nothing in English."
            : "5. Language. Write in English. Speak to the reader directly (\"you\").");

        sb.AppendLine(other
            ? $"6. Lists. whatChanges and whatStaysTheSame: translate the given items into {request.Language.Name} faithfully, one array item each, in the given order. Do not add, merge or drop items, and add no new facts."
            : "6. Lists. whatChanges and whatStaysTheSame are the officer's own words: copy the given items exactly, one array item each, in the given order. Do not add, merge, shorten or reword them.")
          .AppendLine("7. Leave out greetings, signatures and contact details; the district adds its contact line.");
        if (other)
            sb.AppendLine($"8. labels: the five section headings in {request.Language.Name}: \"What changes\", \"What stays the same\", \"Why\", \"{playbook.WhatItMeansLabel.En}\", \"Next step\".");
        sb
          .AppendLine("Answer only with JSON that matches the response schema.");
        return sb.ToString();
    }

    public static string User(CompositionRequest request, AudiencePlaybook playbook, StructuredMessage template)
    {
        var vision = request.Vision;
        var language = request.Language;
        var sb = new StringBuilder().AppendLine("THE VISION (the only facts about the district's plan)");

        // Each item in the words this audience reads, in the message's language (the translation step has filled any gap).
        string W(VisionItem item) => ItemWordings.For(item, language, playbook).Text;

        sb.AppendLine("Focus (which students the work focuses on):");
        for (var i = 0; i < vision.Focus.Count; i++) sb.AppendLine($"- {W(VisionItem.Focus(vision, i))}");
        Impacts(sb, "Short-term impacts", vision.ShortTermImpacts, VisionItemKind.ShortTermImpact, "short-term impact", "impacts.shortTerm", W);
        Impacts(sb, "Long-term impacts", vision.LongTermImpacts, VisionItemKind.LongTermImpact, "long-term impact", "impacts.longTerm", W);

        sb.AppendLine("Implementation supports, by phase:");
        foreach (var phase in Enumerable.Range(0, vision.Supports.Count).OrderBy(i => vision.Supports[i].Phase).ThenBy(i => i).GroupBy(i => vision.Supports[i].Phase))
        {
            var entry = VisionCatalog.Phases[(int)phase.Key];
            sb.AppendLine($"- Phase {entry.Numeral}, {entry.Title}: {string.Join("; ", phase.Select(i => W(VisionItem.Support(vision, i))))}");
        }
        if (vision.Supports.Count == 0) sb.AppendLine("- (none given)");

        sb.AppendLine()
          .AppendLine($"THE AUDIENCE: {playbook.Name.In(language)}")
          .AppendLine("What they care about (the district's research, quoted):");
        foreach (var quote in playbook.CaresAbout) sb.AppendLine($"- {quote.Text}");
        sb.AppendLine("What they worry about (quoted):");
        foreach (var quote in playbook.Fears) sb.AppendLine($"- {quote.Text}");
        sb.AppendLine("Points to stress:");
        foreach (var point in playbook.Stress) sb.AppendLine($"- {point.Text.In(language)}");
        sb.AppendLine($"Open the \"why\" with this idea: {playbook.WhyLead.Text.In(language)}")
          .AppendLine($"A headline in this spirit: {playbook.Headline.In(language)}")
          .AppendLine($"Call to action for nextStep: {playbook.CallToAction.Text.In(language)}")
          .AppendLine($"Sections in order of importance for them: {string.Join(", ", playbook.Emphasis.Select(SectionName))}");
        foreach (var line in DetailRules(playbook)) sb.AppendLine(line);
        sb.AppendLine(language.Template is null
            ? "Reading target: plain, short sentences."
            : language == Language.Es
            ? $"Reading target: Fernández-Huerta {F(playbook.SpanishReadingEaseFloor)} or more."
            : $"Reading target: grade {playbook.ReadingGradeCeiling} or lower.");

        var verb = language.Template is null ? $"translate into {language.Name}, one for one" : "copy exactly";
        sb.AppendLine().AppendLine($"whatChanges ({verb}):");
        foreach (var item in template.WhatChanges) sb.AppendLine($"- {item}");
        if (template.WhatChanges.Count == 0) sb.AppendLine("- (none given: return an empty array)");
        sb.AppendLine($"whatStaysTheSame ({verb}):");
        foreach (var item in template.WhatStaysTheSame) sb.AppendLine($"- {item}");
        if (template.WhatStaysTheSame.Count == 0) sb.AppendLine("- (none given: return an empty array)");

        sb.AppendLine().AppendLine($"Write the message for {playbook.Name.In(language)} in {language.Name}.");
        return sb.ToString();
    }

    /// <summary>The translation step's instructions: faithful, plain, nothing added; one answer per id.</summary>
    public static string TranslationSystem(CompositionRequest request, AudiencePlaybook playbook) => new StringBuilder()
        .AppendLine($"You translate items of a school district's plan for personalized learning into {request.Language.Name} (BCP 47 tag {request.Language.Tag}). The items will be quoted in a message to {playbook.Name.En}.")
        .AppendLine("Rules:")
        .AppendLine("1. Translate faithfully: add nothing, drop nothing, and keep every number and every name of a school or person exactly as given.")
        .AppendLine("2. Use plain, everyday words a family would use; keep each item about as long as the original.")
        .AppendLine("3. Keep each item's form: a phrase stays a phrase, a sentence stays a sentence.")
        .AppendLine("4. Answer with one entry per item, with the item's id exactly as given, and nothing else, as JSON matching the response schema.")
        .ToString();

    public static string TranslationUser(IEnumerable<MissingWording> missing)
    {
        var sb = new StringBuilder().AppendLine("Items (id: text):");
        foreach (var m in missing) sb.AppendLine($"- {m.Id}: {m.Source}");
        return sb.ToString();
    }

    /// <summary>The repair request: what the guardrails found in the previous answer, to be fixed in full.</summary>
    public static string Repair(IEnumerable<GuardrailViolation> blocking)
    {
        var sb = new StringBuilder()
            .AppendLine("The district's checks rejected your message. Fix every problem below and answer with the whole corrected message as JSON. Keep everything that was not a problem, and keep following all the rules.");
        foreach (var v in blocking)
        {
            var where = string.Join(", ", new[] { v.Section is { } s ? SectionName(s) : null, v.Channel?.ToString() }.OfType<string>());
            sb.Append($"- [{v.Code}]").Append(where.Length > 0 ? $" ({where})" : "").Append(' ').Append(v.Message);
            if (!string.IsNullOrWhiteSpace(v.Suggestion)) sb.Append(" Fix: ").Append(v.Suggestion);
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private static void Impacts(StringBuilder sb, string title, IReadOnlyList<Impact> impacts, VisionItemKind kind, string name, string field, Func<VisionItem, string> words)
    {
        sb.AppendLine($"{title}:");
        for (var i = 0; i < impacts.Count; i++)
        {
            var metric = VisionItem.Metric(impacts[i], i, name, field) is { } m ? $"measured by: {words(m)}" : "no metric set yet";
            sb.AppendLine($"- {words(VisionItem.Impact(impacts[i], kind, i, name, field))} ({metric})");
        }
        if (impacts.Count == 0) sb.AppendLine("- (none given)");
    }

    private static IEnumerable<string> DetailRules(AudiencePlaybook playbook)
    {
        if (playbook.Details.HasFlag(VisionDetails.SuccessCriteria))
            yield return "In whatItMeansForYou, give each impact as a success criterion with its metric (say plainly when a metric is not set yet), then the points to stress.";
        if (playbook.Details.HasFlag(VisionDetails.Supports))
            yield return "In whatItMeansForYou, name the implementation supports.";
        if (playbook.Details.HasFlag(VisionDetails.Timeline))
            yield return "In whatItMeansForYou, end with the timeline: the supports, phase by phase.";
    }

    private static IEnumerable<string> ChannelRules(IReadOnlyList<Channel> channels)
    {
        // A draft made for no channel yet may be rendered for any later: write to every limit.
        var set = channels.Count == 0 ? ChannelRenderer.AllChannels : channels;
        if (set.Contains(Channel.Email))
            yield return $"The headline is the email subject: one line, at most {ChannelLimits.EmailSubjectCharacters} characters.";
        if (set.Contains(Channel.Sms))
            yield return "The text message is the headline, then the first list item and the next step when they fit. At the least, the headline and the next step together must fit one SMS: 160 plain characters, or 70 if any character is outside the GSM-7 set (such as á, í, ó, ú, ¿, ¡ or curly quotes). Keep both short.";
        if (set.Contains(Channel.Social))
            yield return $"The social post is the headline, the first list item and the next step: at most {ChannelLimits.SocialCharacters} characters in all.";
        yield return "why and whatItMeansForYou: a short paragraph each (about 3 to 6 sentences).";
    }

    private static string SectionName(MessageSection section) => section switch
    {
        MessageSection.Headline => "headline",
        MessageSection.WhatChanges => "whatChanges",
        MessageSection.WhatStaysTheSame => "whatStaysTheSame",
        MessageSection.Why => "why",
        MessageSection.WhatItMeansForYou => "whatItMeansForYou",
        MessageSection.NextStep => "nextStep",
        MessageSection.ContactLine => "contact line",
        _ => section.ToString(),
    };

    private static string F(double value) => value.ToString("0", CultureInfo.InvariantCulture);
}
