namespace PlComms.Visions;

public sealed record FocusCategoryEntry(FocusCategory Category, string Title);

public sealed record PhaseEntry(ImplementationPhase Phase, string Numeral, string Title, IReadOnlyList<string> Consider);

/// <summary>
/// The structure of the Personalized Learning Visioning Tool (seed 000), held as data.
/// The text is the seed's own; do not paraphrase it here.
/// </summary>
public static class VisionCatalog
{
    public static IReadOnlyList<FocusCategoryEntry> FocusCategories { get; } =
    [
        new(FocusCategory.AdditionalSupports, "Students needing additional instructional supports"),
        new(FocusCategory.AchievementGaps, "Students with achievement gaps"),
        new(FocusCategory.GradesOrSubjects, "Students in specific grades or subjects"),
        new(FocusCategory.Other, "Other"),
    ];

    /// <summary>Table 1's "Consider" list. The seed gives one list for all four boxes.</summary>
    public static IReadOnlyList<string> FocusSuggestions { get; } =
    [
        "English learners",
        "Refugees or recent immigrants",
        "Students with special needs (including students with disabilities)",
        "Students in \u201ctransition\u201d grades (e.g., ninth graders)",
        "Low-performing students",
        "Gifted students",
        "Elementary, middle, or high school students",
        "Students in STEM courses",
        "Students in CTE pathways",
        "Students in humanities and arts courses",
        "Students with access to educational technology",
    ];

    /// <summary>Table 2's "Consider" list, for short- and long-term impacts alike.</summary>
    public static IReadOnlyList<string> ImpactSuggestions { get; } =
    [
        "Accelerated learning or credit accrual",
        "Increased academic growth in tested subjects (e.g., reading language arts, mathematics, science, and history)",
        "Narrow or closed achievement gaps",
        "Increased on-time graduation rates",
        "Increased completion rates for career pathways",
        "Increased enrollment in advanced coursework",
        "Reduced dropout and retention rates",
        "Increased independence in learning",
        "Improved social-emotional and deeper learning skills",
        "Reduced behavioral and disciplinary incidents",
        "Improved attendance",
        "Improved employability skills",
        "Increased postsecondary matriculation and completion",
    ];

    public static IReadOnlyList<PhaseEntry> Phases { get; } =
    [
        new(ImplementationPhase.PlanningAndDesign, "I", "Planning and Design",
        [
            "Establishing a personalized learning design committee",
            "Conducting a personalized learning needs assessment or readiness assessment",
            "Conducting an environmental scan of current personalized learning structures, practices, and opportunities",
            "Providing initial training and engagement opportunities around personalized learning",
            "Conducting a crosswalk of skills and competencies",
            "Creating a monitoring and implementation plan (including baseline data)",
        ]),
        new(ImplementationPhase.EarlyImplementation, "II", "Early Implementation",
        [
            "Communicating about implementation, changes, successes, and lessons learned with invested stakeholder groups",
            "Providing professional learning and personalized learning implementation monitoring",
            "Providing access to coaching (on-site, virtual, or blended), demonstration classrooms, or other implementation supports",
            "Implementing the personalized learning pilot program with a group of students, teachers, schools, or districts (e.g., launching a \u201cschool within a school\u201d)",
        ]),
        new(ImplementationPhase.ExpandedImplementation, "III", "Expanded Implementation",
        [
            "Providing professional learning, micro-credentials, or implementation monitoring around personalized learning",
            "Revising policies and protocols to reflect personalized learning practices",
            "Celebrating early adopters and champions by collecting and publishing stories from the field",
            "Conducting \u201creality checks\u201d with key stakeholders to recommend midcourse adjustments",
        ]),
        new(ImplementationPhase.RefiningAndScaling, "IV", "Refining and Scaling",
        [
            "Conducting an evaluation of the impact of personalized learning instructional approaches on select student outcomes",
            "Compiling and curating strategies, tools, and materials from personalized learning pilot for future use",
            "Holding planning sessions to determine next-level decisions regarding personalized learning program implementation",
        ]),
    ];

    /// <summary>Table 4's fixed opening sentence.</summary>
    public const string Commitment = "We are committed to ensuring that all students have the learning supports they need to succeed.";
}
