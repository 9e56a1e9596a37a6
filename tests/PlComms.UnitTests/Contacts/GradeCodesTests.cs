using PlComms.Contacts;

namespace PlComms.UnitTests.Contacts;

public class GradeCodesTests
{
    [Theory]
    [InlineData("1", "01")]
    [InlineData("01", "01")]
    [InlineData(" 9 ", "09")]
    [InlineData("13", "13")]
    [InlineData("k", "KG")]
    [InlineData("K", "KG")]
    [InlineData("kg", "KG")]
    [InlineData("Kindergarten", "KG")]
    [InlineData("pk", "PK")]
    [InlineData("Pre-K", "PK")]
    [InlineData("tk", "TK")]
    [InlineData("it", "IT")]
    [InlineData("PR", "PR")]
    [InlineData("ps", "PS")]
    [InlineData("ug", "UG")]
    [InlineData("OTHER", "Other")]
    public void Known_grades_normalise_to_their_code(string cell, string code)
    {
        Assert.True(GradeCodes.TryNormalize(cell, out var normalized));
        Assert.Equal(code, normalized);
        Assert.Equal(code, GradeCodes.Normalize(cell));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("14")]
    [InlineData("001x")]
    [InlineData("first")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void Unknown_grades_are_refused(string? cell)
    {
        Assert.False(GradeCodes.TryNormalize(cell, out var code));
        Assert.Equal("", code);
    }

    [Fact]
    public void Normalize_falls_back_to_trimmed_upper_case_for_filters() =>
        Assert.Equal("SENIOR", GradeCodes.Normalize(" senior "));

    [Fact]
    public void The_code_list_is_the_CEDS_list_in_school_order() =>
        Assert.Equal(["IT", "PR", "PK", "TK", "KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "PS", "UG", "Other"], GradeCodes.All);
}
