using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.UnitTests.Visions;

public sealed class VisionStatementTests
{
    [Fact]
    public void The_seed_worked_example_renders_as_the_seed_statement()
    {
        var text = VisionStatement.Render(DemoVision.Content, StatementFormat.Text);

        Assert.Equal(
            "We are committed to ensuring that all students have the learning supports they need to succeed.\n\n" +
            "To this end, we plan to focus our personalized efforts on: students in our lowest performing schools, " +
            "leading to: increased student engagement and increased academic growth.\n\n" +
            "We plan to support these shifts to personalized learning through: conducting a needs assessment " +
            "(including a deep dive into student data), offering professional development to teachers on student choice " +
            "and differentiation, and supporting peer learning networks to help make personalized learning a grassroots effort.\n",
            text);
    }

    [Fact]
    public void Supports_render_in_phase_order_whatever_order_they_were_entered()
    {
        var vision = DemoVision.Content with
        {
            Supports =
            [
                new SupportItem(ImplementationPhase.RefiningAndScaling, "evaluating impact"),
                new SupportItem(ImplementationPhase.PlanningAndDesign, "a design committee"),
                new SupportItem(ImplementationPhase.ExpandedImplementation, "revising policies"),
            ],
        };

        Assert.Contains("through: a design committee, revising policies, and evaluating impact.", VisionStatement.Render(vision, StatementFormat.Text));
    }

    [Fact]
    public void Trailing_punctuation_on_items_does_not_break_the_sentence()
    {
        var vision = DemoVision.Content with { Focus = [new FocusItem(FocusCategory.Other, "English learners.")] };
        Assert.Contains("on: English learners, leading to:", VisionStatement.Render(vision, StatementFormat.Text));
    }

    [Fact]
    public void Empty_components_show_a_placeholder_rather_than_a_broken_sentence()
    {
        var vision = DemoVision.Content with { Focus = [], Supports = [] };
        var text = VisionStatement.Render(vision, StatementFormat.Text);
        Assert.Contains("on: [focus areas not yet chosen], leading to:", text);
        Assert.Contains("through: [implementation supports not yet chosen].", text);
    }

    [Fact]
    public void Html_escapes_every_officer_supplied_string()
    {
        var vision = DemoVision.Content with
        {
            Title = "A <b>bold</b> \"plan\"",
            Focus = [new FocusItem(FocusCategory.Other, "<img src=x onerror=alert(1)>")],
        };
        var html = VisionStatement.Render(vision, StatementFormat.Html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b>bold", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.Contains("A &lt;b&gt;bold&lt;/b&gt; &quot;plan&quot;", html);
    }

    [Theory]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "a" }, "a")]
    [InlineData(new[] { "a", "b" }, "a and b")]
    [InlineData(new[] { "a", "b", "c" }, "a, b, and c")]
    public void Natural_lists_use_and_with_a_serial_comma(string[] items, string expected) =>
        Assert.Equal(expected, NaturalList.Join(items));
}
