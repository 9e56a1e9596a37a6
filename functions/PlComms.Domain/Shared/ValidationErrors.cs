namespace PlComms.Shared;

public sealed record ValidationResult<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors) where T : class
{
    public bool IsValid => Errors.Count == 0 && Value is not null;
}

/// <summary>Collects field-named errors, keyed by a JSON-path-like field name ("focus[2].category").</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public ValidationResult<T> ToResult<T>(T? value) where T : class => new(IsEmpty ? value : null, ToDictionary());

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Trims; reports missing, blank, over-long or control-character text.</summary>
    public string? RequiredText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "This field is required.");
            return null;
        }
        return CheckedText(field, value, maxLength);
    }

    public string? OptionalText(string field, string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : CheckedText(field, value, maxLength);

    private string? CheckedText(string field, string value, int maxLength)
    {
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, $"Must be at most {maxLength} characters; it is {trimmed.Length}.");
            return null;
        }
        if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            Add(field, "Must not contain control characters.");
            return null;
        }
        if (!IsWellFormed(trimmed))
        {
            Add(field, "Must be readable text: it holds bytes that are not UTF-8 (shown as \uFFFD) or a broken character.");
            return null;
        }
        return trimmed;
    }

    /// <summary>
    /// False for text holding U+FFFD, which is what bytes that are not UTF-8 decode to (a form or file sent in another
    /// encoding), or an unpaired surrogate: such text would be stored and sent garbled.
    /// </summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (c == '\uFFFD' || char.IsSurrogate(c)) return false;
        }
        return true;
    }

    public T? OneOf<T>(string field, string? value) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"This field is required; use one of: {string.Join(", ", WireName<T>.All)}.");
            return null;
        }
        if (WireName<T>.TryParse(value.Trim(), out var parsed)) return parsed;
        Add(field, $"Unknown value '{Truncate(value)}'; use one of: {string.Join(", ", WireName<T>.All)}.");
        return null;
    }

    /// <summary>Returns false (and reports) when the list is over its bound; a missing list is an empty one.</summary>
    public bool MaxItems<TItem>(string field, IReadOnlyList<TItem>? items, int max)
    {
        if (items is null) return false;
        if (items.Count <= max) return true;
        Add(field, $"At most {max} items are allowed; {items.Count} were given.");
        return false;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
