namespace PlComms.Contacts;

/// <summary>A contact as the officer's API shows it.</summary>
public sealed record ContactDocument(
    string Id,
    ContactRole Role,
    string Email,
    string GivenName,
    string FamilyName,
    string Name,
    IReadOnlyList<SchoolRef> Schools,
    IReadOnlyList<string> Grades,
    string Language,
    string? ExternalId,
    ContactSource Source,
    IReadOnlyList<string> StudentIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ImportedAt,
    DateTimeOffset EngagedAt)
{
    public static ContactDocument From(StoredContact c)
    {
        var r = c.Record;
        return new(c.Id, r.Role, r.Email, r.GivenName, r.FamilyName, ContactStore.JoinName(r.GivenName, r.FamilyName), r.Schools, r.Grades,
            r.Language, r.ExternalId, r.Source, r.StudentIds, c.CreatedAt, c.UpdatedAt, c.ImportedAt, c.EngagedAt);
    }
}

public sealed record ContactList(IReadOnlyList<ContactDocument> Items, string? ContinuationToken);

public sealed record SegmentPreview(Segment Segment, int Count, IReadOnlyList<ContactDocument> Recipients, string? ContinuationToken);
