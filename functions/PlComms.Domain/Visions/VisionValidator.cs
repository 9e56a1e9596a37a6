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
                if (category is { } c && text is not null) focus.Add(new FocusItem(c, text));
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
                if (phase is { } p && text is not null) supports.Add(new SupportItem(p, text));
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
                for (var a = 0; a < audienceInput.Count; a++)
                {
                    if (errors.OneOf<Audience>($"{path}.audiences[{a}]", audienceInput[a]) is { } audience && !audiences.Contains(audience))
                        audiences.Add(audience);
                }
                if (changes is not null && same is not null) shifts.Add(new Shift(changes, same, audiences));
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
            if (item.Priority is { } priority)
            {
                ranked++;
                if (priority is < 1 or > VisionLimits.RankedImpactsPerHorizon)
                    errors.Add($"{itemPath}.priority", $"Priority must be 1, 2 or 3 (the top three), or left out.");
                else if (!ranks.Add(priority))
                    errors.Add($"{itemPath}.priority", $"Priority {priority} is already given to another impact.");
            }
            if (text is not null) impacts.Add(new Impact(text, metric, item.Priority));
        }
        if (ranked > VisionLimits.RankedImpactsPerHorizon)
            errors.Add(path, $"At most {VisionLimits.RankedImpactsPerHorizon} impacts may be ranked (the top three); {ranked} are.");
        return impacts;
    }
}
