using System.Text.Json;
using System.Text.RegularExpressions;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.WebApp;

namespace PlComms.IntegrationTests.Platform;

/// <summary>The survey, results and follow-up pages' words exist in English and Spanish, every key they use included.</summary>
public sealed class SurveyPagesTextTests
{
    private static readonly string[] Folders = ["functions/PlComms/Surveys/Pages", "functions/PlComms/Results/Pages"];

    [Fact]
    public void Every_key_of_the_survey_and_results_text_files_is_in_both_languages_and_not_empty()
    {
        foreach (var folder in Folders)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, folder), "*.ui.json"))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                var en = doc.RootElement.GetProperty("en").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
                var es = doc.RootElement.GetProperty("es").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
                Assert.Equal(en.Keys.Order(), es.Keys.Order());
                Assert.All(en.Concat(es), kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), $"{file}: {kv.Key} is empty."));
                // The app's merged resources hold them (keys are unique across features, or loading would throw).
                Assert.All(en.Keys, k => Assert.True(UiText.Resources["en"].ContainsKey(k) && UiText.Resources["es"].ContainsKey(k), k));
            }
        }
    }

    [Fact]
    public void Every_key_the_survey_and_results_pages_name_exists()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in Folders)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, folder)).Where(f => f.EndsWith(".razor") || f.EndsWith(".cs")))
            {
                var text = File.ReadAllText(file);
                foreach (Match m in Regex.Matches(text, "Text(?:\\.Format\\(|\\[)\"([a-z0-9.\\-]+)\"")) used.Add(m.Groups[1].Value);
            }
        }
        Assert.NotEmpty(used);
        // Keys a page builds from a value: every value of each enum it shows has its text.
        used.RemoveWhere(k => k.EndsWith('.'));
        void Each<T>(string prefix, IEnumerable<T>? only = null) where T : struct, Enum =>
            used.UnionWith((only ?? Enum.GetValues<T>()).Select(v => prefix + PlComms.Shared.WireName<T>.Of(v)));
        Each<PlComms.Surveys.SurveyStatus>("surveys.status.");
        Each<PlComms.Surveys.WaveStatus>("surveys.wavestatus.");
        Each<PlComms.Campaigns.CampaignStatus>("surveys.send.");
        Each<PlComms.Surveys.QuestionKind>("surveys.kind.");
        Each<PlComms.Messages.Language>("surveys.language.");
        Each("surveys.audience.", [PlComms.Shared.Audience.Parents, PlComms.Shared.Audience.Teachers]);
        Each<PlComms.Results.IndexStatus>("results.status.");
        Each<PlComms.Results.FollowUpActionKind>("results.action.");
        Each<PlComms.Results.FollowUpActionKind>("followups.action.");
        Each<PlComms.Results.Dimension>("followups.dimension.");
        var missing = used.Where(k => !UiText.Resources["en"].ContainsKey(k) || !UiText.Resources["es"].ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Missing UI text: " + string.Join(", ", missing));
    }
}
