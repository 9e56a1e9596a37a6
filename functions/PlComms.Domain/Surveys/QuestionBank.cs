using System.Collections.Frozen;
using System.Text.Json;
using PlComms.Messages;
using PlComms.Shared;

namespace PlComms.Surveys;

/// <summary>
/// The pulse-survey questions, held as data (<c>question-bank.json</c>, embedded) in English and Spanish: short, plain,
/// and within the parents' reading-grade ceiling the messages use (a unit test measures each one).
/// </summary>
public static class QuestionBank
{
    private static readonly Lazy<Loaded> Data = new(Load);

    public static IReadOnlyList<SurveyQuestion> All => Data.Value.Questions;

    /// <summary>Labels of the 1–5 scale, strongly disagree to strongly agree.</summary>
    public static IReadOnlyList<LocalizedText> Scale => Data.Value.Scale;

    public static SurveyQuestion? Find(string? id) => id is not null && Data.Value.ById.TryGetValue(id, out var q) ? q : null;

    public static IReadOnlyList<SurveyQuestion> For(Audience audience) => All.Where(q => q.Audience == audience).ToList();

    /// <summary>The bank's default survey for an audience: every question, in bank order (the first heads the email).</summary>
    public static IReadOnlyList<string> DefaultQuestionIds(Audience audience) => For(audience).Select(q => q.Id).ToList();

    public static LocalizedText ScaleLabel(int value) => Scale[value - LikertScale.Min];

    private sealed record Loaded(IReadOnlyList<SurveyQuestion> Questions, FrozenDictionary<string, SurveyQuestion> ById, IReadOnlyList<LocalizedText> Scale);

    private static Loaded Load()
    {
        using var stream = typeof(QuestionBank).Assembly.GetManifestResourceStream("PlComms.Surveys.question-bank.json")
            ?? throw new InvalidOperationException("The question bank resource is missing from the assembly.");
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        var scale = Enumerable.Range(LikertScale.Min, LikertScale.Max).Select(i => Text(root.GetProperty("scale").GetProperty(i.ToString()))).ToList();
        var questions = new List<SurveyQuestion>();
        foreach (var q in root.GetProperty("questions").EnumerateArray())
        {
            var options = q.TryGetProperty("options", out var o)
                ? o.EnumerateArray().Select(x => new QuestionOption(x.GetProperty("id").GetString()!, Text(x))).ToList()
                : [];
            questions.Add(new SurveyQuestion(
                q.GetProperty("id").GetString()!,
                WireName<Audience>.Parse(q.GetProperty("audience").GetString()!),
                WireName<QuestionKind>.Parse(q.GetProperty("kind").GetString()!),
                q.GetProperty("topic").GetString()!,
                Text(q),
                options));
        }
        return new Loaded(questions, questions.ToFrozenDictionary(q => q.Id, StringComparer.Ordinal), scale);
    }

    private static LocalizedText Text(JsonElement e) => new(e.GetProperty("en").GetString()!, e.GetProperty("es").GetString()!);
}
