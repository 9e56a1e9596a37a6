using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.Messages;

/// <summary>
/// The deterministic composer: writes a structured message from the vision and the audience's
/// playbook, with no network and no randomness. It states nothing that is in neither: list
/// sections are the vision's shifts word for word, prose sections join the playbook's phrases to
/// the vision's focus, impacts and supports. Spanish prose is written from Spanish phrases, and the
/// vision's words inside it are «quoted» as the officer wrote them.
/// </summary>
public static class TemplateComposer
{
    /// <param name="districtContact">Who to contact ("Ana Ruiz, 555-0100"); the contact line names the district office when it is missing.</param>
    public static StructuredMessage Compose(VisionContent vision, Audience audience, Language language, string? districtContact = null)
    {
        var playbook = AudiencePlaybooks.For(audience);
        var phrases = ComposerPhrases.For(language);
        var shifts = ShiftsFor(vision, playbook).ToList();

        return new StructuredMessage(
            audience,
            language,
            Headline: playbook.Headline.In(language),
            WhatChanges: Distinct(shifts.Select(s => Item(s, s.Changes, playbook, phrases))),
            WhatStaysTheSame: Distinct(shifts.Select(s => Item(s, s.StaysTheSame, playbook, phrases))),
            Why: Why(vision, playbook, phrases),
            WhatItMeansForYou: WhatItMeans(vision, playbook, phrases),
            NextStep: playbook.CallToAction.Text.In(language),
            ContactLine: string.IsNullOrWhiteSpace(districtContact)
                ? phrases.DefaultContact
                : string.Format(phrases.ContactWith, districtContact.Trim().TrimEnd('.')));
    }

    /// <summary>The shifts tagged for the audience or for no one in particular; every shift when the playbook asks for the whole picture.</summary>
    public static IEnumerable<Shift> ShiftsFor(VisionContent vision, AudiencePlaybook playbook) =>
        vision.Shifts.Where(s => playbook.SeesAllShifts || s.Audiences.Count == 0 || s.Audiences.Contains(playbook.Audience));

    private static string Item(Shift shift, string text, AudiencePlaybook playbook, ComposerPhrases phrases)
    {
        if (!playbook.SeesAllShifts) return text.Trim();
        var names = shift.Audiences.Count == 0
            ? phrases.Everyone
            : phrases.JoinList([.. shift.Audiences.Select(a => AudiencePlaybooks.For(a).Name.In(phrases.Language))]);
        return string.Format(phrases.ForAudiences, names, text.Trim());
    }

    private static List<string> Distinct(IEnumerable<string> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. items.Where(i => i.Length > 0 && seen.Add(VisionComparison.Normalize(i)))];
    }

    private static string Why(VisionContent vision, AudiencePlaybook playbook, ComposerPhrases phrases)
    {
        var sentences = new List<string> { playbook.WhyLead.Text.In(phrases.Language) };
        if (vision.Focus.Count > 0)
            sentences.Add(string.Format(phrases.OurFocus, Quoted(vision.Focus.Select(f => f.Text), phrases)));

        // The board reads the impacts as success criteria in the next section; saying them twice adds length, not meaning.
        if (playbook.Details.HasFlag(VisionDetails.SuccessCriteria))
        {
            if (vision.ShortTermImpacts.Count + vision.LongTermImpacts.Count > 0) sentences.Add(phrases.SeeCriteria);
        }
        else
        {
            if (vision.ShortTermImpacts.Count > 0)
                sentences.Add(string.Format(phrases.ShortTermHope, Quoted(vision.ShortTermImpacts.Select(i => i.Text), phrases)));
            if (vision.LongTermImpacts.Count > 0)
                sentences.Add(string.Format(phrases.LongTermHope, Quoted(vision.LongTermImpacts.Select(i => i.Text), phrases)));
        }
        return string.Join(" ", sentences);
    }

    private static string WhatItMeans(VisionContent vision, AudiencePlaybook playbook, ComposerPhrases phrases)
    {
        var language = phrases.Language;
        var sentences = playbook.Stress.Select(p => p.Text.In(language)).ToList();

        if (playbook.Details.HasFlag(VisionDetails.Supports) && vision.Supports.Count > 0)
        {
            sentences.Add(string.Format(phrases.SupportsFirst, phrases.Quote(vision.Supports[0].Text)));
            foreach (var support in vision.Supports.Skip(1))
                sentences.Add(string.Format(phrases.SupportsMore, phrases.Quote(support.Text)));
        }

        if (playbook.Details.HasFlag(VisionDetails.SuccessCriteria))
        {
            // Criteria come first: the stress points explain how to read them.
            var criteria = vision.ShortTermImpacts.Select(i => Criterion(phrases.ShortTerm, i, phrases))
                .Concat(vision.LongTermImpacts.Select(i => Criterion(phrases.LongTerm, i, phrases)));
            sentences.InsertRange(0, criteria);
        }

        if (playbook.Details.HasFlag(VisionDetails.Timeline) && vision.Supports.Count > 0)
        {
            sentences.Add(phrases.TimelineLead);
            sentences.AddRange(TimelineItems(vision, phrases));
        }
        return string.Join(" ", sentences);
    }

    private static string Criterion(string horizon, Impact impact, ComposerPhrases phrases) =>
        string.Format(phrases.Criterion, horizon, phrases.Quote(impact.Text),
            string.IsNullOrWhiteSpace(impact.Metric) ? phrases.MetricNotSet : string.Format(phrases.MeasuredBy, phrases.Quote(impact.Metric)));

    /// <summary>One line per phase that has supports, in phase order: "Phase II, Early Implementation: a and b."</summary>
    public static IEnumerable<string> TimelineItems(VisionContent vision, ComposerPhrases phrases) =>
        vision.SupportsInPhaseOrder
            .GroupBy(s => s.Phase)
            .Select(g => string.Format(phrases.PhaseItem,
                VisionCatalog.Phases[(int)g.Key].Numeral,
                phrases.PhaseTitle(g.Key),
                phrases.JoinList([.. g.Select(s => phrases.Quote(s.Text))])));

    private static string Quoted(IEnumerable<string> items, ComposerPhrases phrases) =>
        phrases.JoinList([.. items.Select(phrases.Quote)]);
}
