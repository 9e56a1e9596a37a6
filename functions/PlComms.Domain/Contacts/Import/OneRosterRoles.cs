namespace PlComms.Contacts;

/// <summary>What a OneRoster role means to a contact import.</summary>
internal enum OneRosterRoleKind
{
    /// <summary>A role whose users are not contacts (proctor, systemAdministrator, ...): the row is skipped, not an error.</summary>
    NotImported,
    Contact,
    Student,
}

/// <summary>OneRoster 1.1 / 1.2 role values, matched ignoring case.</summary>
internal static class OneRosterRoles
{
    private static readonly Dictionary<string, ContactRole> Contacts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["guardian"] = ContactRole.Parent,
        ["parent"] = ContactRole.Parent,
        ["relative"] = ContactRole.Parent,
        ["teacher"] = ContactRole.Teacher,
        ["aide"] = ContactRole.Teacher,
        ["administrator"] = ContactRole.Staff,
        ["districtAdministrator"] = ContactRole.Staff,
        ["siteAdministrator"] = ContactRole.Staff,
        ["principal"] = ContactRole.Staff,
    };

    public static OneRosterRoleKind Kind(string role, out ContactRole contactRole)
    {
        contactRole = default;
        if (Contacts.TryGetValue(role.Trim(), out contactRole)) return OneRosterRoleKind.Contact;
        return string.Equals(role.Trim(), "student", StringComparison.OrdinalIgnoreCase) ? OneRosterRoleKind.Student : OneRosterRoleKind.NotImported;
    }
}
