using Azure.Data.Tables;
using PlComms.Shared;

namespace PlComms.Contacts;

/// <summary>
/// The one query path for contacts: a role partition plus server-side filters on the school and grade flag
/// properties, the language and (for look-ups) the email hash. Segments, the contact list, the segment preview and
/// campaign planning all build their query here.
/// </summary>
public sealed record ContactFilter(
    ContactRole Role,
    IReadOnlyList<string> Schools,
    IReadOnlyList<string> Grades,
    IReadOnlyList<string> Languages,
    string? EmailHash = null,
    IReadOnlyList<string>? OnlyPrimaryLanguages = null,
    IReadOnlyList<string>? ExceptPrimaryLanguages = null)
{
    public static ContactFilter Of(Segment segment) => new(segment.Role, segment.Schools, segment.Grades, segment.Languages);

    /// <summary>
    /// The OData filter, optionally only ids after <paramref name="afterId"/>, from <paramref name="fromId"/> and up to
    /// <paramref name="upToId"/> (ids sort by creation). The id range comes first: Azure reads the keys wherever they
    /// are, while Azurite tests each row clause by clause, so a narrow range first makes its scan cheap.
    /// </summary>
    public string ToOData(string? afterId = null, string? upToId = null, string? fromId = null)
    {
        var clauses = new List<string>();
        if (fromId is not null) clauses.Add(TableClient.CreateQueryFilter($"RowKey ge {fromId}"));
        if (afterId is not null) clauses.Add(TableClient.CreateQueryFilter($"RowKey gt {afterId}"));
        if (upToId is not null) clauses.Add(TableClient.CreateQueryFilter($"RowKey le {upToId}"));
        clauses.Add(TableClient.CreateQueryFilter($"PartitionKey eq {ContactIds.Partition(Role)}"));
        // Flag property names are hex or alphanumeric by construction, so they are safe to inline.
        if (Schools.Count > 0) clauses.Add(AnyOf(Schools.Select(s => $"{ContactFlags.School(s)} eq true")));
        if (Grades.Count > 0) clauses.Add(AnyOf(Grades.Select(g => $"{ContactFlags.Grade(g)} eq true")));
        if (Languages.Count > 0)
            clauses.Add(AnyOf(Languages.Select(l => l.Contains('-')
                ? TableClient.CreateQueryFilter($"Language eq {l}")
                : TableClient.CreateQueryFilter($"Lang eq {l.ToLowerInvariant()}"))));
        if (EmailHash is not null) clauses.Add(TableClient.CreateQueryFilter($"EmailHash eq {EmailHash}"));
        if (OnlyPrimaryLanguages is { Count: > 0 } only)
            clauses.Add(AnyOf(only.Select(l => TableClient.CreateQueryFilter($"Lang eq {l}"))));
        if (ExceptPrimaryLanguages is { Count: > 0 } except)
            clauses.AddRange(except.Select(l => TableClient.CreateQueryFilter($"Lang ne {l}")));
        return string.Join(" and ", clauses);
    }

    private static string AnyOf(IEnumerable<string> clauses) => "(" + string.Join(" or ", clauses) + ")";
}
