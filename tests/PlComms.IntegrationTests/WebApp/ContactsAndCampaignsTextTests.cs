using System.Text.Json;
using System.Text.RegularExpressions;
using PlComms.Campaigns;
using PlComms.Contacts;
using PlComms.Delivery;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Shared;
using PlComms.WebApp;

namespace PlComms.IntegrationTests.WebApp;

/// <summary>
/// The contacts and campaigns pages' words exist in English and in Spanish: every key their sources name, and every key
/// they build from a value (a role, a status, a batch state, a progress figure…).
/// </summary>
public sealed partial class ContactsAndCampaignsTextTests
{
    private static readonly string[] Folders = [Path.Combine("Contacts", "Pages"), Path.Combine("Campaigns", "Pages")];

    public static TheoryData<string> Languages => new(UiText.Languages);

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_key_the_pages_name_has_a_text(string language)
    {
        var named = Folders
            .SelectMany(f => Directory.GetFiles(Path.Combine(RepoPaths.Root, "functions", "PlComms", f)).Where(p => p.EndsWith(".razor", StringComparison.Ordinal) || p.EndsWith(".cs", StringComparison.Ordinal)))
            .SelectMany(p => KeyPattern().Matches(File.ReadAllText(p)).Select(m => m.Groups[1].Value))
            .Where(k => !k.EndsWith('.'))
            .Distinct()
            .ToList();
        Assert.True(named.Count > 100, $"Only {named.Count} keys found; is the pattern still right?");
        var texts = UiText.Resources[language];
        var missing = named.Where(k => !texts.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"No {language} text for: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_key_built_from_a_value_has_a_text(string language)
    {
        var built = new[]
        {
            Each<ContactRole>("contacts.role."), Each<ContactSource>("contacts.source."), Each<ImportFormat>("contacts.format."),
            Each<SuppressionScope>("contacts.scope."), Each<SuppressionReason>("contacts.reason."), Each<SendKind>("campaigns.kind."),
            Each<CampaignStatus>("campaigns.status."), Each<BatchState>("campaigns.batch.state."), Each<Audience>("campaigns.audience."),
            Each<PlComms.Messages.Language>("campaigns.language."), Each<CampaignRefusal>("campaigns.refused."),
            typeof(CampaignProgress).GetProperties().Select(p => "campaigns.progress." + JsonNamingPolicy.KebabCaseLower.ConvertName(p.Name)),
            PlComms.Contacts.Pages.ImportPage.Columns.Select(c => "contacts.import.col." + c.Column),
        }.SelectMany(k => k).ToList();
        var texts = UiText.Resources[language];
        var missing = built.Where(k => !texts.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"No {language} text for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Spanish_is_written_for_the_pages_not_copied_from_English()
    {
        var en = UiText.Resources["en"];
        var es = UiText.Resources["es"];
        var ours = en.Keys.Where(k => k.StartsWith("contacts.", StringComparison.Ordinal) || k.StartsWith("campaigns.", StringComparison.Ordinal)).ToList();
        // Names of formats and codes (OneRoster, "{0} is suppressed."-like patterns) may match; sentences may not.
        var same = ours.Where(k => en[k] == es[k] && en[k].Contains(' ', StringComparison.Ordinal)).ToList();
        Assert.True(same.Count == 0, "The same in both languages: " + string.Join(", ", same));
    }

    private static IEnumerable<string> Each<T>(string prefix) where T : struct, Enum => WireName<T>.All.Select(w => prefix + w);

    [GeneratedRegex("\"((?:contacts|campaigns)\\.[a-z0-9_.\\-]+)\"")]
    private static partial Regex KeyPattern();
}
