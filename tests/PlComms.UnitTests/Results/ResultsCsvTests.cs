using PlComms.Contacts;
using PlComms.Results;

namespace PlComms.UnitTests.Results;

public sealed class ResultsCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("Lincoln Elementary", "Lincoln Elementary")]
    [InlineData("", "")]
    public void Cells_that_could_start_a_formula_are_made_text_and_plain_numbers_stay_numbers(string cell, string expected) =>
        Assert.Equal(expected, ResultsCsv.Neutralize(cell));

    [Fact]
    public void Fields_with_commas_quotes_or_line_breaks_are_quoted_per_RFC_4180() =>
        Assert.Equal("\"Smith, \"\"Jr\"\"\nSchool\"", ResultsCsv.Field("Smith, \"Jr\"\nSchool"));

    [Fact]
    public void The_csv_is_aggregates_only_with_CRLF_rows_hidden_cells_without_figures_and_a_formula_named_school_neutralised()
    {
        var hostile = ResultsReportTests.School("evil", 10, [.. Enumerable.Repeat((5, 5), 8)]);
        var people = hostile.People.Select(p => p with { Schools = [new SchoolRef("evil", "=HYPERLINK(\"http://x\",\"click\")")] }).ToList();
        var tiny = ResultsReportTests.School("tiny", 3, [.. Enumerable.Repeat((1, 1), 3)]);
        var tally = ResultsReportTests.Tally((people, hostile.Answers), tiny, ResultsReportTests.School("big", 30, [.. Enumerable.Repeat((4, 4), 25)]));
        var csv = ResultsCsv.Write(ResultsReportTests.Report(tally));

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', ResultsCsv.Header), lines[0]);
        Assert.DoesNotContain("\n", csv.Replace("\r\n", ""));
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);
        Assert.DoesNotContain("@", csv);
        // The tiny school's rows say hidden and carry no number.
        var tinyRows = lines.Where(l => l.Contains(",school:tiny,", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(tinyRows);
        Assert.All(tinyRows, row =>
        {
            var cells = row.Split(',');
            Assert.Equal("hidden", cells[7]);
            Assert.All(cells.Skip(8), c => Assert.Equal("", c));
        });
    }
}
