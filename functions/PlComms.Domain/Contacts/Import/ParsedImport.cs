namespace PlComms.Contacts;

/// <summary>A parsed import: the contacts its valid rows hold, the rows' errors, and how many data rows it read.</summary>
public sealed record ParsedImport(IReadOnlyList<ContactRecord> Contacts, IReadOnlyList<ImportRowError> Errors, int RowsRead);
