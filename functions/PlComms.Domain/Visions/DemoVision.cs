using PlComms.Shared;

namespace PlComms.Visions;

/// <summary>
/// The worked example at the end of seed 000, as a vision draft. The shifts are the seed's own
/// per-audience examples. The run command loads it as the demo district's vision.
/// </summary>
public static class DemoVision
{
    public const string Id = "demo";

    public static VisionContent Content { get; } = new(
        Title: "Demo district vision for personalized learning",
        Author: "Demo communications officer",
        Focus: [new FocusItem(FocusCategory.AchievementGaps, "students in our lowest performing schools")],
        ShortTermImpacts: [new Impact("increased student engagement", null, 1)],
        LongTermImpacts: [new Impact("increased academic growth", null, 1)],
        Supports:
        [
            new SupportItem(ImplementationPhase.PlanningAndDesign, "conducting a needs assessment (including a deep dive into student data)"),
            new SupportItem(ImplementationPhase.EarlyImplementation, "offering professional development to teachers on student choice and differentiation"),
            new SupportItem(ImplementationPhase.EarlyImplementation, "supporting peer learning networks to help make personalized learning a grassroots effort"),
        ],
        Shifts:
        [
            new Shift(
                "How students learn will be more tailored to their individual needs and interests.",
                "What students learn will stay the same.",
                [Audience.Parents, Audience.Community, Audience.Students]),
            new Shift(
                "Students will have more opportunities to practice and develop self-regulation, communication, and reflection skills.",
                "The learning standards stay the same.",
                [Audience.Parents, Audience.Community]),
            new Shift(
                "You can expect much more individualized and independent learning activities as well as much more flexibility in pacing.",
                "The learning standards, scope, and sequence of instruction will stay the same.",
                [Audience.Teachers]),
        ]);
}
