using System.Collections.Frozen;
using System.Text.Json;

namespace PlComms.Shared;

/// <summary>
/// Maps enum members to the kebab-case ids used on the wire and in storage
/// ("PlanningAndDesign" is "planning-and-design"), so stored rows never depend on C# member names' casing.
/// </summary>
public static class WireName<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> ToWire =
        Enum.GetValues<T>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

    private static readonly FrozenDictionary<string, T> FromWire =
        ToWire.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => ToWire.Values;

    public static string Of(T value) => ToWire[value];

    public static bool TryParse(string? wire, out T value) => FromWire.TryGetValue(wire ?? "", out value);

    public static T Parse(string wire) =>
        TryParse(wire, out var value) ? value : throw new FormatException($"'{wire}' is not one of: {string.Join(", ", All)}.");
}
