using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PlComms.Platform.Http;
using PlComms.Shared;

namespace PlComms.Contacts;

/// <summary>A contact as stored: the imported record plus its id and dates.</summary>
/// <param name="ImportedAt">When an import last carried this contact (refreshed at most daily, see <see cref="ContactStore"/>).</param>
/// <param name="EngagedAt">When the contact last answered, clicked or opened; retention keeps engaged contacts.</param>
public sealed record StoredContact(
    string Id,
    ContactRecord Record,
    string ContentHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ImportedAt,
    DateTimeOffset EngagedAt)
{
    /// <summary>SHA-256 of the record's canonical JSON: an import that brings the same record changes nothing.</summary>
    public static string HashOf(ContactRecord record) => ContactIds.Hash(JsonSerializer.Serialize(record, Json.Options));

    internal TableEntity ToEntity()
    {
        var r = Record;
        var entity = new TableEntity(ContactIds.Partition(r.Role), Id)
        {
            ["Email"] = r.Email,
            ["EmailHash"] = ContactIds.Hash(r.Email),
            ["GivenName"] = r.GivenName,
            ["FamilyName"] = r.FamilyName,
            ["Language"] = r.Language,
            ["Lang"] = LanguageTags.Primary(r.Language),
            ["ExternalId"] = r.ExternalId,
            ["Source"] = WireName<ContactSource>.Of(r.Source),
            ["Schools"] = JsonSerializer.Serialize(r.Schools, Json.Options),
            ["Grades"] = JsonSerializer.Serialize(r.Grades, Json.Options),
            ["StudentIds"] = JsonSerializer.Serialize(r.StudentIds, Json.Options),
            ["IdentityHash"] = ContactIds.Hash(r.IdentityKey),
            ["ContentHash"] = ContentHash,
            ["CreatedAt"] = CreatedAt,
            ["UpdatedAt"] = UpdatedAt,
            ["ImportedAt"] = ImportedAt,
            ["EngagedAt"] = EngagedAt,
        };
        foreach (var school in r.Schools) entity[ContactFlags.School(school.Id)] = true;
        foreach (var grade in r.Grades) entity[ContactFlags.Grade(grade)] = true;
        return entity;
    }

    internal static StoredContact FromEntity(TableEntity e) => new(
        e.RowKey,
        new ContactRecord(
            WireName<ContactRole>.Parse(e.PartitionKey),
            e.GetString("Email") ?? "",
            e.GetString("GivenName") ?? "",
            e.GetString("FamilyName") ?? "",
            Read<List<SchoolRef>>(e, "Schools"),
            Read<List<string>>(e, "Grades"),
            e.GetString("Language") ?? "",
            e.GetString("ExternalId"),
            WireName<ContactSource>.TryParse(e.GetString("Source"), out var source) ? source : ContactSource.Csv,
            Read<List<string>>(e, "StudentIds")),
        e.GetString("ContentHash") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetDateTimeOffset("UpdatedAt") ?? default,
        e.GetDateTimeOffset("ImportedAt") ?? default,
        e.GetDateTimeOffset("EngagedAt") ?? default);

    internal static IReadOnlyList<SchoolRef> SchoolsOf(TableEntity e) => Read<List<SchoolRef>>(e, "Schools");

    private static T Read<T>(TableEntity e, string property) where T : new() =>
        JsonSerializer.Deserialize<T>(e.GetString(property) ?? "[]", Json.Options) ?? new T();
}

/// <summary>What an import needs to know about a stored contact to decide whether to write it.</summary>
public sealed record ContactKey(string Id, string ContentHash, DateTimeOffset CreatedAt, DateTimeOffset ImportedAt, DateTimeOffset EngagedAt, ETag ETag);
