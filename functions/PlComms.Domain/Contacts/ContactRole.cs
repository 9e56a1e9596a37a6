namespace PlComms.Contacts;

/// <summary>
/// Who a contact is to the district. Wire ids: "parent" (parents and guardians), "teacher", "staff", "community".
/// A person who is both a parent and a teacher is two contacts, one per role, so each audience's mail reaches them.
/// </summary>
public enum ContactRole
{
    Parent,
    Teacher,
    Staff,
    Community,
}

/// <summary>Where a contact came from. Wire ids: "csv", "one-roster".</summary>
public enum ContactSource
{
    Csv,
    OneRoster,
}
