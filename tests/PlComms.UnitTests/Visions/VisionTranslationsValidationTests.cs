using PlComms.Visions;

namespace PlComms.UnitTests.Visions;

public sealed class VisionTranslationsValidationTests
{
    private static VisionInput With(
        IReadOnlyDictionary<string, string?>? focus = null,
        IReadOnlyDictionary<string, string?>? impact = null,
        IReadOnlyDictionary<string, string?>? metric = null,
        IReadOnlyDictionary<string, ShiftTranslationInput?>? shift = null,
        string? metricText = "average daily attendance") => new(
        "Title", "Author",
        [new FocusItemInput("other", "English learners", focus)],
        new ImpactsInput([new ImpactInput("Improved attendance", metricText, 1, impact, metric)], []),
        [new SupportInput("planning-and-design", "A design committee", new Dictionary<string, string?> { ["es"] = "Un comité de diseño" })],
        [new ShiftInput("How they learn", "What they learn", ["parents"], shift)]);

    [Fact]
    public void Translations_are_stored_under_canonical_BCP_47_tags_and_trimmed()
    {
        var result = VisionValidator.Validate(With(
            focus: new Dictionary<string, string?> { ["ES-mx"] = "  estudiantes que aprenden inglés ", ["zh-hant"] = "學習英語的學生" },
            metric: new Dictionary<string, string?> { ["es"] = "asistencia diaria promedio" },
            shift: new Dictionary<string, ShiftTranslationInput?> { ["es"] = new("Cómo aprenden", "Qué aprenden") }));

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        var vision = result.Value!;
        Assert.Equal(new Dictionary<string, string> { ["es-MX"] = "estudiantes que aprenden inglés", ["zh-Hant"] = "學習英語的學生" }, vision.Focus[0].Translations);
        Assert.Equal("asistencia diaria promedio", vision.ShortTermImpacts[0].MetricTranslations!["es"]);
        Assert.Equal(new ShiftTranslation("Cómo aprenden", "Qué aprenden"), vision.Shifts[0].Translations!["es"]);
        Assert.Equal("Un comité de diseño", vision.Supports[0].Translations!["es"]);
        Assert.Null(vision.ShortTermImpacts[0].Translations);
    }

    [Theory]
    [InlineData("es_MX", "focus[0].translations.es_MX", "not '_'")]
    [InlineData("english", "focus[0].translations.english", "not a BCP 47 language tag")]
    [InlineData("", "focus[0].translations.", "empty")]
    public void A_key_that_is_not_a_language_tag_is_named_with_the_reason(string key, string field, string reason)
    {
        var result = VisionValidator.Validate(With(focus: new Dictionary<string, string?> { [key] = "texto" }));
        Assert.False(result.IsValid);
        Assert.Contains(reason, Assert.Contains(field, result.Errors)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Two_keys_for_one_language_blank_text_and_over_long_text_are_each_named()
    {
        var result = VisionValidator.Validate(With(
            focus: new Dictionary<string, string?> { ["es"] = "uno", ["ES"] = "dos" },
            impact: new Dictionary<string, string?> { ["es"] = "  ", ["fr"] = new string('x', VisionLimits.ItemTextLength + 1) },
            shift: new Dictionary<string, ShiftTranslationInput?> { ["es"] = new("Cómo aprenden", null), ["fr"] = null }));

        Assert.False(result.IsValid);
        Assert.Contains("same language tag", result.Errors["focus[0].translations.ES"][0], StringComparison.Ordinal);
        Assert.Contains("impacts.shortTerm[0].translations.es", result.Errors.Keys);
        Assert.Contains($"at most {VisionLimits.ItemTextLength}", result.Errors["impacts.shortTerm[0].translations.fr"][0], StringComparison.Ordinal);
        Assert.Contains("shifts[0].translations.es.staysTheSame", result.Errors.Keys);
        Assert.Contains("shifts[0].translations.fr", result.Errors.Keys);
        Assert.Null(result.Value);
    }

    [Fact]
    public void At_most_four_languages_per_item_and_metric_translations_need_a_metric()
    {
        var five = new Dictionary<string, string?> { ["es"] = "a", ["fr"] = "b", ["vi"] = "c", ["zh"] = "d", ["ar"] = "e" };
        var result = VisionValidator.Validate(With(focus: five, metric: new Dictionary<string, string?> { ["es"] = "medida" }, metricText: null));

        Assert.Contains($"At most {VisionLimits.TranslationsPerItem}", result.Errors["focus[0].translations"][0], StringComparison.Ordinal);
        Assert.Contains("need a metric", result.Errors["impacts.shortTerm[0].metricTranslations"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void No_translations_and_an_empty_map_are_both_none()
    {
        Assert.Null(VisionValidator.Validate(With()).Value!.Focus[0].Translations);
        Assert.Null(VisionValidator.Validate(With(focus: new Dictionary<string, string?>())).Value!.Focus[0].Translations);
    }
}
