using PlComms.Shared;
using PlComms.Visions;

namespace PlComms.Messages;

/// <summary>What changes and what stays the same in one classroom theme, said for one audience, each line on its seed basis.</summary>
public sealed record ClassroomLine(ClassroomThemes Theme, PlaybookPoint Changes, PlaybookPoint StaysTheSame);

public static partial class AudiencePlaybooks
{
    // Seed 001 groups what changes in the classroom in four themes (what, how, when and where students learn,
    // and how learning is assessed); seed 003 says the same of personal learning paths and competency-based
    // progression; seed 000 gives the model lines for parents and teachers ("What students learn will stay the
    // same, but how they learn will be more tailored"; "The learning standards, scope, and sequence of
    // instruction will stay the same"). A message uses a theme's lines only when the vision touches the theme
    // and gives the audience no shift of its own, so the lines restate the vision for the audience rather
    // than add to it.

    private static SeedQuote GoalsShared => new("001", "Learning goals and targets are explicit and shared with students.");
    private static SeedQuote MaterialsAdapted => new("001", "Teachers adapt curricular materials to reflect student interests, learning needs/levels, and cultural contexts.");
    private static SeedQuote WhatStaysSame => new("000", "What students learn will stay the same, but");
    private static SeedQuote StandardsStay => new("000", "The learning standards, scope, and sequence of instruction will stay the same");
    private static SeedQuote MoreTailored => new("000", "will be more tailored to their individual needs and interests");
    private static SeedQuote VariedActivities => new("001", "Teachers provide varied and flexible learning opportunities, including collaborative, multiple modalities, levels of challenge, and project- and inquiry-based learning");
    private static SeedQuote HighExpectations => new("001", "Teachers have high expectations for students' personal growth and achievement.");
    private static SeedQuote HeldToHighExpectations => new("003", "All students are held to clear, high expectations");
    private static SeedQuote VaryingTimesAndPlaces => new("001", "Personalized learning happens at varying times and in multiple places");
    private static SeedQuote FlexiblePacing => new("001", "Schools provide alternative schedules (blocks, flex, intensives), and classrooms offer flexible pacing.");
    private static SeedQuote Connections => new("003", "developing deep, personal connections with each other, their teachers and other adults");
    private static SeedQuote AdvancesOnMastery => new("003", "A student advances and earns credit as soon as he/she demonstrates mastery.");
    private static SeedQuote HighBar => new("001", "setting a high bar for learning, offering flexible place and pace for reaching goals, and awarding credit only when mastery has been successfully demonstrated");

    private static PlaybookPoint P(string en, string es, SeedQuote basis) => new(new(en, es), basis);

    private static IReadOnlyList<ClassroomLine> ParentsClassroom =>
    [
        new(ClassroomThemes.What,
            P("Teachers will share clear learning goals with your child.", "Los maestros compartirán con su hijo o hija metas de aprendizaje claras.", GoalsShared),
            P("What students learn will stay the same. The learning standards do not change.",
              "Lo que aprenden los estudiantes se mantiene igual. Los estándares de aprendizaje no cambian.", WhatStaysSame)),
        new(ClassroomThemes.How,
            P("How your child learns will fit your child's needs and interests better.",
              "La forma en que aprende su hijo o hija se adaptará mejor a sus necesidades e intereses.", MoreTailored),
            P("Teachers still expect a lot from every student.", "Los maestros siguen esperando mucho de cada estudiante.", HighExpectations)),
        new(ClassroomThemes.WhenAndWhere,
            P("Your child may learn at different times and in more places, such as online.",
              "Su hijo o hija podrá aprender en distintos momentos y lugares, por ejemplo en línea.", VaryingTimesAndPlaces),
            P("Your child still learns with teachers and classmates.", "Su hijo o hija sigue aprendiendo con sus maestros y compañeros.", Connections)),
        new(ClassroomThemes.Assessment,
            P("Your child can move ahead when they show they have learned a skill.",
              "Su hijo o hija podrá avanzar cuando demuestre que aprendió una habilidad.", AdvancesOnMastery),
            P("The bar stays high: students earn credit only when they show what they have learned.",
              "La exigencia sigue alta: los estudiantes obtienen créditos solo cuando demuestran lo que aprendieron.", HighBar)),
    ];

    private static IReadOnlyList<ClassroomLine> StudentsClassroom =>
    [
        new(ClassroomThemes.What,
            P("Your teachers will share clear learning goals with you.", "Tus maestros compartirán contigo metas de aprendizaje claras.", GoalsShared),
            P("What you learn stays the same. The learning standards do not change.",
              "Lo que aprendes se mantiene igual. Los estándares de aprendizaje no cambian.", WhatStaysSame)),
        new(ClassroomThemes.How,
            P("How you learn will fit your needs and interests better.", "La forma en que aprendes se adaptará mejor a tus necesidades e intereses.", MoreTailored),
            P("Your teachers still expect your best work.", "Tus maestros siguen esperando lo mejor de ti.", HighExpectations)),
        new(ClassroomThemes.WhenAndWhere,
            P("You may learn at different times and in more places, such as online.",
              "Podrás aprender en distintos momentos y lugares, por ejemplo en línea.", VaryingTimesAndPlaces),
            P("You still learn with your teachers and classmates.", "Sigues aprendiendo con tus maestros y compañeros.", Connections)),
        new(ClassroomThemes.Assessment,
            P("You can move ahead when you show you have learned a skill.", "Podrás avanzar cuando demuestres que aprendiste una habilidad.", AdvancesOnMastery),
            P("The bar stays high: you earn credit when you show what you have learned.",
              "La exigencia sigue alta: obtienes créditos cuando demuestras lo que aprendiste.", HighBar)),
    ];

    private static IReadOnlyList<ClassroomLine> TeachersClassroom =>
    [
        new(ClassroomThemes.What,
            P("You will share clear learning goals with students and adapt materials to their interests and needs.",
              "Usted compartirá con sus estudiantes metas de aprendizaje claras y adaptará los materiales a sus intereses y necesidades.", MaterialsAdapted),
            P("The learning standards, scope, and sequence of instruction will stay the same.",
              "Los estándares de aprendizaje, el alcance y la secuencia de la enseñanza se mantienen.", StandardsStay)),
        new(ClassroomThemes.How,
            P("You can expect more varied and flexible learning activities, with more choice for students.",
              "Puede esperar actividades de aprendizaje más variadas y flexibles, con más opciones para los estudiantes.", VariedActivities),
            P("You still hold every student to clear, high expectations.",
              "Usted sigue teniendo expectativas claras y altas para cada estudiante.", HeldToHighExpectations)),
        new(ClassroomThemes.WhenAndWhere,
            P("Learning can happen at more times and in more places, with more flexible pacing.",
              "El aprendizaje puede ocurrir en más momentos y lugares, con un ritmo más flexible.", FlexiblePacing),
            P("Students still build close connections with you and with each other.",
              "Los estudiantes siguen creando lazos cercanos con usted y entre ellos.", Connections)),
        new(ClassroomThemes.Assessment,
            P("Students advance and earn credit when they show mastery.",
              "Los estudiantes avanzan y obtienen créditos cuando demuestran dominio.", AdvancesOnMastery),
            P("The bar for learning stays high: credit is awarded only when mastery is shown.",
              "La exigencia sigue alta: los créditos se otorgan solo cuando se demuestra dominio.", HighBar)),
    ];

    // Community partners and the board read about students in the third person.
    private static IReadOnlyList<ClassroomLine> PublicClassroom =>
    [
        new(ClassroomThemes.What,
            P("Teachers will share clear learning goals with students.", "Los maestros compartirán con los estudiantes metas de aprendizaje claras.", GoalsShared),
            P("What students learn will stay the same.", "Lo que aprenden los estudiantes se mantiene igual.", WhatStaysSame)),
        new(ClassroomThemes.How,
            P("How students learn will fit their needs and interests better.",
              "La forma en que aprenden los estudiantes se adaptará mejor a sus necesidades e intereses.", MoreTailored),
            P("Teachers still expect a lot from every student.", "Los maestros siguen esperando mucho de cada estudiante.", HighExpectations)),
        new(ClassroomThemes.WhenAndWhere,
            P("Students may learn at different times and in more places, such as online or in the community.",
              "Los estudiantes podrán aprender en distintos momentos y lugares, por ejemplo en línea o en la comunidad.", VaryingTimesAndPlaces),
            P("Students still learn with their teachers and classmates.", "Los estudiantes siguen aprendiendo con sus maestros y compañeros.", Connections)),
        new(ClassroomThemes.Assessment,
            P("Students can move ahead when they show they have learned a skill.",
              "Los estudiantes podrán avanzar cuando demuestren que aprendieron una habilidad.", AdvancesOnMastery),
            P("The bar stays high: students earn credit only when they show what they have learned.",
              "La exigencia sigue alta: los estudiantes obtienen créditos solo cuando demuestran lo que aprendieron.", HighBar)),
    ];

    internal static IReadOnlyList<ClassroomLine> ClassroomLinesFor(Audience audience) => audience switch
    {
        Audience.Parents => ParentsClassroom,
        Audience.Students => StudentsClassroom,
        Audience.Teachers => TeachersClassroom,
        _ => PublicClassroom,
    };

    /// <summary>
    /// Whose shifts an audience may be told when the vision gives it none of its own. Seed 000 advises parents
    /// and community partners together ("For parents and community partners, consider communicating the
    /// specific knowledge and skills personalized learning will support"), and seed 004 gives learners a voice
    /// in what, how, when and where they learn, so students may hear what families and partners are told.
    /// Teachers' shifts are their responsibilities and stay theirs; the board sees every shift anyway.
    /// Only shifts written about students, not to their audience ("you", "your child"), are restated.
    /// </summary>
    internal static IReadOnlyList<Audience> SharedShiftsFor(Audience audience) => audience switch
    {
        Audience.Parents => [Audience.Community],
        Audience.Community => [Audience.Parents],
        Audience.Students => [Audience.Parents, Audience.Community],
        _ => [],
    };
}
