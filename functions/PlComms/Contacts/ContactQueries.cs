using PlComms.Shared;

namespace PlComms.Contacts;

/// <summary>The contact list's filters, as <c>GET /api/contacts</c> takes them (school, grade and language repeatable).</summary>
public sealed record ContactListQuery(
    string? Role,
    IReadOnlyList<string?>? Schools,
    IReadOnlyList<string?>? Grades,
    IReadOnlyList<string?>? Languages,
    string? Email,
    string? ContinuationToken,
    int? PageSize);

/// <summary>A result or the errors, by field, that kept it from being read.</summary>
public sealed record QueryResult<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors) where T : class
{
    public bool IsValid => Value is not null;
}

/// <summary>
/// The contact list and the segment preview, validated and read the one way the API and the web app share:
/// <c>GET /api/contacts</c> and <c>POST /api/segments/preview</c> answer from here, and so do the contacts pages.
/// </summary>
public sealed class ContactQueries(ContactStore store)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Errors name the query parameters ("language"), not the segment's fields ("languages[0]").</summary>
    public async Task<QueryResult<ContactList>> ListAsync(ContactListQuery query, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        ContactRole? roleFilter = query.Role is null ? null : errors.OneOf<ContactRole>("role", query.Role);
        var segment = SegmentValidator.Validate(new SegmentInput(query.Role ?? WireName<ContactRole>.Of(ContactRole.Parent), query.Schools, query.Grades, query.Languages), errors);
        if (query.PageSize is < 1 or > MaxPageSize) errors.Add("pageSize", $"Use 1 to {MaxPageSize}.");
        if (query.Email is { Length: > 254 }) errors.Add("email", "An email address has at most 254 characters.");
        if (query.ContinuationToken is { Length: > 2048 }) errors.Add("continuationToken", "The token is not one this API issued.");
        if (!errors.IsEmpty)
        {
            return new(null, errors.ToDictionary()
                .GroupBy(e => QueryParameterOf(e.Key))
                .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray()));
        }

        var emailHash = string.IsNullOrWhiteSpace(query.Email) ? null : ContactIds.Hash(query.Email.Trim().ToLowerInvariant());
        var roles = roleFilter is { } r ? [r] : Enum.GetValues<ContactRole>();
        var filters = roles.Select(role => ContactFilter.Of(segment! with { Role = role }) with { EmailHash = emailHash }).ToList();
        try
        {
            var page = await store.QueryAsync(filters, query.ContinuationToken, query.PageSize ?? DefaultPageSize, ct);
            return new(new ContactList(page.Items.Select(ContactDocument.From).ToList(), page.ContinuationToken), new Dictionary<string, string[]>());
        }
        catch (FormatException ex)
        {
            return new(null, new Dictionary<string, string[]> { ["continuationToken"] = [ex.Message] });
        }
    }

    /// <summary>How many contacts a segment reaches, and a page of them.</summary>
    public async Task<QueryResult<SegmentPreview>> PreviewAsync(SegmentInput? input, string? continuationToken, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var segment = SegmentValidator.Validate(input, errors);
        if (segment is null) return new(null, errors.ToDictionary());

        var filter = ContactFilter.Of(segment);
        try
        {
            var page = await store.QueryAsync([filter], continuationToken, DefaultPageSize, ct);
            var count = await store.CountAsync(filter, ct);
            return new(new SegmentPreview(segment, count, page.Items.Select(ContactDocument.From).ToList(), page.ContinuationToken), new Dictionary<string, string[]>());
        }
        catch (FormatException ex)
        {
            return new(null, new Dictionary<string, string[]> { ["continuationToken"] = [ex.Message] });
        }
    }

    private static string QueryParameterOf(string field) => field.Split('[')[0] switch
    {
        "schools" => "school",
        "grades" => "grade",
        "languages" => "language",
        var other => other,
    };
}
