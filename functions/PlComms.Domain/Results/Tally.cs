using System.Text.Json.Serialization;
using PlComms.Contacts;
using PlComms.Surveys;

namespace PlComms.Results;

/// <summary>How results are broken down: the whole audience, each school, each language.</summary>
public enum Dimension
{
    All,
    School,
    Language,
}

/// <summary>Counts of one question's answers in one group: the 1–5 scores, each option of a choice, and how many commented.</summary>
public sealed class QuestionTally
{
    public int[] Scores { get; set; } = new int[LikertScale.Max];

    public Dictionary<string, int> Options { get; set; } = new(StringComparer.Ordinal);

    public int Comments { get; set; }

    /// <summary>How many answered this question.</summary>
    [JsonIgnore]
    public int N => Scores.Sum() + Options.Values.Sum() + Comments;

    public void Add(SurveyQuestion question, string value)
    {
        switch (question.Kind)
        {
            case QuestionKind.Likert when int.TryParse(value, out var score) && LikertScale.IsValid(score):
                Scores[score - LikertScale.Min]++;
                break;
            case QuestionKind.Choice when question.Options.Any(o => o.Id == value):
                Options[value] = Options.GetValueOrDefault(value) + 1;
                break;
            case QuestionKind.Comment when value.Length > 0:
                Comments++;
                break;
        }
    }

    public void Merge(QuestionTally other)
    {
        for (var i = 0; i < Scores.Length; i++) Scores[i] += other.Scores[i];
        foreach (var (option, count) in other.Options) Options[option] = Options.GetValueOrDefault(option) + count;
        Comments += other.Comments;
    }
}

/// <summary>One group's counts: people the wave reached, people who answered, and each question's answers.</summary>
public sealed class GroupTally
{
    public int Delivered { get; set; }

    public int Respondents { get; set; }

    public Dictionary<string, QuestionTally> Questions { get; set; } = new(StringComparer.Ordinal);

    public void Merge(GroupTally other)
    {
        Delivered += other.Delivered;
        Respondents += other.Respondents;
        foreach (var (id, tally) in other.Questions)
        {
            if (!Questions.TryGetValue(id, out var mine)) Questions[id] = mine = new QuestionTally();
            mine.Merge(tally);
        }
    }
}

/// <summary>An open comment as results keep it: the text and the groups it belongs to, never who wrote it.</summary>
public sealed record CommentEntry(string QuestionId, IReadOnlyList<string> Schools, string Language, string Text);

/// <summary>
/// A wave's counts (or one batch's), by group key: <c>all</c>, <c>school:{id}</c>, <c>language:{primary subtag}</c>.
/// Batch tallies add up to the wave's; nothing in them names a person.
/// </summary>
public sealed class WaveTally
{
    public const string AllKey = "all";

    public Dictionary<string, GroupTally> Groups { get; set; } = new(StringComparer.Ordinal);

    /// <summary>School ids to names, as the contacts' files gave them.</summary>
    public Dictionary<string, string> SchoolNames { get; set; } = new(StringComparer.Ordinal);

    public List<CommentEntry> Comments { get; set; } = [];

    public static string Key(Dimension dimension, string? value = null) => dimension switch
    {
        Dimension.All => AllKey,
        Dimension.School => "school:" + value,
        _ => "language:" + value,
    };

    public static (Dimension Dimension, string Value) Parse(string key) =>
        key == AllKey ? (Dimension.All, AllKey)
        : key.StartsWith("school:", StringComparison.Ordinal) ? (Dimension.School, key["school:".Length..])
        : (Dimension.Language, key["language:".Length..]);

    public GroupTally Group(string key)
    {
        if (!Groups.TryGetValue(key, out var group)) Groups[key] = group = new GroupTally();
        return group;
    }

    public void Merge(WaveTally other)
    {
        foreach (var (key, group) in other.Groups) Group(key).Merge(group);
        foreach (var (id, name) in other.SchoolNames) SchoolNames.TryAdd(id, name);
        Comments.AddRange(other.Comments);
    }
}

/// <summary>Someone a wave batch went to, with the groups they count in (read from their contact when aggregating).</summary>
/// <param name="Reached">Sent, and not reported bounced, blocked or dropped.</param>
public sealed record WaveRecipient(string ContactId, IReadOnlyList<SchoolRef> Schools, string Language, bool Reached);

/// <summary>One response as aggregation reads it: whose delivery (the contact id, to find their groups) and the answers.</summary>
public sealed record WaveAnswer(string ContactId, IReadOnlyDictionary<string, string> Answers);

public static class Tallies
{
    /// <summary>
    /// Counts a batch: everyone reached in each of their groups, and each answer under each group of the person who
    /// gave it. Someone who answered but is no longer a contact (erased) counts in the whole-audience group only.
    /// </summary>
    public static WaveTally Of(SurveyDefinition survey, IEnumerable<WaveRecipient> recipients, IEnumerable<WaveAnswer> answers)
    {
        var tally = new WaveTally();
        tally.Group(WaveTally.AllKey);
        var byId = new Dictionary<string, WaveRecipient>(StringComparer.Ordinal);
        foreach (var r in recipients)
        {
            byId[r.ContactId] = r;
            foreach (var s in r.Schools) tally.SchoolNames.TryAdd(s.Id, s.Name);
            if (!r.Reached) continue;
            foreach (var key in KeysOf(r)) tally.Group(key).Delivered++;
        }
        var questions = survey.Questions.ToDictionary(q => q.Id, StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            var who = byId.GetValueOrDefault(answer.ContactId);
            var keys = who is null ? [WaveTally.AllKey] : KeysOf(who);
            var answered = answer.Answers.Where(a => questions.ContainsKey(a.Key) && a.Value.Length > 0).ToList();
            if (answered.Count == 0) continue;
            foreach (var key in keys)
            {
                var group = tally.Group(key);
                group.Respondents++;
                foreach (var (id, value) in answered)
                {
                    if (!group.Questions.TryGetValue(id, out var q)) group.Questions[id] = q = new QuestionTally();
                    q.Add(questions[id], value);
                }
            }
            foreach (var (id, value) in answered.Where(a => questions[a.Key].Kind == QuestionKind.Comment))
                tally.Comments.Add(new CommentEntry(id, who?.Schools.Select(s => s.Id).ToList() ?? [], who?.Language ?? "", value));
        }
        return tally;
    }

    private static List<string> KeysOf(WaveRecipient r) =>
    [
        WaveTally.AllKey,
        .. r.Schools.Select(s => WaveTally.Key(Dimension.School, s.Id)).Distinct(),
        .. r.Language.Length == 0 ? [] : new[] { WaveTally.Key(Dimension.Language, LanguageTags.Primary(r.Language)) },
    ];
}
