using System.IO.Compression;
using System.Text;

namespace PlComms.UnitTests.Contacts;

/// <summary>Builds OneRoster CSV bundles in memory: file path in the zip → text (written as UTF-8, with a BOM when asked).</summary>
internal static class OneRosterZip
{
    public const string Users11Header =
        "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password";

    public const string Users12Header =
        "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns,preferredLanguage";

    public const string Roles12Header = "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId";

    public const string OrgsHeader = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId";

    public static MemoryStream Build(params (string Path, string Text)[] files) => Build(bom: false, files);

    public static MemoryStream Build(bool bom, params (string Path, string Text)[] files)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, text) in files)
            {
                using var entry = zip.CreateEntry(path).Open();
                entry.Write(new UTF8Encoding(bom).GetPreamble());
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        buffer.Position = 0;
        return buffer;
    }

    /// <summary>Lines joined with CRLF, ending with one.</summary>
    public static string Crlf(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    /// <summary>A 1.1 users.csv row from the fields this import reads; the others are left empty.</summary>
    public static string User11(string id, string role, string email = "", string orgs = "", string agents = "", string grades = "",
        string status = "active", string enabled = "true", string given = "Given", string family = "Family") =>
        string.Join(',', id, status, "2025-08-01T00:00:00Z", enabled, Quote(orgs), role, id, "", given, family, "", "", email, "", "", Quote(agents), Quote(grades), "");

    public static string Org(string id, string name) => string.Join(',', id, "active", "2025-08-01T00:00:00Z", Quote(name), "school", "", "");

    private static string Quote(string value) => value.Contains(',') ? $"\"{value}\"" : value;
}
