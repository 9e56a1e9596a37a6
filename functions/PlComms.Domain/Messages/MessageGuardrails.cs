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
/// teachers, board 12); Spanish by Fernández-Huerta reading ease, at least the playbook's floor (70 or
/// 60, see <see cref="AudiencePlaybook.SpanishReadingEaseFloor"/>), measured without the «quoted»
/// vision words. The list sections are the vision's shifts in the officer's own words, which no
/// composer may rewrite, so their grade is a warning for the officer to act on in the vision; Spanish
/// lists, quoted as written, are not measured.</item>
/// <item>Jargon: any <see cref="Jargon.Terms"/> form in any section or rendering, with its plain replacement.</item>
/// <item>Channel length: SMS in one segment, social posts at most 280 characters, email subjects at most 78 characters on one line.</item>
/// <item>Grounding: every number and capitalised name in the message (but the contact line, which is the district's own configuration) appears in the vision, the playbook or the template text (<see cref="Grounding"/>).</item>
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
        RequiredSections(message, violations);
        ReadingLevel(message, playbook, violations);
        JargonUse(message, renderings, violations);
        ChannelLengths(renderings, violations);
        Grounded(message, vision, playbook, violations);
        Metrics(message, vision, renderings, violations);
        return new GuardrailReport(violations);
    }

    private static readonly MessageSection[] AllSections = Enum.GetValues<MessageSection>();

    private static void RequiredSections(StructuredMessage message, List<GuardrailViolation> violations)
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
                    $"The {Name(section)} section is empty.",
                    ChannelRenderer.IsList(section) ? "Add a shift for this audience (or one for everyone) to the vision." : null));
        }
    }

    private static void ReadingLevel(StructuredMessage message, AudiencePlaybook playbook, List<GuardrailViolation> violations)
    {
        var prose = string.Join("\n", StructuredMessage.ProseSections.Select(message.TextOf));
        if (message.Language == Language.En)
        {
            var grade = Readability.FleschKincaidGrade(prose);
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
            var ease = Readability.FernandezHuerta(Readability.WithoutGuillemetQuotes(prose));
            if (ease < playbook.SpanishReadingEaseFloor)
                violations.Add(new(GuardrailCodes.ReadingLevel, Severity.Blocking, null, null,
                    $"The Spanish prose scores {F(ease)} on the Fernández-Huerta scale; {playbook.Name.En} need {F(playbook.SpanishReadingEaseFloor)} or more.",
                    "Usar oraciones más cortas y palabras más sencillas."));
        }
    }

    private static void JargonUse(StructuredMessage message, IReadOnlyList<RenderedMessage> renderings, List<GuardrailViolation> violations)
    {
        var reported = new HashSet<JargonTerm>();
        foreach (var section in AllSections)
        {
            foreach (var hit in Jargon.Find(message.TextOf(section)))
            {
                reported.Add(hit.Term);
                violations.Add(JargonViolation(hit, message.Language, section, null));
            }
        }
        // Talking points add the vision's impacts and supports, which the message itself may not carry.
        foreach (var rendering in renderings)
        {
            foreach (var hit in Jargon.Find(rendering.Text).Where(h => reported.Add(h.Term)))
                violations.Add(JargonViolation(hit, message.Language, null, rendering.Channel));
        }
    }

    private static GuardrailViolation JargonViolation(JargonHit hit, Language language, MessageSection? section, Channel? channel) =>
        new(GuardrailCodes.Jargon, Severity.Blocking, section, channel,
            $"“{hit.Found}” is education jargon ({hit.Term.Term}); families and the public may not know it.",
            hit.Term.PlainLanguage.In(language));

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
