using PlComms.Messages;
using PlComms.Shared;
using PlComms.Visions;
using Xunit.Abstractions;

namespace PlComms.UnitTests.Messages;

/// <summary>
/// Issue 10's acceptance on visions other than the demo (<see cref="VisionFixtures"/>): every audience × language,
/// rendered for every channel, through the guardrails.
/// </summary>
public sealed class VisionFixtureTests(ITestOutputHelper output)
{
    private static readonly Audience[] FamilyAudiences = [Audience.Parents, Audience.Students, Audience.Community];

    public static TheoryData<string, Audience, Language> Messages() => Combinations(Enum.GetValues<Audience>(), Enum.GetValues<Language>());

    public static TheoryData<string, Audience, Language> SpanishMessages() => Combinations(Enum.GetValues<Audience>(), [Language.Es]);

    public static TheoryData<string, Audience, Language> FamilyEnglishMessages() => Combinations(FamilyAudiences, [Language.En]);

    private static TheoryData<string, Audience, Language> Combinations(IEnumerable<Audience> audiences, IEnumerable<Language> languages)
    {
        var data = new TheoryData<string, Audience, Language>();
        foreach (var f in VisionFixtures.All)
            foreach (var a in audiences)
                foreach (var l in languages) data.Add(f.Name, a, l);
        return data;
    }

    private static VisionFixtures.Fixture Fixture(string name) => VisionFixtures.All.Single(f => f.Name == name);


    [Fact]
    public void The_fixtures_use_every_catalog_suggestion_and_vary_focus_shifts_and_translations()
    {
        var used = VisionFixtures.All.SelectMany(f => VisionItem.All(f.Vision)).Select(i => i.Catalog).OfType<CatalogSuggestion>().ToHashSet();
        var unused = VisionCatalog.Suggestions.Where(s => !used.Contains(s)).Select(s => s.Text).ToList();
        Assert.True(unused.Count == 0, "Catalog suggestions no fixture uses: " + string.Join("; ", unused));

        Assert.True(VisionFixtures.All.Count >= 6);
        Assert.Equal(Enum.GetValues<FocusCategory>().Length, VisionFixtures.All.SelectMany(f => f.Vision.Focus).Select(f => f.Category).Distinct().Count());
        Assert.Contains(VisionFixtures.All, f => f.Vision.Shifts.Count == 0);
        Assert.Contains(VisionFixtures.All, f => f.Vision.Shifts.Count > 0 && f.Vision.Shifts.All(s => s.Audiences.Count is > 0 and < 5));
        var ownWords = VisionFixtures.All.SelectMany(f => VisionItem.All(f.Vision)).Where(i => i.Catalog is null).ToList();
        Assert.Contains(ownWords, i => i.TranslationFor("es") is not null);
        Assert.Contains(ownWords, i => i.TranslationFor("es") is null);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_passes_or_is_blocked_only_by_what_the_vision_lacks(string fixture, Audience audience, Language language)
    {
        var f = Fixture(fixture);
        var draft = MessageDrafts.Compose(f.Vision, audience, language);
        Assert.Equal(ChannelRenderer.AllChannels, draft.Renderings.Select(r => r.Channel));

        foreach (var v in draft.Report.Blocking)
        {
            switch (v.Code)
            {
                case GuardrailCodes.Untranslated:
                    // Names an item that has no Spanish in the vision, and the field to put it in.
                    Assert.Equal(Language.Es, language);
                    var item = Assert.Single(VisionItem.All(f.Vision), i => v.Suggestion!.Contains($"({i.TranslationsField}.es in the vision)", StringComparison.Ordinal)
                        && v.Suggestion.Contains($" {i.Label} '", StringComparison.Ordinal));
                    Assert.False(ItemWordings.HasWording(item, MessageLanguage.Es), $"{item.Label} has Spanish, yet: {v.Message}");
                    Assert.StartsWith($"Add a Spanish translation for {item.Label} '{item.Text}'", v.Suggestion, StringComparison.Ordinal);
                    break;
                case GuardrailCodes.SectionMissing:
                    Assert.Contains(v.Section!.Value, StructuredMessage.ListSections);
                    Assert.StartsWith($"Add a shift for {AudiencePlaybooks.For(audience).Name.En} (or one for everyone) to the vision", v.Suggestion, StringComparison.Ordinal);
                    break;
                default:
                    Assert.Fail($"{fixture} {audience}/{language}: blocked by {v.Code} ({v.Section}{v.Channel}): {v.Message}");
                    break;
            }
        }

        var untranslated = draft.Report.Blocking.Count(v => v.Code == GuardrailCodes.Untranslated);
        if (language == Language.En || f.SpanishComplete) Assert.Equal(0, untranslated);
        else if (VisionItem.All(f.Vision).Any(i => !ItemWordings.HasWording(i, MessageLanguage.Es) && draft.Renderings.Any(r => Quotes(r.Text, i.Text))))
            Assert.True(untranslated > 0, "An item without Spanish is quoted, but nothing blocks.");
        if (f.ListsComplete)
        {
            Assert.NotEmpty(draft.Message.WhatChanges);
            Assert.NotEmpty(draft.Message.WhatStaysTheSame);
        }
        else
        {
            Assert.Contains(draft.Report.Blocking, v => v.Code == GuardrailCodes.SectionMissing);
        }
    }

    [Theory]
    [MemberData(nameof(SpanishMessages))]
    public void No_Spanish_message_that_could_be_approved_has_an_English_sentence_clause_or_item(string fixture, Audience audience, Language language)
    {
        var f = Fixture(fixture);
        var draft = MessageDrafts.Compose(f.Vision, audience, language);
        var texts = Enum.GetValues<MessageSection>().Select(draft.Message.TextOf).Concat(draft.Renderings.Select(r => r.Text)).ToList();

        var english = texts.SelectMany(LanguageCheck.Stretches).Where(s => LanguageCheck.Detect(s) == "en").Distinct().ToList();
        var items = VisionItem.All(f.Vision)
            .Where(i => ItemWordings.For(i, MessageLanguage.Es, AudiencePlaybooks.For(audience)).Text != i.Text && VisionComparison.Normalize(i.Text).Contains(' '))
            .Where(i => texts.Any(t => Quotes(t, i.Text))).Select(i => i.Text).ToList();

        if (draft.Report.Passes)
        {
            Assert.True(english.Count == 0, "English in a Spanish message: " + string.Join(" | ", english));
            Assert.True(items.Count == 0, "English items in a Spanish message: " + string.Join(" | ", items));
        }
        else
        {
            // What English there is, is what the report blocks on.
            Assert.True(english.Count + items.Count == 0 || draft.Report.Blocking.Any(v => v.Code == GuardrailCodes.Untranslated));
        }
        if (f.SpanishComplete) Assert.Empty(english);
    }

    [Theory]
    [MemberData(nameof(FamilyEnglishMessages))]
    public void Family_English_messages_read_at_grade_8_or_below_with_no_jargon(string fixture, Audience audience, Language language)
    {
        var draft = MessageDrafts.Compose(Fixture(fixture).Vision, audience, language);
        var whole = string.Join("\n", Enum.GetValues<MessageSection>().Select(draft.Message.TextOf));
        var email = draft.Renderings.Single(r => r.Channel == Channel.Email).Text;
        var grade = Readability.FleschKincaidGrade(whole);
        var emailGrade = Readability.FleschKincaidGrade(email);
        output.WriteLine($"{fixture} {audience}: message grade {grade:0.0}, email grade {emailGrade:0.0}");

        Assert.InRange(grade, 0, 8);
        Assert.InRange(emailGrade, 0, 8);
        var jargon = draft.Renderings.SelectMany(r => Jargon.Find(r.Text)).Select(h => h.Found)
            .Concat(Enum.GetValues<MessageSection>().SelectMany(s => Jargon.Find(draft.Message.TextOf(s))).Select(h => h.Found)).ToList();
        Assert.True(jargon.Count == 0, "Jargon: " + string.Join(", ", jargon));
        Assert.DoesNotContain(draft.Report.Violations, v => v.Code == GuardrailCodes.Jargon);
    }

    [Fact]
    public void Family_English_messages_average_grade_7_or_below_on_every_fixture()
    {
        foreach (var f in VisionFixtures.All)
        {
            var grades = FamilyAudiences.Select(a => MessageDrafts.Compose(f.Vision, a, Language.En).Message)
                .Select(m => Readability.FleschKincaidGrade(string.Join("\n", Enum.GetValues<MessageSection>().Select(m.TextOf)))).ToList();
            output.WriteLine($"{f.Name}: {string.Join(", ", grades.Select(g => g.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))}");
            Assert.InRange(grades.Average(), 0, 7);
        }
    }

    private static bool Quotes(string text, string item)
    {
        var key = VisionComparison.Normalize(item);
        return key.Length > 0 && (" " + VisionComparison.Normalize(text) + " ").Contains(" " + key + " ", StringComparison.Ordinal);
    }
}
