using System.Collections.Frozen;
using PlComms.Shared;

namespace PlComms.Messages;

/// <summary>
/// One playbook per audience (the seeds' per-audience advice, held as data). Seed 000 gives the
/// advice per audience; seed 002's risks and communication plan give the fears; seed 004 gives
/// families as partners and the grading and college question.
/// </summary>
public static partial class AudiencePlaybooks
{
    public static IReadOnlyList<AudiencePlaybook> All => Index.All;

    public static AudiencePlaybook For(Audience audience) =>
        Index.ByAudience.TryGetValue(audience, out var playbook)
            ? playbook
            : throw new ArgumentOutOfRangeException(nameof(audience), audience, "No playbook for this audience.");

    // The playbooks live in one file each, and C# does not order static initializers across the
    // files of a partial class; a nested class is initialized only once the playbooks exist.
    private static class Index
    {
        public static readonly FrozenDictionary<Audience, AudiencePlaybook> ByAudience =
            new[] { Parents, Teachers, Students, Community, Board }.ToFrozenDictionary(p => p.Audience);

        public static readonly IReadOnlyList<AudiencePlaybook> All = [.. Enum.GetValues<Audience>().Select(a => ByAudience[a])];
    }

    // Points several playbooks share; each audience's file says why it uses them. They are
    // computed properties for the same initialization-order reason.
    private static SeedQuote CommitmentQuote =>
        new("000", "We are committed to ensuring that all students have the learning supports they need to succeed.");

    private static SeedQuote TeacherRoleQuote =>
        new("002", "Personalized learning redefines the teacher's role but does not replace teachers.");

    private static SeedQuote TechnologyServesQuote =>
        new("002", "To be clear, technology serves personalized learning. Personalized learning does not serve technology.");

    private static SeedQuote PartnersQuote =>
        new("004", "Parents and the community must be brought in as partners in learning, which takes place anytime and anywhere.");

    private static SeedQuote TwoWayQuote =>
        new("002", "Work to create two-way conversations that build true engagement with your stakeholders.");

    private static PlaybookPoint TechnologyIsATool => new(
        new("Technology is a tool. It serves the learning, not the other way around.",
            "La tecnología es una herramienta. Está al servicio del aprendizaje, y no al revés."),
        TechnologyServesQuote);

    private static PlaybookPoint CommitmentLead => new(
        new(CommitmentQuote.Text,
            "Nos comprometemos a que todos los estudiantes tengan los apoyos de aprendizaje que necesitan para salir adelante."),
        CommitmentQuote);
}
