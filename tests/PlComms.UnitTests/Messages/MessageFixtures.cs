using PlComms.Messages;
using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.UnitTests.Messages;

internal static class MessageFixtures
{
    /// <summary>Every section and rendering as one string, so two drafts compare by content.</summary>
    public static string Snapshot(MessageDraft draft) =>
        string.Join("\n§\n", new[]
            {
                draft.Message.Audience.ToString(), draft.Message.Language.ToString(),
            }
            .Concat(Enum.GetValues<MessageSection>().Select(draft.Message.TextOf))
            .Concat(draft.Renderings.Select(r => $"{r.Channel}|{r.Subject}|{r.Html}|{r.Text}")));

    public static StructuredMessage ParentsEnglish(VisionContent? vision = null) =>
        TemplateComposer.Compose(vision ?? DemoVision.Content, Audience.Parents, Language.En);

    /// <summary>The demo vision with one more shift, for every audience.</summary>
    public static VisionContent DemoWithShift(string changes, string staysTheSame = "The learning standards stay the same.") =>
        DemoVision.Content with { Shifts = [.. DemoVision.Content.Shifts, new Shift(changes, staysTheSame, [])] };

    public static IReadOnlyList<GuardrailViolation> Blocking(MessageDraft draft) => [.. draft.Report.Blocking];
}
