using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlComms.IntegrationTests.Surveys;
using PlComms.Surveys;

namespace PlComms.IntegrationTests.Results;

/// <summary>
/// The results tests' district: schools of twelve, seven and three parents (the last too small to show, the middle one
/// hidden with it so it cannot be worked out by subtraction) and a parents' survey of all three without reminders.
/// </summary>
public sealed record ThreeSchoolDistrict(string Big, string Mid, string Tiny, string SurveyId)
{
    public IReadOnlyList<string> Schools => [Big, Mid, Tiny];

    public static async Task<ThreeSchoolDistrict> CreateAsync(SurveyFixture fixture)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var district = new ThreeSchoolDistrict($"big-{tag}", $"mid-{tag}", $"tiny-{tag}", "");
        await fixture.SeedAsync(district.Big, 12);
        await fixture.SeedAsync(district.Mid, 7);
        await fixture.SeedAsync(district.Tiny, 3);
        var surveyId = await fixture.CreateSurveyAsync(district.Big, change: b =>
        {
            b["segment"] = new JsonObject { ["role"] = "parent", ["schools"] = new JsonArray(district.Big, district.Mid, district.Tiny) };
            b["reminders"] = new JsonObject { ["count"] = 0 };
        });
        return district with { SurveyId = surveyId };
    }

    /// <summary>Records answers straight into storage for the first <paramref name="count"/> people of a school who got the wave.</summary>
    public static async Task AnswerAsync(SurveyFixture fixture, string waveId, string school, int count, Func<int, (int Awareness, int Understanding)> scores, bool comments = false)
    {
        var emails = fixture.Emails(waveId, school).OrderBy(m => m.To.Mailboxes.Single().Address, StringComparer.Ordinal).Take(count).ToList();
        Assert.Equal(count, emails.Count);
        var responses = fixture.Services.GetRequiredService<ResponseStore>();
        for (var i = 0; i < emails.Count; i++)
        {
            var (awareness, understanding) = scores(i);
            var answers = new Dictionary<string, string>
            {
                ["parent-awareness"] = awareness.ToString(),
                ["parent-understanding"] = understanding.ToString(),
            };
            if (comments) answers["parent-comment"] = $"Comment {i} from {school}";
            await responses.RecordAsync(new StoredResponse(emails[i].Headers["X-PlComms-Delivery-Id"]!, "", 0, new SurveyAnswers(answers),
                ResponseChannel.Form, "en", fixture.Clock.GetUtcNow()), CancellationToken.None);
        }
    }
}
