using Microsoft.Extensions.Primitives;
using PlComms.Shared;

namespace PlComms.Visions.Pages;

/// <summary>One impact row of the form: a suggestion from the catalog (its index) or the district's own words.</summary>
public sealed record ImpactRow(int? Suggestion, string Text, string Metric, string Priority);

public sealed record ShiftRow(string Changes, string StaysTheSame, IReadOnlyList<Audience> Audiences);

/// <summary>
/// The visioning tool as a form (seed 000's tables): per focus box and per phase, the "Consider" suggestions to tick and
/// the district's own lines; per horizon, the suggested impacts to tick with a metric and a top-three rank, and rows of
/// its own; the shifts. It reads the posted fields into the API's <see cref="VisionInput"/>, so the same validator
/// judges them, and remembers which control each item came from, so every error shows beside its field.
/// </summary>
public sealed class VisionForm
{
    public const int OwnImpactRows = 3;
    public const int BlankShiftRows = 2;
    public static readonly string[] Terms = ["shortTerm", "longTerm"];

    public string Title { get; set; } = "";
    public string Author { get; set; } = "";
    public Dictionary<FocusCategory, HashSet<int>> FocusPicked { get; } = Enum.GetValues<FocusCategory>().ToDictionary(c => c, _ => new HashSet<int>());
    public Dictionary<FocusCategory, string> FocusOwn { get; } = Enum.GetValues<FocusCategory>().ToDictionary(c => c, _ => "");
    public Dictionary<string, List<ImpactRow>> Impacts { get; } = Terms.ToDictionary(t => t, _ => new List<ImpactRow>());
    public Dictionary<ImplementationPhase, HashSet<int>> SupportPicked { get; } = Enum.GetValues<ImplementationPhase>().ToDictionary(p => p, _ => new HashSet<int>());
    public Dictionary<ImplementationPhase, string> SupportOwn { get; } = Enum.GetValues<ImplementationPhase>().ToDictionary(p => p, _ => "");
    public List<ShiftRow> Shifts { get; } = [];

    /// <summary>Where each validator field name points in the form (the id of its control).</summary>
    public Dictionary<string, string> FieldIds { get; } = new(StringComparer.Ordinal);

    public static string W<T>(T value) where T : struct, Enum => WireName<T>.Of(value);

    // Control names; ids are the same.
    public static string FocusPick(FocusCategory c) => $"focus-{W(c)}-pick";
    public static string FocusPickId(FocusCategory c, int i) => $"focus-{W(c)}-s{i}";
    public static string FocusOwnName(FocusCategory c) => $"focus-{W(c)}-own";
    public static string ImpactPick(string term) => $"impact-{term}-pick";
    public static string ImpactPickId(string term, int i) => $"impact-{term}-s{i}";
    public static string ImpactField(string term, string row, string field) => $"impact-{term}-{row}-{field}";
    public static string SupportPick(ImplementationPhase p) => $"support-{W(p)}-pick";
    public static string SupportPickId(ImplementationPhase p, int i) => $"support-{W(p)}-s{i}";
    public static string SupportOwnName(ImplementationPhase p) => $"support-{W(p)}-own";
    public static string ShiftField(int row, string field) => $"shift-{row}-{field}";

    /// <summary>The form as a stored vision fills it: catalog wording ticks its suggestion; anything else is the district's own.</summary>
    public static VisionForm From(VisionContent? vision)
    {
        var form = new VisionForm();
        if (vision is null)
        {
            form.Impacts["shortTerm"].AddRange(Enumerable.Range(0, OwnImpactRows).Select(_ => new ImpactRow(null, "", "", "")));
            form.Impacts["longTerm"].AddRange(Enumerable.Range(0, OwnImpactRows).Select(_ => new ImpactRow(null, "", "", "")));
            form.Shifts.AddRange(Enumerable.Range(0, BlankShiftRows).Select(_ => new ShiftRow("", "", [])));
            return form;
        }
        form.Title = vision.Title;
        form.Author = vision.Author;
        foreach (var item in vision.Focus)
        {
            var s = IndexOf(VisionCatalog.FocusSuggestions, item.Text);
            if (s is { } i) form.FocusPicked[item.Category].Add(i);
            else form.FocusOwn[item.Category] = Lines(form.FocusOwn[item.Category], item.Text);
        }
        foreach (var (term, impacts) in new[] { ("shortTerm", vision.ShortTermImpacts), ("longTerm", vision.LongTermImpacts) })
        {
            foreach (var impact in impacts)
                form.Impacts[term].Add(new ImpactRow(IndexOf(VisionCatalog.ImpactSuggestions, impact.Text), impact.Text, impact.Metric ?? "", impact.Priority?.ToString() ?? ""));
            form.Impacts[term].AddRange(Enumerable.Range(0, OwnImpactRows).Select(_ => new ImpactRow(null, "", "", "")));
        }
        foreach (var support in vision.Supports)
        {
            var phase = VisionCatalog.Phases.First(p => p.Phase == support.Phase);
            if (IndexOf(phase.Consider, support.Text) is { } i) form.SupportPicked[support.Phase].Add(i);
            else form.SupportOwn[support.Phase] = Lines(form.SupportOwn[support.Phase], support.Text);
        }
        form.Shifts.AddRange(vision.Shifts.Select(s => new ShiftRow(s.Changes, s.StaysTheSame, s.Audiences)));
        form.Shifts.AddRange(Enumerable.Range(0, BlankShiftRows).Select(_ => new ShiftRow("", "", [])));
        return form;
    }

    /// <summary>Reads a posted form, and builds the API's input from it in the order the page shows.</summary>
    public static (VisionForm Form, VisionInput Input) Read(IFormCollection posted)
    {
        string One(string name) => posted.TryGetValue(name, out var v) ? v.ToString() : "";
        StringValues Many(string name) => posted.TryGetValue(name, out var v) ? v : StringValues.Empty;
        var form = new VisionForm { Title = One("title"), Author = One("author") };
        form.FieldIds["title"] = "title";
        form.FieldIds["author"] = "author";

        var focus = new List<FocusItemInput?>();
        foreach (var category in Enum.GetValues<FocusCategory>())
        {
            foreach (var i in Indexes(Many(FocusPick(category)), VisionCatalog.FocusSuggestions.Count))
            {
                form.FocusPicked[category].Add(i);
                form.FieldIds[$"focus[{focus.Count}].text"] = FocusPickId(category, i);
                focus.Add(new FocusItemInput(W(category), VisionCatalog.FocusSuggestions[i]));
            }
            form.FocusOwn[category] = One(FocusOwnName(category));
            foreach (var line in SplitLines(form.FocusOwn[category]))
            {
                form.FieldIds[$"focus[{focus.Count}].text"] = FocusOwnName(category);
                focus.Add(new FocusItemInput(W(category), line));
            }
        }

        var horizons = new Dictionary<string, List<ImpactInput?>>();
        foreach (var term in Terms)
        {
            var list = new List<ImpactInput?>();
            form.FieldIds[$"impacts.{term}"] = $"impact-{term}";
            var picked = Indexes(Many(ImpactPick(term)), VisionCatalog.ImpactSuggestions.Count).ToHashSet();
            for (var i = 0; i < VisionCatalog.ImpactSuggestions.Count; i++)
            {
                var metric = One(ImpactField(term, $"s{i}", "metric"));
                var priority = One(ImpactField(term, $"s{i}", "priority"));
                if (!picked.Contains(i)) continue;
                form.Impacts[term].Add(new ImpactRow(i, VisionCatalog.ImpactSuggestions[i], metric, priority));
                Map(form, term, list.Count, $"s{i}", ImpactPickId(term, i));
                list.Add(new ImpactInput(VisionCatalog.ImpactSuggestions[i], NullIfBlank(metric), Priority(priority)));
            }
            for (var n = 0; posted.ContainsKey(ImpactField(term, $"o{n}", "text")); n++)
            {
                var row = new ImpactRow(null, One(ImpactField(term, $"o{n}", "text")), One(ImpactField(term, $"o{n}", "metric")), One(ImpactField(term, $"o{n}", "priority")));
                form.Impacts[term].Add(row);
                if (string.IsNullOrWhiteSpace(row.Text) && string.IsNullOrWhiteSpace(row.Metric) && string.IsNullOrWhiteSpace(row.Priority)) continue;
                Map(form, term, list.Count, $"o{n}", ImpactField(term, $"o{n}", "text"));
                list.Add(new ImpactInput(row.Text, NullIfBlank(row.Metric), Priority(row.Priority)));
            }
            horizons[term] = list;
        }

        var supports = new List<SupportInput?>();
        foreach (var phase in VisionCatalog.Phases)
        {
            foreach (var i in Indexes(Many(SupportPick(phase.Phase)), phase.Consider.Count))
            {
                form.SupportPicked[phase.Phase].Add(i);
                form.FieldIds[$"supports[{supports.Count}].text"] = SupportPickId(phase.Phase, i);
                supports.Add(new SupportInput(W(phase.Phase), phase.Consider[i]));
            }
            form.SupportOwn[phase.Phase] = One(SupportOwnName(phase.Phase));
            foreach (var line in SplitLines(form.SupportOwn[phase.Phase]))
            {
                form.FieldIds[$"supports[{supports.Count}].text"] = SupportOwnName(phase.Phase);
                supports.Add(new SupportInput(W(phase.Phase), line));
            }
        }

        var shifts = new List<ShiftInput?>();
        for (var n = 0; posted.ContainsKey(ShiftField(n, "changes")); n++)
        {
            var audiences = Many(ShiftField(n, "audiences")).Select(a => WireName<Audience>.TryParse(a, out var x) ? (Audience?)x : null).OfType<Audience>().ToList();
            var row = new ShiftRow(One(ShiftField(n, "changes")), One(ShiftField(n, "same")), audiences);
            form.Shifts.Add(row);
            if (string.IsNullOrWhiteSpace(row.Changes) && string.IsNullOrWhiteSpace(row.StaysTheSame)) continue;
            form.FieldIds[$"shifts[{shifts.Count}].changes"] = ShiftField(n, "changes");
            form.FieldIds[$"shifts[{shifts.Count}].staysTheSame"] = ShiftField(n, "same");
            shifts.Add(new ShiftInput(row.Changes, row.StaysTheSame, [.. Many(ShiftField(n, "audiences")).Select(a => (string?)a)]));
        }

        var input = new VisionInput(form.Title, form.Author, focus, new ImpactsInput(horizons["shortTerm"], horizons["longTerm"]), supports, shifts);
        return (form, input);
    }

    private static void Map(VisionForm form, string term, int index, string row, string textId)
    {
        form.FieldIds[$"impacts.{term}[{index}].text"] = textId;
        form.FieldIds[$"impacts.{term}[{index}].metric"] = ImpactField(term, row, "metric");
        form.FieldIds[$"impacts.{term}[{index}].priority"] = ImpactField(term, row, "priority");
    }

    private static IEnumerable<int> Indexes(StringValues values, int count) =>
        values.Select(v => int.TryParse(v, out var i) ? i : -1).Where(i => i >= 0 && i < count).Distinct().Order();

    private static int? Priority(string value) => int.TryParse(value, out var p) ? p : null;

    private static string? NullIfBlank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static IEnumerable<string> SplitLines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    private static string Lines(string existing, string line) => existing.Length == 0 ? line : existing + "\n" + line;

    private static int? IndexOf(IReadOnlyList<string> suggestions, string text)
    {
        var wanted = VisionComparison.Normalize(text);
        for (var i = 0; i < suggestions.Count; i++) if (VisionComparison.Normalize(suggestions[i]) == wanted) return i;
        return null;
    }

    /// <summary>The id of the control an error is about, or of the field group when no single control is.</summary>
    public string? IdFor(string field) => FieldIds.GetValueOrDefault(field);
}
