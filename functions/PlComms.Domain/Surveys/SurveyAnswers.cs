using PlComms.Shared;

namespace PlComms.Surveys;

/// <summary>How an answer arrived: the page's script sending the answer chosen in the email, or the person submitting the form.</summary>
public enum ResponseChannel
{
    EmailClick,
    Form,
}

/// <summary>One person's answers to a wave, by question id: "1"–"5" for agree/disagree, an option id for a choice, text for a comment.</summary>
public sealed record SurveyAnswers(IReadOnlyDictionary<string, string> Values)
{
    public int? Score(string questionId) => Values.TryGetValue(questionId, out var v) && int.TryParse(v, out var n) && LikertScale.IsValid(n) ? n : null;
}

/// <summary>Reads a submitted survey form: fields <c>q-{questionId}</c>, only for the survey's own questions.</summary>
public static class SurveyAnswerParser
{
    public const string FieldPrefix = "q-";
    public const int MaxCommentLength = 1000;

    public static string FieldName(string questionId) => FieldPrefix + questionId;

    public static ValidationResult<SurveyAnswers> Parse(SurveyDefinition survey, IReadOnlyDictionary<string, string?> fields)
    {
        var errors = new ValidationErrors();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in survey.Questions)
        {
            var field = FieldName(question.Id);
            if (!fields.TryGetValue(field, out var raw) || string.IsNullOrWhiteSpace(raw)) continue;
            switch (question.Kind)
            {
                case QuestionKind.Likert:
                    if (int.TryParse(raw.Trim(), out var n) && LikertScale.IsValid(n)) values[question.Id] = n.ToString();
                    else errors.Add(field, $"Choose an answer from {LikertScale.Min} to {LikertScale.Max}.");
                    break;
                case QuestionKind.Choice:
                    if (question.Options.FirstOrDefault(o => o.Id == raw.Trim()) is { } option) values[question.Id] = option.Id;
                    else errors.Add(field, "Choose one of the answers shown.");
                    break;
                case QuestionKind.Comment:
                    if (errors.OptionalText(field, raw.Replace("\r\n", "\n"), MaxCommentLength) is { } comment) values[question.Id] = comment;
                    break;
            }
        }
        if (values.Count == 0 && errors.IsEmpty) errors.Add("", "Choose at least one answer.");
        return errors.ToResult(new SurveyAnswers(values));
    }
}
