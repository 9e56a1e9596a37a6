using System.Globalization;
using PlComms.Visions;

namespace PlComms.Messages;

/// <summary>
/// The guardrails both composers' output passes through (DESIGN.md section 6). Blocking violations
/// stop approval; warnings inform it.
/// <list type="bullet">
/// <item>Required sections: headline, why, what it means, next step and contact line non-blank; at least one item of what changes and of what stays the same.</item>
/// <item>Reading level of the prose the composer writes (headline, why, what it means, next step):
/// English by Flesch–Kincaid grade, at most the playbook's ceiling (parents, students, community 8;
/// teachers, board 12; for teachers and the board without seed 000's own wording, quoted as the seed has
/// it); Spanish by Fernández-Huerta reading ease, at least the playbook's floor (70 or 60, see
/// <see cref="AudiencePlaybook.SpanishReadingEaseFloor"/>), measured without the vision's words (its
/// Spanish translations, the catalog's wordings, anything «quoted»); no formula for other languages, a
/// warning says so. The list sections are the vision's shifts in the officer's own words, which no
/// composer may rewrite, so their English grade is a warning for the officer to act on in the vision.</item>
/// <item>Jargon: any <see cref="Jargon.Terms"/> form in any section or rendering, with its plain replacement; the
/// visioning tool's professional vocabulary only for parents, students and community partners.</item>
/// <item>Channel length: SMS in one segment, social posts at most 280 characters, email subjects at most 78 characters on one line.</item>
/// <item>Grounding: every number and capitalised name in the message (but the contact line, which is the district's own configuration) appears in the vision, the playbook or the template text (<see cref="Grounding"/>).</item>
/// <item>Language: every sentence and clause in the message's language (<see cref="LanguageCheck"/>), and no vision item
/// quoted in a language it has no wording for; both block as <c>untranslated</c>, naming what to add to the vision.</item>
/// <item>Success criteria without a metric: a warning on board messages and talking points.</item>
/// </list>
/// </summary>
public static class MessageGuardrails
{
    public static GuardrailReport Check(StructuredMessage message, VisionContent vision, IReadOnlyList<RenderedMessage> renderings) =>
        Check(message, vision, AudiencePlaybooks.For(message.Audience), renderings);

    public static GuardrailReport Check(StructuredMessage message, VisionContent vision, AudiencePlaybook playbook, IReadOnlyList<RenderedMessage> renderings)
    {
        var violations = new List<GuardrailViolation>();
        RequiredSections(message, vision, playbook, violations);
        ReadingLevel(message, vision, playbook, violations);
        JargonUse(message, playbook, renderings, violations);
        LanguageUse(message, vision, renderings, violations);
        ChannelLengths(renderings, violations);
        Grounded(message, vision, playbook, violations);
        Metrics(message, vision, renderings, violations);
        return new GuardrailReport(violations);
    }

    private static readonly MessageSection[] AllSections = Enum.GetValues<MessageSection>();

    private static void RequiredSections(StructuredMessage message, VisionContent vision, AudiencePlaybook playbook, List<GuardrailViolation> violations)
    {
        foreach (var section in AllSections)
        {
            var present = section switch
            {
                MessageSection.WhatChanges => message.WhatChanges.Any(i => !string.IsNullOrWhiteSpace(i)),
                MessageSection.WhatStaysTheSame => message.WhatStaysTheSame.Any(i => !string.IsNullOrWhiteSpace(i)),
                _ => !string.IsNullOrWhiteSpace(message.TextOf(section)),
            };
            if (!present)
                violations.Add(new(GuardrailCodes.SectionMissing, Severity.Blocking, section, null,
                    ChannelRenderer.IsList(section)
                        ? $"The {Name(section)} section is empty: the vision says nothing about it for {playbook.Name.En}."
                        : $"The {Name(section)} section is empty.",
                    ChannelRenderer.IsList(section) ? MissingListAdvice(vision, playbook) : null));
        }
    }

    private static string MissingListAdvice(VisionContent vision, AudiencePlaybook playbook)
    {
        var advice = $"Add a shift for {playbook.Name.En} (or one for everyone) to the vision, saying what changes for them and what stays the same";
        if (playbook.SharesShiftsOf.Count > 0)
            advice += $"; a shift for {string.Join(" or ", playbook.SharesShiftsOf.Select(a => AudiencePlaybooks.For(a).Name.En))} written about students (not to \"you\") would also be restated for them";
        if (TemplateComposer.ThemesOf(vision) == Visions.ClassroomThemes.None)
            advice += "; or add a focus, impact or support that touches what, how, when or where students learn, such as one of the catalog's suggestions";
        return advice + ".";
    }

    private static void ReadingLevel(StructuredMessage message, VisionContent vision, AudiencePlaybook playbook, List<GuardrailViolation> violations)
    {
        var prose = string.Join("\n", StructuredMessage.ProseSections.Select(message.TextOf));
        if (message.Language.Template is null)
        {
            violations.Add(new(GuardrailCodes.ReadingLevelUnmeasured, Severity.Warning, null, null,
                $"No reading-level formula is applied to {message.Language.Name}; Flesch–Kincaid and Fernández-Huerta are for English and Spanish.",
                "Have a fluent reader check that the message is plain and short."));
        }
        else if (message.Language == Language.En)
        {
            // Teachers and the board read seed 000's suggestions in the seed's own words, which no composer may rewrite; they are not scored.
            var seedWords = playbook.UsesFamilyWording ? [] : VisionItem.All(vision).Where(i => i.Catalog is not null).Select(i => i.Catalog!.Text);
            var grade = Readability.FleschKincaidGrade(Readability.Without(prose, seedWords));
            if (grade > playbook.ReadingGradeCeiling)
                violations.Add(new(GuardrailCodes.ReadingLevel, Severity.Blocking, null, null,
                    $"The prose reads at Flesch–Kincaid grade {F(grade)}; {playbook.Name.En} need grade {playbook.ReadingGradeCeiling} or lower.",
                    "Use shorter sentences and shorter, everyday words."));

            var lists = string.Join("\n", message.WhatChanges.Concat(message.WhatStaysTheSame));
            var listGrade = Readability.FleschKincaidGrade(lists);
            if (lists.Length > 0 && listGrade > playbook.ReadingGradeCeiling)
                violations.Add(new(GuardrailCodes.ListReadingLevel, Severity.Warning, null, null,
                    $"The vision's shifts read at grade {F(listGrade)}, above grade {playbook.ReadingGradeCeiling} for {playbook.Name.En}; they are quoted as written.",
                    "Simplify the shifts' wording in the vision."));
        }
        else
        {
            // The vision's Spanish words (its translations and the catalog's wordings) are the officer's and the seed's,
            // which no composer may rewrite; like «quoted» words, they are not scored.
            var visionWords = VisionItem.All(vision)
                .SelectMany(i => i.Translations.Where(t => Contacts.LanguageTags.Primary(t.Key) == "es").Select(t => t.Value)
                    .Concat(i.Catalog is { } c ? [c.Es, c.Family.Es] : []));
            var ease = Readability.FernandezHuerta(Readability.Without(Readability.WithoutGuillemetQuotes(prose), visionWords));
            if (ease < playbook.SpanishReadingEaseFloor)
                violations.Add(new(GuardrailCodes.ReadingLevel, Severity.Blocking, null, null,
                    $"The Spanish prose scores {F(ease)} on the Fernández-Huerta scale; {playbook.Name.En} need {F(playbook.SpanishReadingEaseFloor)} or more.",
                    "Usar oraciones más cortas y palabras más sencillas."));
        }
    }

    private static void JargonUse(StructuredMessage message, AudiencePlaybook playbook, IReadOnlyList<RenderedMessage> renderings, List<GuardrailViolation> violations)
    {
        var reported = new HashSet<JargonTerm>();
        foreach (var section in AllSections)
        {
            foreach (var hit in Jargon.Find(message.TextOf(section)).Where(h => h.Term.AppliesTo(playbook)))
            {
                reported.Add(hit.Term);
                violations.Add(JargonViolation(hit, message.Language, section, null));
            }
        }
        // Talking points add the vision's impacts and supports, which the message itself may not carry.
        foreach (var rendering in renderings)
        {
            foreach (var hit in Jargon.Find(rendering.Text).Where(h => h.Term.AppliesTo(playbook) && reported.Add(h.Term)))
                violations.Add(JargonViolation(hit, message.Language, null, rendering.Channel));
        }
    }

    private static GuardrailViolation JargonViolation(JargonHit hit, MessageLanguage language, MessageSection? section, Channel? channel) =>
        new(GuardrailCodes.Jargon, Severity.Blocking, section, channel,
            hit.Term.Professional
                ? $"“{hit.Found}” is the visioning tool's professional vocabulary ({hit.Term.Term}); families, students and the public may not know it."
                : $"“{hit.Found}” is education jargon ({hit.Term.Term}); families and the public may not know it.",
            language.Template is null
                ? $"Say it plainly in {language.Name}, e.g. “{hit.Term.PlainLanguage.En}”."
                : hit.Term.PlainLanguage.In(language));

    /// <summary>Most <c>untranslated</c> findings for stretches of text one report lists; the rest are counted in one more.</summary>
    public const int MaxLanguageFindings = 8;

    private static void LanguageUse(StructuredMessage message, VisionContent vision, IReadOnlyList<RenderedMessage> renderings, List<GuardrailViolation> violations)
    {
        var language = message.Language;
        var name = language.Name;
        var places = AllSections.Where(s => s != MessageSection.ContactLine)
            .Select(s => (Section: (MessageSection?)s, Channel: (Channel?)null, Text: message.TextOf(s)))
            .Concat(renderings.Select(r => (Section: (MessageSection?)null, Channel: (Channel?)r.Channel, Text: r.Text)))
            .ToList();

        // Vision items quoted in a language they have no wording for: the fix is in the vision, so name the item.
        var untranslated = new List<string>();
        var lacking = VisionItem.All(vision).Where(i => !ItemWordings.HasWording(i, language)).ToList();
        var normalized = lacking.Count == 0 ? [] : places.Select(p => (p.Section, p.Channel, p.Text, Normalized: " " + VisionComparison.Normalize(p.Text) + " ")).ToList();
        foreach (var item in lacking)
        {
            var key = VisionComparison.Normalize(item.Text);
            if (!(key.Contains(' ') ? key.Length >= 6 : key.Length >= 10)) continue;
            if (LanguageCheck.Detect(item.Text) == language.Primary) continue; // the officer wrote it in this language
            var place = normalized.FirstOrDefault(p => p.Normalized.Contains(" " + key + " ", StringComparison.Ordinal));
            if (place.Text is null) continue;
            untranslated.Add(key);
            violations.Add(new(GuardrailCodes.Untranslated, Severity.Blocking, place.Section, place.Channel,
                $"{char.ToUpperInvariant(item.Label[0])}{item.Label[1..]} “{item.Text}” has no {name} wording, so this {name} message quotes it as written.",
                $"Add a {name} translation for {item.Label} '{item.Text}' ({item.TranslationsField}.{language.Tag} in the vision)."));
        }

        // Any other sentence or clause that reads as another language: a mixed paragraph, an English heading.
        var flagged = new HashSet<string>(StringComparer.Ordinal);
        // Renderings repeat the sections' sentences: each distinct stretch is judged once, where it first appears.
        var judged = new HashSet<string>(StringComparer.Ordinal);
        var more = 0;
        foreach (var place in places)
        {
            foreach (var stretch in LanguageCheck.Stretches(place.Text))
            {
                if (!judged.Add(stretch)) continue;
                if (LanguageCheck.ForeignLanguageOf(stretch, language) is not { } foreign) continue;
                var key = VisionComparison.Normalize(stretch);
                if (key.Length == 0 || flagged.Contains(key)) continue;
                if (untranslated.Any(u => key.Contains(u, StringComparison.Ordinal) || u.Contains(key, StringComparison.Ordinal))) continue;
                // A sentence already reported through one of its clauses (or the other way round) is one finding.
                if (flagged.Any(f => f.Contains(key, StringComparison.Ordinal) || key.Contains(f, StringComparison.Ordinal))) continue;
                flagged.Add(key);
                if (flagged.Count > MaxLanguageFindings) { more++; continue; }
                var where = place.Section is { } section ? $"the {Name(section)} section" : $"the {Wire(place.Channel!.Value)} rendering";
                violations.Add(new(GuardrailCodes.Untranslated, Severity.Blocking, place.Section, place.Channel,
                    foreign == "latin"
                        ? $"“{Short(stretch)}” in {where} is not written in {name}'s script."
                        : $"“{Short(stretch)}” in {where} reads as {LanguageNames.English(foreign)}, not {name}.",
                    $"Write it in {name}."));
            }
        }
        if (more > 0)
            violations.Add(new(GuardrailCodes.Untranslated, Severity.Blocking, null, null,
                $"{more} more sentence(s) or clause(s) are not in {name}.", $"Write the whole message in {name}."));
    }

    private static string Short(string text) => text.Length <= 160 ? text : text[..157] + "…";

    private static string Wire(Channel channel) => Shared.WireName<Channel>.Of(channel);

    private static void ChannelLengths(IReadOnlyList<RenderedMessage> renderings, List<GuardrailViolation> violations)
    {
        foreach (var r in renderings)
        {
            switch (r.Channel)
            {
                case Channel.Sms:
                    var sms = SmsSegments.Measure(r.Text);
                    if (sms.Segments > ChannelLimits.SmsSegments)
                        violations.Add(new(GuardrailCodes.ChannelLength, Severity.Blocking, null, Channel.Sms,
                            $"The text message needs {sms.Segments} segments ({sms.Units} {(sms.Encoding == SmsEncoding.Gsm7 ? "GSM-7 characters" : "UCS-2 characters")}, {sms.SingleSegmentLimit} fit in one).",
                            "Shorten the headline or the next step."));
                    break;
                case Channel.Social:
                    var length = ChannelLimits.SocialLength(r.Text);
                    if (length > ChannelLimits.SocialCharacters)
                        violations.Add(new(GuardrailCodes.ChannelLength, Severity.Blocking, null, Channel.Social,
                            $"The post has {length} characters; at most {ChannelLimits.SocialCharacters} fit.",
                            "Shorten the headline or the next step."));
                    break;
                case Channel.Email when r.Subject is { } subject:
                    if (subject.Length > ChannelLimits.EmailSubjectCharacters)
                        violations.Add(new(GuardrailCodes.ChannelLength, Severity.Blocking, MessageSection.Headline, Channel.Email,
                            $"The subject has {subject.Length} characters; at most {ChannelLimits.EmailSubjectCharacters} fit.",
                            "Shorten the headline."));
                    if (subject.Any(char.IsControl))
                        violations.Add(new(GuardrailCodes.SubjectInvalid, Severity.Blocking, MessageSection.Headline, Channel.Email,
                            "The subject contains a line break or control character.", "Keep the headline on one line."));
                    break;
            }
        }
    }

    private static void Grounded(StructuredMessage message, VisionContent vision, AudiencePlaybook playbook, List<GuardrailViolation> violations)
    {
        var grounding = Grounding.For(vision, playbook);
        foreach (var section in AllSections.Where(s => s != MessageSection.ContactLine))
        {
            foreach (var claim in grounding.Unsupported(message.TextOf(section)))
            {
                violations.Add(claim.Kind == ClaimKind.Number
                    ? new(GuardrailCodes.UngroundedNumber, Severity.Blocking, section, null,
                        $"The number “{claim.Token}” is not in the vision.", "Remove it, or add it to the vision (for example as an impact's metric) first.")
                    : new(GuardrailCodes.UngroundedName, Severity.Blocking, section, null,
                        $"“{claim.Token}” is not named in the vision or the playbook.", "Remove it, or add it to the vision first."));
            }
        }
    }

    private static void Metrics(StructuredMessage message, VisionContent vision, IReadOnlyList<RenderedMessage> renderings, List<GuardrailViolation> violations)
    {
        var carriesCriteria = message.Audience == Shared.Audience.Board || renderings.Any(r => r.Channel == Channel.TalkingPoints);
        var unmeasured = vision.ShortTermImpacts.Concat(vision.LongTermImpacts).Where(i => string.IsNullOrWhiteSpace(i.Metric)).ToList();
        if (carriesCriteria && unmeasured.Count > 0)
            violations.Add(new(GuardrailCodes.MetricMissing, Severity.Warning, MessageSection.WhatItMeansForYou,
                renderings.Any(r => r.Channel == Channel.TalkingPoints) ? Channel.TalkingPoints : null,
                $"{unmeasured.Count} impact(s) have no metric, so the success criteria do not say how success will be measured: {string.Join("; ", unmeasured.Select(i => i.Text))}.",
                "Add a metric to each impact in the vision."));
    }

    private static string Name(MessageSection section) => section switch
    {
        MessageSection.Headline => "headline",
        MessageSection.WhatChanges => "what changes",
        MessageSection.WhatStaysTheSame => "what stays the same",
        MessageSection.Why => "why",
        MessageSection.WhatItMeansForYou => "what it means for you",
        MessageSection.NextStep => "next step",
        MessageSection.ContactLine => "contact line",
        _ => section.ToString(),
    };

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
