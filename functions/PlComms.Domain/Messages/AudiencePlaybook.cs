using PlComms.Shared;

namespace PlComms.Messages;

/// <summary>
/// A passage of a seed document, quoted exactly (apart from line breaks), so a test can prove that
/// what a playbook says an audience cares about or fears is what the seeds say.
/// </summary>
/// <param name="Seed">The seed file's number: "000" to "004".</param>
public sealed record SeedQuote(string Seed, string Text);

/// <summary>Something a message says, written for the audience, with the seed passage it rests on.</summary>
public sealed record PlaybookPoint(LocalizedText Text, SeedQuote Basis);

/// <summary>Parts of the vision, beyond focus, impacts and shifts, that an audience's message carries.</summary>
[Flags]
public enum VisionDetails
{
    None = 0,
    /// <summary>The implementation supports, in the author's order.</summary>
    Supports = 1,
    /// <summary>Short- and long-term impacts with their metrics: the board's success criteria.</summary>
    SuccessCriteria = 2,
    /// <summary>The supports grouped by implementation phase.</summary>
    Timeline = 4,
}

/// <summary>
/// How to write for one audience, as data. Concerns and fears are the seeds' own words; the points
/// to stress and the call to action are written for the audience and each names its seed basis.
/// </summary>
/// <param name="Name">How messages name the audience ("families", "community partners").</param>
/// <param name="ReadingGradeCeiling">Highest Flesch–Kincaid grade allowed for English prose.</param>
/// <param name="Emphasis">Body sections in the order channels present them, most important first.</param>
/// <param name="SeesAllShifts">
/// Whether the audience gets every shift, labelled with whom it concerns, instead of only its own.
/// The board governs the whole rollout, so it needs the whole picture.
/// </param>
/// <param name="WhyLead">Opens the "why" section, before the vision's focus and impacts.</param>
/// <param name="WhatItMeansLabel">The heading channels give the "what it means for you" section.</param>
public sealed record AudiencePlaybook(
    Audience Audience,
    LocalizedText Name,
    IReadOnlyList<SeedQuote> CaresAbout,
    IReadOnlyList<SeedQuote> Fears,
    IReadOnlyList<PlaybookPoint> Stress,
    int ReadingGradeCeiling,
    IReadOnlyList<MessageSection> Emphasis,
    VisionDetails Details,
    bool SeesAllShifts,
    LocalizedText Headline,
    PlaybookPoint WhyLead,
    LocalizedText WhatItMeansLabel,
    PlaybookPoint CallToAction)
{
    /// <summary>
    /// Lowest Fernández-Huerta reading ease allowed for Spanish prose. Fernández-Huerta uses Flesch's
    /// 0–100 scale, on which 70–80 ("bastante fácil") reads at about grade 7 and 60–70 ("normal") at
    /// grades 8–9. Grade-8 audiences get 70, leaving a margin because the mapping is approximate;
    /// grade-12 audiences get 60, stricter than their English ceiling because plain Spanish also
    /// serves staff and board members whose first language is not Spanish.
    /// </summary>
    public double SpanishReadingEaseFloor => ReadingGradeCeiling <= 8 ? 70 : 60;

    /// <summary>
    /// Parents, students and community partners read seed 000's suggestions in their plain family wording and
    /// its professional vocabulary counts as jargon for them; teachers and the board read the seed's own wording.
    /// </summary>
    public bool UsesFamilyWording => Audience is Audience.Parents or Audience.Students or Audience.Community;

    /// <summary>The playbook's lines for seed 001's classroom themes (see <see cref="ClassroomLine"/>).</summary>
    public IReadOnlyList<ClassroomLine> Classroom => AudiencePlaybooks.ClassroomLinesFor(Audience);

    /// <summary>Audiences whose shifts this one may be told when it has none of its own.</summary>
    public IReadOnlyList<Audience> SharesShiftsOf => AudiencePlaybooks.SharedShiftsFor(Audience);

    /// <summary>Every phrase in the playbook, in both languages; grounding accepts what appears here.</summary>
    public IEnumerable<string> AllText()
    {
        foreach (var t in new[] { Name, Headline, WhatItMeansLabel }) { yield return t.En; yield return t.Es; }
        foreach (var q in CaresAbout.Concat(Fears)) yield return q.Text;
        foreach (var p in Stress.Append(WhyLead).Append(CallToAction).Concat(Classroom.SelectMany(c => new[] { c.Changes, c.StaysTheSame })))
        {
            yield return p.Text.En;
            yield return p.Text.Es;
            yield return p.Basis.Text;
        }
    }
}
