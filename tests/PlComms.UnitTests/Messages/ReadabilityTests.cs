using PlComms.Messages;

namespace PlComms.UnitTests.Messages;

public class ReadabilityTests
{
    // Syllable counts as a dictionary (Merriam-Webster's hyphenation) gives them.
    private static readonly (string Word, int Syllables)[] Dictionary =
    [
        ("personalized", 4), ("learning", 2), ("students", 2), ("teacher", 2), ("school", 1), ("change", 1), ("changes", 2),
        ("stays", 1), ("same", 1), ("family", 3), ("families", 3), ("engagement", 3), ("increased", 2), ("academic", 4),
        ("growth", 1), ("support", 2), ("professional", 4), ("development", 4), ("differentiation", 6), ("assessment", 3),
        ("individualized", 6), ("independent", 4), ("activities", 4), ("flexibility", 5), ("pacing", 2), ("opportunities", 5),
        ("communication", 5), ("reflection", 3), ("skills", 1), ("standards", 2), ("sequence", 2), ("instruction", 3),
        ("tailored", 2), ("needs", 1), ("child", 1), ("children", 2), ("questions", 2), ("grade", 1), ("college", 2),
        ("technology", 4), ("create", 2), ("idea", 3), ("area", 3), ("science", 2), ("quiet", 2), ("being", 2), ("going", 2),
        ("easier", 3), ("lowest", 2), ("performing", 3), ("focus", 2), ("expect", 2), ("makes", 1), ("table", 2),
        ("tables", 2), ("people", 2), ("someone", 2), ("uses", 2), ("used", 1), ("needed", 2), ("based", 1), ("places", 2),
        ("lives", 1), ("through", 1), ("the", 1), ("are", 1), ("they", 1), ("study", 2), ("really", 2), ("only", 2),
        ("likely", 2), ("completely", 3), ("usual", 3), ("actual", 3), ("period", 3), ("video", 3), ("various", 3),
        ("experience", 4), ("patient", 2), ("society", 4), ("variety", 4), ("biology", 4), ("district", 2), ("community", 4),
        ("phase", 1), ("timeline", 2), ("success", 2), ("criteria", 4), ("metric", 2), ("guidance", 2), ("replace", 2),
        ("choice", 1), ("business", 2), ("recipe", 3), ("evidence", 3), ("review", 2), ("ensuring", 3), ("committed", 3),
    ];

    [Fact]
    public void English_syllable_counter_agrees_with_a_dictionary_on_at_least_nine_words_in_ten()
    {
        var misses = Dictionary.Where(d => EnglishSyllables.Count(d.Word) != d.Syllables)
            .Select(d => $"{d.Word}: {EnglishSyllables.Count(d.Word)} (dictionary {d.Syllables})").ToList();
        Assert.True(misses.Count <= Dictionary.Length / 10, $"{misses.Count} of {Dictionary.Length} differ:\n" + string.Join("\n", misses));
        Assert.All(Dictionary, d => Assert.InRange(EnglishSyllables.Count(d.Word), d.Syllables - 1, d.Syllables + 1));
    }

    [Theory]
    // All one-syllable words: 0.39 × 6 + 11.8 × 1 − 15.59.
    [InlineData("The cat sat on the mat.", -1.45, 0.01)]
    // 12 words, 2 sentences, 19 syllables by the dictionary: 0.39 × 6 + 11.8 × 19/12 − 15.59 = 5.43.
    [InlineData("Personalized learning changes the role of teachers. It does not replace them.", 5.43, 0.5)]
    // Seed 000's commitment: 16 words, 24 syllables: 0.39 × 16 + 11.8 × 1.5 − 15.59 = 8.35.
    [InlineData("We are committed to ensuring that all students have the learning supports they need to succeed.", 8.35, 0.5)]
    public void Flesch_Kincaid_grade_matches_hand_counts(string text, double expected, double tolerance) =>
        Assert.InRange(Readability.FleschKincaidGrade(text), expected - tolerance, expected + tolerance);

    [Fact]
    public void Flesch_Kincaid_rises_with_longer_sentences_and_longer_words()
    {
        var plain = Readability.FleschKincaidGrade("We want to help. Teachers still lead. Ask us.");
        var dense = Readability.FleschKincaidGrade("Individualized differentiation necessitates comprehensive institutional reorganization throughout educational organizations.");
        Assert.True(plain < 3, $"plain text scored {plain}");
        Assert.True(dense > 16, $"dense text scored {dense}");
    }

    [Fact]
    public void A_line_without_final_punctuation_counts_as_a_sentence()
    {
        var stats = Readability.English("What personalized learning means for your child\nTeachers still lead the learning.");
        Assert.Equal(2, stats.Sentences);
        Assert.Equal(12, stats.Words);
    }

    [Theory]
    [InlineData("día", 2)]
    [InlineData("país", 2)]
    [InlineData("leer", 2)]
    [InlineData("poeta", 3)]
    [InlineData("ciudad", 2)]
    [InlineData("aula", 2)]
    [InlineData("que", 1)]
    [InlineData("guerra", 2)]
    [InlineData("guía", 2)]
    [InlineData("pingüino", 3)]
    [InlineData("hoy", 1)]
    [InlineData("muy", 1)]
    [InlineData("y", 1)]
    [InlineData("leyes", 2)]
    [InlineData("estudiante", 4)]
    [InlineData("aprendizaje", 5)]
    [InlineData("personalizado", 6)]
    [InlineData("tecnología", 5)]
    [InlineData("calificaciones", 6)]
    [InlineData("reemplaza", 4)]
    [InlineData("Queremos", 3)]
    public void Spanish_syllables_follow_diphthong_and_hiatus_rules(string word, int syllables) =>
        Assert.Equal(syllables, SpanishSyllables.Count(word));

    [Fact]
    public void Fernandez_Huerta_matches_a_hand_computed_sample()
    {
        // 8 words, 2 sentences, 12 syllables: 206.84 − 60 × 1.5 − 1.02 × 4 = 112.76.
        Assert.Equal(112.76, Readability.FernandezHuerta("El niño come pan. La casa es azul."), 2);
        // Que-re-mos que ca-da es-tu-dian-te ten-ga el a-po-yo que ne-ce-si-ta pa-ra a-pren-der: 11 words, 26 syllables.
        // 206.84 − 60 × 26/11 − 1.02 × 11 = 53.80.
        Assert.Equal(53.80, Readability.FernandezHuerta("Queremos que cada estudiante tenga el apoyo que necesita para aprender."), 2);
    }

    [Fact]
    public void Guillemet_quotes_are_left_out_of_Spanish_measurement()
    {
        var text = "El plan se enfoca en «students in our lowest performing schools».";
        Assert.DoesNotContain("students", Readability.WithoutGuillemetQuotes(text), StringComparison.Ordinal);
        Assert.Equal(5, Readability.Spanish(Readability.WithoutGuillemetQuotes(text)).Words); // El plan se enfoca en
    }
}
