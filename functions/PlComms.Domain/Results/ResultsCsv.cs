using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PlComms.Shared;

namespace PlComms.Results;

/// <summary>
/// The results as RFC 4180 CSV (CRLF, quoted where needed): aggregates only, the same cells the API shows, hidden
/// cells written as <c>hidden</c> with no figures. A spreadsheet never evaluates a cell: any cell that starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return and is not a plain number gets a leading
/// apostrophe (OWASP's advice against CSV injection), so a school named "=HYPERLINK(…)" stays text.
/// </summary>
public static partial class ResultsCsv
{
    public static readonly string[] Header =
    [
        "wave", "wave_opened", "question_id", "topic", "group", "dimension", "label", "hidden", "n", "response_rate", "mean", "favorable_percent",
        "change_from_previous", "score_1", "score_2", "score_3", "score_4", "score_5", "options",
    ];

    public static string Write(SurveyResultsReport report)
    {
        var csv = new StringBuilder();
        Row(csv, Header);
        foreach (var wave in report.Waves)
        {
            foreach (var p in wave.Participation)
            {
                Row(csv, [Num(wave.Index + 1), wave.OpensAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "participation", "", p.Group, WireName<Dimension>.Of(p.Dimension), p.Label,
                    p.Hidden ? "hidden" : "", Num(p.Respondents), Num(p.ResponseRate), "", "", Num(p.ChangeFromPrevious), "", "", "", "", "", p.Hidden ? "" : $"delivered={p.Delivered}"]);
            }
            foreach (var q in wave.Questions)
            {
                foreach (var c in q.Cells)
                {
                    var scores = c.Distribution ?? [];
                    Row(csv, [Num(wave.Index + 1), wave.OpensAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), q.QuestionId, q.Topic, c.Group, WireName<Dimension>.Of(c.Dimension), c.Label,
                        c.Hidden ? "hidden" : "", Num(c.N), Num(c.ResponseRate), Num(c.Mean), Num(c.FavorablePercent), Num(c.ChangeFromPrevious),
                        .. Enumerable.Range(0, 5).Select(i => i < scores.Count ? Num(scores[i]) : ""),
                        c.Options is { } o ? string.Join("; ", o.Select(kv => $"{kv.Key}={kv.Value}")) : ""]);
                }
            }
        }
        return csv.ToString();
    }

    /// <summary>A cell as a spreadsheet must read it: text that could start a formula is made plain text.</summary>
    public static string Neutralize(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !PlainNumber().IsMatch(cell) ? "'" + cell : cell;

    /// <summary>RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled.</summary>
    public static string Field(string cell)
    {
        var safe = Neutralize(cell);
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"") + "\"" : safe;
    }

    private static void Row(StringBuilder csv, IReadOnlyList<string> cells) => csv.Append(string.Join(',', cells.Select(Field))).Append("\r\n");

    private static string Num(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    private static string Num(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex PlainNumber();
}
