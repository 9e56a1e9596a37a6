using PlComms.Contacts;
using PlComms.Shared;

namespace PlComms.Visions;

/// <summary>Turns a client's <see cref="VisionInput"/> into <see cref="VisionContent"/>, or names every bad field.</summary>
public static class VisionValidator
{
    public static ValidationResult<VisionContent> Validate(VisionInput? input)
    {
        var errors = new ValidationErrors();
        if (input is null)
        {
            errors.Add("", "A vision draft is required.");
            return errors.ToResult<VisionContent>(null);
        }

        var title = errors.RequiredText("title", input.Title, VisionLimits.TitleLength);
        var author = errors.RequiredText("author", input.Author, VisionLimits.AuthorLength);

        var focus = new List<FocusItem>();
        if (errors.MaxItems("focus", input.Focus, VisionLimits.FocusItems))
        {
            for (var i = 0; i < input.Focus!.Count; i++)
            {
                var path = $"focus[{i}]";
                var item = input.Focus[i];
                if (item is null) { errors.Add(path, "A focus item is required."); continue; }
                var category = errors.OneOf<FocusCategory>($"{path}.category", item.Category);
                var text = errors.RequiredText($"{path}.text", item.Text, VisionLimits.ItemTextLength);
                var translations = Translations(errors, $"{path}.translations", item.Translations, VisionLimits.ItemTextLength);
                if (category is { } c && text is not null) focus.Add(new FocusItem(c, text, translations));
            }
        }

        var shortTerm = ValidateImpacts(errors, "impacts.shortTerm", input.Impacts?.ShortTerm);
        var longTerm = ValidateImpacts(errors, "impacts.longTerm", input.Impacts?.LongTerm);

        var supports = new List<SupportItem>();
        if (errors.MaxItems("supports", input.Supports, VisionLimits.Supports))
        {
            for (var i = 0; i < input.Supports!.Count; i++)
            {
                var path = $"supports[{i}]";
                var item = input.Supports[i];
                if (item is null) { errors.Add(path, "A support is required."); continue; }
                var phase = errors.OneOf<ImplementationPhase>($"{path}.phase", item.Phase);
                var text = errors.RequiredText($"{path}.text", item.Text, VisionLimits.ItemTextLength);
                var translations = Translations(errors, $"{path}.translations", item.Translations, VisionLimits.ItemTextLength);
                if (phase is { } p && text is not null) supports.Add(new SupportItem(p, text, translations));
            }
        }

        var shifts = new List<Shift>();
        if (errors.MaxItems("shifts", input.Shifts, VisionLimits.Shifts))
        {
            for (var i = 0; i < input.Shifts!.Count; i++)
            {
                var path = $"shifts[{i}]";
                var item = input.Shifts[i];
                if (item is null) { errors.Add(path, "A shift is required."); continue; }
                var changes = errors.RequiredText($"{path}.changes", item.Changes, VisionLimits.ShiftTextLength);
                var same = errors.RequiredText($"{path}.staysTheSame", item.StaysTheSame, VisionLimits.ShiftTextLength);
                var audiences = new List<Audience>();
                var audienceInput = item.Audiences ?? [];
                if (!errors.MaxItems($"{path}.audiences", audienceInput, VisionLimits.ShiftAudiences)) audienceInput = [];
                for (var a = 0; a < audienceInput.Count; a++)
                {
                    if (errors.OneOf<Audience>($"{path}.audiences[{a}]", audienceInput[a]) is { } audience && !audiences.Contains(audience))
                        audiences.Add(audience);
                }
                var translations = ShiftTranslations(errors, $"{path}.translations", item.Translations);
                if (changes is not null && same is not null) shifts.Add(new Shift(changes, same, audiences, translations));
            }
        }

        return errors.ToResult(errors.IsEmpty
            ? new VisionContent(title!, author!, focus, shortTerm, longTerm, supports, shifts)
            : null);
    }

    private static List<Impact> ValidateImpacts(ValidationErrors errors, string path, IReadOnlyList<ImpactInput?>? input)
    {
        var impacts = new List<Impact>();
        if (!errors.MaxItems(path, input, VisionLimits.ImpactsPerHorizon)) return impacts;

        var ranks = new HashSet<int>();
        var ranked = 0;
        for (var i = 0; i < input!.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var item = input[i];
            if (item is null) { errors.Add(itemPath, "An impact is required."); continue; }
            var text = errors.RequiredText($"{itemPath}.text", item.Text, VisionLimits.ItemTextLength);
            var metric = errors.OptionalText($"{itemPath}.metric", item.Metric, VisionLimits.MetricLength);
            var translations = Translations(errors, $"{itemPath}.translations", item.Translations, VisionLimits.ItemTextLength);
            var metricTranslations = Translations(errors, $"{itemPath}.metricTranslations", item.MetricTranslations, VisionLimits.MetricLength);
            if (metricTranslations is not null && string.IsNullOrWhiteSpace(item.Metric))
                errors.Add($"{itemPath}.metricTranslations", "Translations of the metric need a metric.");
            if (item.Priority is { } priority)
            {
                ranked++;
                if (priority is < 1 or > VisionLimits.RankedImpactsPerHorizon)
                    errors.Add($"{itemPath}.priority", $"Priority must be 1, 2 or 3 (the top three), or left out.");
                else if (!ranks.Add(priority))
                    errors.Add($"{itemPath}.priority", $"Priority {priority} is already given to another impact.");
            }
            if (text is not null) impacts.Add(new Impact(text, metric, item.Priority, translations, metricTranslations));
        }
        if (ranked > VisionLimits.RankedImpactsPerHorizon)
            errors.Add(path, $"At most {VisionLimits.RankedImpactsPerHorizon} impacts may be ranked (the top three); {ranked} are.");
        return impacts;
    }

    /// <summary>
    /// An item's wording in other languages: each key a well-formed BCP 47 tag (stored in canonical case), each text
    /// within the field's own limit, at most <see cref="VisionLimits.TranslationsPerItem"/> languages. Missing or empty is none.
    /// </summary>
    private static Dictionary<string, string>? Translations(ValidationErrors errors, string path, IReadOnlyDictionary<string, string?>? input, int maxLength)
    {
        var tags = Tags(errors, path, input?.Keys);
        if (tags is null) return null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, tag) in tags)
        {
            if (errors.RequiredText($"{path}.{FieldKey(key)}", input![key], maxLength) is { } text) result[tag] = text;
        }
        return result.Count == 0 ? null : result;
    }

    private static Dictionary<string, ShiftTranslation>? ShiftTranslations(ValidationErrors errors, string path, IReadOnlyDictionary<string, ShiftTranslationInput?>? input)
    {
        var tags = Tags(errors, path, input?.Keys);
        if (tags is null) return null;
        var result = new Dictionary<string, ShiftTranslation>(StringComparer.Ordinal);
        foreach (var (key, tag) in tags)
        {
            var field = $"{path}.{FieldKey(key)}";
            if (input![key] is not { } value) { errors.Add(field, "A translation needs changes and staysTheSame."); continue; }
            var changes = errors.RequiredText($"{field}.changes", value.Changes, VisionLimits.ShiftTextLength);
            var same = errors.RequiredText($"{field}.staysTheSame", value.StaysTheSame, VisionLimits.ShiftTextLength);
            if (changes is not null && same is not null) result[tag] = new ShiftTranslation(changes, same);
        }
        return result.Count == 0 ? null : result;
    }

    /// <summary>The valid keys with their canonical tags, in the order given; null when there are none or too many.</summary>
    private static List<(string Key, string Tag)>? Tags(ValidationErrors errors, string path, IEnumerable<string>? keys)
    {
        if (keys is null) return null;
        var list = keys.ToList();
        if (list.Count == 0) return null;
        if (list.Count > VisionLimits.TranslationsPerItem)
        {
            errors.Add(path, $"At most {VisionLimits.TranslationsPerItem} translations are allowed; {list.Count} were given.");
            return null;
        }
        var result = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in list)
        {
            var field = $"{path}.{FieldKey(key)}";
            if (!LanguageTags.TryCanonicalize(key, out var tag)) errors.Add(field, LanguageTags.Explain(key));
            else if (!seen.Add(tag)) errors.Add(field, $"'{key}' is the same language tag as another translation of this item ({tag}).");
            else result.Add((key, tag));
        }
        return result;
    }

    // A key is named in the error as sent, cut short so a hostile key cannot make the response huge.
    private static string FieldKey(string key) => key.Length <= 40 ? key : key[..40] + "…";
}
