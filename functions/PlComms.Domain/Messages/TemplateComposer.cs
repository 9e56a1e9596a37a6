using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.Messages;

/// <summary>
/// The deterministic composer: writes a structured message from the vision and the audience's
/// playbook, with no network and no randomness. It states nothing that is in neither. The lists are
/// the vision's shifts word for word when it has shifts for the audience (or for everyone); when it
/// has none, they restate what the vision says elsewhere for the audience: the shifts of audiences
/// whose news it may share (see <see cref="AudiencePlaybook.SharesShiftsOf"/>), the supports that
/// touch it, and the playbook's classroom lines for the themes the vision's items touch. Prose joins
/// the playbook's phrases to the vision's focus, impacts and supports, each in the audience's wording
/// (<see cref="ItemWordings"/>). Spanish is written from Spanish phrases and the vision's Spanish
/// wording; an item with none is «quoted» as written and the language guardrail blocks the message.
/// </summary>
public static class TemplateComposer
{
    /// <summary>Most items a list gets when it restates the vision for an audience without shifts of its own.</summary>
    public const int MaxRestatedChanges = 4;

    public const int MaxRestatedStaysTheSame = 3;

    /// <param name="districtContact">Who to contact ("Ana Ruiz, 555-0100"); the contact line names the district office when it is missing.</param>
    public static StructuredMessage Compose(VisionContent vision, Audience audience, Language language, string? districtContact = null)
    {
        var playbook = AudiencePlaybooks.For(audience);
        var phrases = ComposerPhrases.For(language);
        var (changes, same) = Lists(vision, playbook, phrases);

        return new StructuredMessage(
            audience,
            language,
            Headline: playbook.Headline.In(language),
            WhatChanges: changes,
            WhatStaysTheSame: same,
            Why: Why(vision, playbook, phrases),
            WhatItMeansForYou: WhatItMeans(vision, playbook, phrases),
            NextStep: playbook.CallToAction.Text.In(language),
            ContactLine: string.IsNullOrWhiteSpace(districtContact)
                ? phrases.DefaultContact
                : string.Format(phrases.ContactWith, districtContact.Trim().TrimEnd('.')));
    }

    /// <summary>The shifts tagged for the audience or for no one in particular; every shift when the playbook asks for the whole picture.</summary>
    public static IEnumerable<Shift> ShiftsFor(VisionContent vision, AudiencePlaybook playbook) =>
        OwnShifts(vision, playbook).Select(i => vision.Shifts[i]);

    private static IEnumerable<int> OwnShifts(VisionContent vision, AudiencePlaybook playbook) =>
        Enumerable.Range(0, vision.Shifts.Count).Where(i =>
            playbook.SeesAllShifts || vision.Shifts[i].Audiences.Count == 0 || vision.Shifts[i].Audiences.Contains(playbook.Audience));

    /// <summary>"What changes" and "what stays the same" for the audience (see the class summary for where they come from).</summary>
    public static (List<string> Changes, List<string> StaysTheSame) Lists(VisionContent vision, AudiencePlaybook playbook, ComposerPhrases phrases)
    {
        var language = (MessageLanguage)phrases.Language;
        var own = OwnShifts(vision, playbook).ToList();
        if (own.Count > 0)
        {
            return (
                Distinct(own.Select(i => ShiftItem(vision, i, VisionItem.ShiftChanges(vision, i), playbook, phrases))),
                Distinct(own.Select(i => ShiftItem(vision, i, VisionItem.ShiftStaysTheSame(vision, i), playbook, phrases))));
        }

        var shared = SharedShifts(vision, playbook, language).ToList();
        var themes = ThemesOf(vision);
        var lines = playbook.Classroom.Where(c => themes.HasFlag(c.Theme)).ToList();

        var changes = shared.Select(i => ItemWordings.For(VisionItem.ShiftChanges(vision, i), language, playbook).Text.Trim())
            .Concat(SupportsTouching(vision, playbook.Audience)
                .Select(i => string.Format(phrases.PlanIncludes, phrases.Words(ItemWordings.For(VisionItem.Support(vision, i), language, playbook)))))
            .Concat(lines.Select(c => c.Changes.Text.In(phrases.Language)));
        var same = shared.Select(i => ItemWordings.For(VisionItem.ShiftStaysTheSame(vision, i), language, playbook).Text.Trim())
            .Concat(lines.Select(c => c.StaysTheSame.Text.In(phrases.Language)));
        return ([.. Distinct(changes).Take(MaxRestatedChanges)], [.. Distinct(same).Take(MaxRestatedStaysTheSame)]);
    }

    private static string ShiftItem(VisionContent vision, int index, VisionItem item, AudiencePlaybook playbook, ComposerPhrases phrases)
    {
        var text = ItemWordings.For(item, phrases.Language, playbook).Text.Trim();
        if (!playbook.SeesAllShifts) return text;
        var shift = vision.Shifts[index];
        var names = shift.Audiences.Count == 0
            ? phrases.Everyone
            : phrases.JoinList([.. shift.Audiences.Select(a => AudiencePlaybooks.For(a).Name.In(phrases.Language))]);
        return string.Format(phrases.ForAudiences, names, text);
    }

    /// <summary>
    /// Shifts for the audiences whose news this audience may hear, written about students rather than to their own
    /// readers, in the order the vision gives them.
    /// </summary>
    public static IEnumerable<int> SharedShifts(VisionContent vision, AudiencePlaybook playbook, MessageLanguage language) =>
        Enumerable.Range(0, vision.Shifts.Count).Where(i =>
            vision.Shifts[i].Audiences.Any(playbook.SharesShiftsOf.Contains)
            && !AddressesItsReader(vision.Shifts[i].Changes) && !AddressesItsReader(vision.Shifts[i].StaysTheSame)
            && !AddressesItsReader(ItemWordings.For(VisionItem.ShiftChanges(vision, i), language, playbook).Text)
            && !AddressesItsReader(ItemWordings.For(VisionItem.ShiftStaysTheSame(vision, i), language, playbook).Text));

    private static readonly HashSet<string> SecondPerson = new(StringComparer.Ordinal)
    {
        "you", "your", "yours", "yourself", "yourselves", "usted", "ustedes", "tu", "tus", "ti", "contigo", "vosotros",
    };

    /// <summary>True when the text speaks to its reader ("you can expect", "su hijo"), so it cannot be restated for someone else.</summary>
    public static bool AddressesItsReader(string text) =>
        VisionComparison.Normalize(text).Split(' ').Any(SecondPerson.Contains) || text.Contains("su hijo", StringComparison.OrdinalIgnoreCase);

    /// <summary>Supports that concern the audience: seed 000 suggestions by their data, the district's own by naming it.</summary>
    public static IEnumerable<int> SupportsTouching(VisionContent vision, Audience audience) =>
        Enumerable.Range(0, vision.Supports.Count).Where(i =>
        {
            var support = vision.Supports[i];
            if (VisionCatalog.Match(CatalogList.Support, support.Text) is { } catalog) return catalog.Touches.Contains(audience);
            var words = VisionComparison.Normalize(support.Text).Split(' ');
            return audience switch
            {
                Audience.Parents => words.Any(w => w.StartsWith("famil", StringComparison.Ordinal) || w.StartsWith("parent", StringComparison.Ordinal) || w.StartsWith("guardian", StringComparison.Ordinal)),
                Audience.Community => words.Any(w => w.StartsWith("communit", StringComparison.Ordinal) || w.StartsWith("partner", StringComparison.Ordinal) || w.StartsWith("employer", StringComparison.Ordinal)),
                _ => false,
            };
        });

    /// <summary>
    /// The classroom themes (seed 001) the vision touches: a seed 000 suggestion's by its data, the district's own
    /// words by the themes' vocabulary in seeds 001 and 003.
    /// </summary>
    public static ClassroomThemes ThemesOf(VisionContent vision)
    {
        var themes = ClassroomThemes.None;
        foreach (var item in VisionItem.All(vision).Where(i => i.Kind != VisionItemKind.Metric))
            themes |= item.Catalog is { } catalog ? catalog.Themes : ThemeWords.Of(item.Text);
        return themes;
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
            sentences.Add(string.Format(phrases.OurFocus, Joined(Enumerable.Range(0, vision.Focus.Count).Select(i => VisionItem.Focus(vision, i)), playbook, phrases)));

        // The board reads the impacts as success criteria in the next section; saying them twice adds length, not meaning.
        if (playbook.Details.HasFlag(VisionDetails.SuccessCriteria))
        {
            if (vision.ShortTermImpacts.Count + vision.LongTermImpacts.Count > 0) sentences.Add(phrases.SeeCriteria);
        }
        else
        {
            if (vision.ShortTermImpacts.Count > 0)
                sentences.Add(string.Format(phrases.ShortTermHope, Joined(ShortTerm(vision), playbook, phrases)));
            if (vision.LongTermImpacts.Count > 0)
                sentences.Add(string.Format(phrases.LongTermHope, Joined(LongTerm(vision), playbook, phrases)));
        }
        return string.Join(" ", sentences);
    }

    private static IEnumerable<VisionItem> ShortTerm(VisionContent vision) =>
        vision.ShortTermImpacts.Select((impact, i) => VisionItem.Impact(impact, VisionItemKind.ShortTermImpact, i, "short-term impact", "impacts.shortTerm"));

    private static IEnumerable<VisionItem> LongTerm(VisionContent vision) =>
        vision.LongTermImpacts.Select((impact, i) => VisionItem.Impact(impact, VisionItemKind.LongTermImpact, i, "long-term impact", "impacts.longTerm"));

    private static string WhatItMeans(VisionContent vision, AudiencePlaybook playbook, ComposerPhrases phrases)
    {
        var language = phrases.Language;
        var sentences = playbook.Stress.Select(p => p.Text.In(language)).ToList();

        if (playbook.Details.HasFlag(VisionDetails.Supports) && vision.Supports.Count > 0)
        {
            sentences.Add(string.Format(phrases.SupportsFirst, phrases.Words(ItemWordings.For(VisionItem.Support(vision, 0), language, playbook))));
            for (var i = 1; i < vision.Supports.Count; i++)
                sentences.Add(string.Format(phrases.SupportsMore, phrases.Words(ItemWordings.For(VisionItem.Support(vision, i), language, playbook))));
        }

        if (playbook.Details.HasFlag(VisionDetails.SuccessCriteria))
        {
            // Criteria come first: the stress points explain how to read them.
            var criteria = vision.ShortTermImpacts.Select((impact, i) => Criterion(phrases.ShortTerm, impact, i, "short-term impact", "impacts.shortTerm", VisionItemKind.ShortTermImpact, playbook, phrases))
                .Concat(vision.LongTermImpacts.Select((impact, i) => Criterion(phrases.LongTerm, impact, i, "long-term impact", "impacts.longTerm", VisionItemKind.LongTermImpact, playbook, phrases)));
            sentences.InsertRange(0, criteria);
        }

        if (playbook.Details.HasFlag(VisionDetails.Timeline) && vision.Supports.Count > 0)
        {
            sentences.Add(phrases.TimelineLead);
            sentences.AddRange(TimelineItems(vision, phrases, playbook.UsesFamilyWording));
        }
        return string.Join(" ", sentences);
    }

    private static string Criterion(string horizon, Impact impact, int index, string name, string field, VisionItemKind kind, AudiencePlaybook playbook, ComposerPhrases phrases)
    {
        var text = phrases.Words(ItemWordings.For(VisionItem.Impact(impact, kind, index, name, field), phrases.Language, playbook));
        var metric = VisionItem.Metric(impact, index, name, field) is { } m
            ? string.Format(phrases.MeasuredBy, phrases.Words(ItemWordings.For(m, phrases.Language, playbook)))
            : phrases.MetricNotSet;
        return string.Format(phrases.Criterion, horizon, text, metric);
    }

    /// <summary>One line per phase that has supports, in phase order: "Phase II, Early Implementation: a and b."</summary>
    public static IEnumerable<string> TimelineItems(VisionContent vision, ComposerPhrases phrases, bool familyWording = false) =>
        Enumerable.Range(0, vision.Supports.Count)
            .Select(i => (Index: i, Support: vision.Supports[i]))
            .OrderBy(x => x.Support.Phase).ThenBy(x => x.Index)
            .GroupBy(x => x.Support.Phase)
            .Select(g => string.Format(phrases.PhaseItem,
                VisionCatalog.Phases[(int)g.Key].Numeral,
                phrases.PhaseTitle(g.Key),
                phrases.JoinList([.. g.Select(x => phrases.Words(ItemWordings.For(VisionItem.Support(vision, x.Index), phrases.Language, familyWording)))])));

    private static string Joined(IEnumerable<VisionItem> items, AudiencePlaybook playbook, ComposerPhrases phrases) =>
        phrases.JoinList([.. items.Select(i => phrases.Words(ItemWordings.For(i, phrases.Language, playbook)))]);
}

/// <summary>
/// Seed 001's and 003's vocabulary for the four classroom themes, to tell which themes the district's own words
/// touch. Matched on whole normalised words, by prefix ("tailor" matches "tailored").
/// </summary>
public static class ThemeWords
{
    private static readonly (ClassroomThemes Theme, string[] Prefixes)[] Vocabulary =
    [
        (ClassroomThemes.What, ["standard", "goal", "interest", "curricul", "coursework", "course", "skill", "content", "subject", "competenc"]),
        (ClassroomThemes.How, ["tailor", "choice", "voice", "project", "engag", "differentiat", "independen", "collaborat", "feedback", "individual", "inquiry", "self"]),
        (ClassroomThemes.WhenAndWhere, ["pace", "pacing", "online", "device", "schedul", "anytime", "anywhere", "internship", "remote", "virtual", "flexib", "technolog"]),
        (ClassroomThemes.Assessment, ["credit", "mastery", "grades", "grading", "portfolio", "progress", "capstone"]),
    ];

    public static ClassroomThemes Of(string text)
    {
        var words = VisionComparison.Normalize(text).Split(' ');
        var themes = ClassroomThemes.None;
        foreach (var (theme, prefixes) in Vocabulary)
            if (words.Any(w => prefixes.Any(p => w.StartsWith(p, StringComparison.Ordinal)))) themes |= theme;
        return themes;
    }
}
