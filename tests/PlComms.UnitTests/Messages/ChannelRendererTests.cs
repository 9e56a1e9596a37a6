using PlComms.Messages;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.UnitTests.Messages;

public class ChannelRendererTests
{
    private static readonly VisionContent Demo = DemoVision.Content;

    [Fact]
    public void Email_escapes_every_text_in_the_HTML_part_and_keeps_it_raw_in_the_plain_part()
    {
        var message = MessageFixtures.ParentsEnglish() with
        {
            Headline = "Tom & Jerry <script>alert(1)</script>",
            WhatChanges = ["Use <b>bold</b> & \"quotes\""],
            Why = "Because 1 < 2",
        };
        var email = ChannelRenderer.Render(message, Channel.Email, Demo);

        Assert.Equal(message.Headline, email.Subject);
        Assert.NotNull(email.Html);
        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", email.Html, StringComparison.Ordinal);
        Assert.Contains("Tom &amp; Jerry &lt;script&gt;", email.Html, StringComparison.Ordinal);
        Assert.Contains("&quot;quotes&quot;", email.Html, StringComparison.Ordinal);
        Assert.Contains("Because 1 &lt; 2", email.Html, StringComparison.Ordinal);
        Assert.Contains("Use <b>bold</b> & \"quotes\"", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_HTML_declares_the_message_language()
    {
        var spanish = TemplateComposer.Compose(Demo, Audience.Parents, Language.Es);
        Assert.Contains("<html lang=\"es\">", ChannelRenderer.Render(spanish, Channel.Email, Demo).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_follow_the_audiences_emphasis()
    {
        var parents = ChannelRenderer.Render(MessageFixtures.ParentsEnglish(), Channel.Email, Demo).Text;
        var teachers = ChannelRenderer.Render(TemplateComposer.Compose(Demo, Audience.Teachers, Language.En), Channel.Email, Demo).Text;

        Assert.True(parents.IndexOf("What stays the same", StringComparison.Ordinal) < parents.IndexOf("What changes", StringComparison.Ordinal));
        Assert.True(teachers.IndexOf("What changes", StringComparison.Ordinal) < teachers.IndexOf("What stays the same", StringComparison.Ordinal));
    }

    [Fact]
    public void Newsletter_escapes_Markdown_in_content()
    {
        var message = MessageFixtures.ParentsEnglish() with { Why = "Use *stars* and [links](x) and _underscores_." };
        var text = ChannelRenderer.Render(message, Channel.Newsletter, Demo).Text;
        Assert.Contains(@"Use \*stars\* and \[links\](x) and \_underscores\_.", text, StringComparison.Ordinal);
        Assert.StartsWith("## What personalized learning means for your child", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sms_takes_headline_first_emphasized_item_and_next_step_when_they_fit_in_one_segment()
    {
        var sms = ChannelRenderer.Render(MessageFixtures.ParentsEnglish(), Channel.Sms, Demo).Text;
        Assert.Equal("What personalized learning means for your child. What students learn will stay the same. Questions? Ask your child's teacher or contact us.", sms);
    }

    [Fact]
    public void Sms_falls_back_to_headline_and_next_step_when_the_item_would_not_fit()
    {
        var message = MessageFixtures.ParentsEnglish() with { WhatStaysTheSame = [new string('x', 120) + "."] };
        Assert.Equal("What personalized learning means for your child. Questions? Ask your child's teacher or contact us.",
            ChannelRenderer.Render(message, Channel.Sms, Demo).Text);
    }

    [Fact]
    public void Short_forms_never_truncate_an_overlong_headline_and_the_guardrails_report_it()
    {
        var headline = string.Join(" ", Enumerable.Repeat("Personalized learning news", 12));
        var message = MessageFixtures.ParentsEnglish() with { Headline = headline };
        var renderings = ChannelRenderer.RenderAll(message, Demo);

        Assert.All(renderings, r => Assert.Contains(headline, r.Text, StringComparison.Ordinal));
        var report = MessageGuardrails.Check(message, Demo, renderings);
        Assert.Contains(report.Blocking, v => v.Code == GuardrailCodes.ChannelLength && v.Channel == Channel.Sms);
        Assert.Contains(report.Blocking, v => v.Code == GuardrailCodes.ChannelLength && v.Channel == Channel.Social);
        Assert.Contains(report.Blocking, v => v.Code == GuardrailCodes.ChannelLength && v.Channel == Channel.Email);
    }

    [Fact]
    public void Talking_points_carry_impacts_with_metrics_and_supports_by_phase()
    {
        var vision = Demo with
        {
            ShortTermImpacts = [new Impact("improved attendance", "attendance rate from 91% to 94% by June", 1)],
            Supports =
            [
                new SupportItem(ImplementationPhase.EarlyImplementation, "offering coaching to teachers"),
                new SupportItem(ImplementationPhase.PlanningAndDesign, "conducting a needs assessment"),
            ],
        };
        var message = TemplateComposer.Compose(vision, Audience.Parents, Language.En);
        var points = ChannelRenderer.Render(message, Channel.TalkingPoints, vision).Text;

        // "improved attendance" is the catalog's "Improved attendance": families read its family wording.
        Assert.Contains("- Short term: students coming to school more often (attendance rate from 91% to 94% by June)", points, StringComparison.Ordinal);
        Assert.Contains("- Long term: increased academic growth (metric not yet set)", points, StringComparison.Ordinal);
        var planning = points.IndexOf("- Phase I, Planning and Design: conducting a needs assessment.", StringComparison.Ordinal);
        var early = points.IndexOf("- Phase II, Early Implementation: offering coaching to teachers.", StringComparison.Ordinal);
        Assert.True(planning > 0 && early > planning, points);
        Assert.Contains("Some results take more time than others.", points, StringComparison.Ordinal);
    }

    [Fact]
    public void Spanish_talking_points_use_the_visions_Spanish_wording_and_Spanish_phase_names()
    {
        var message = TemplateComposer.Compose(Demo, Audience.Board, Language.Es);
        var points = ChannelRenderer.Render(message, Channel.TalkingPoints, Demo).Text;
        Assert.Contains("- Corto plazo: una mayor participación de los estudiantes (medida aún sin definir)", points, StringComparison.Ordinal);
        Assert.Contains("- Fase I, Planificación y diseño: hacer una evaluación de necesidades (con un análisis a fondo de los datos de los estudiantes).", points, StringComparison.Ordinal);
    }

    [Fact]
    public void Talking_points_for_families_use_the_catalogs_family_wording_and_for_the_board_its_own()
    {
        var vision = Demo with
        {
            ShortTermImpacts = [new Impact("Accelerated learning or credit accrual", null, 1)],
            Supports = [new SupportItem(ImplementationPhase.PlanningAndDesign, "Conducting a crosswalk of skills and competencies")],
        };
        var parents = ChannelRenderer.Render(TemplateComposer.Compose(vision, Audience.Parents, Language.Es), Channel.TalkingPoints, vision).Text;
        var board = ChannelRenderer.Render(TemplateComposer.Compose(vision, Audience.Board, Language.En), Channel.TalkingPoints, vision).Text;

        Assert.Contains("- Corto plazo: estudiantes que aprenden más rápido y obtienen sus créditos antes (medida aún sin definir)", parents, StringComparison.Ordinal);
        Assert.Contains("relacionar las habilidades que aprenden los estudiantes con las metas que deben alcanzar", parents, StringComparison.Ordinal);
        Assert.DoesNotContain("crosswalk", parents, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("- Short term: accelerated learning or credit accrual (metric not yet set)", board, StringComparison.Ordinal);
        Assert.Contains("- Phase I, Planning and Design: conducting a crosswalk of skills and competencies.", board, StringComparison.Ordinal);
    }
}
