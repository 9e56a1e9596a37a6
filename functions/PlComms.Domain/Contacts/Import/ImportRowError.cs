namespace PlComms.Contacts;

/// <summary>A row that was not imported, or a cell problem that kept it out.</summary>
/// <param name="File">The file the row is in: "upload.csv" for a simple CSV, the bundle's file name ("users.csv") for OneRoster.</param>
/// <param name="Line">The 1-based physical line where the row starts; the header is line 1.</param>
/// <param name="Column">The column as the file's header spells it, or null when the row as a whole is at fault.</param>
/// <param name="Reason">What is wrong, written for the person who fixes the file.</param>
public sealed record ImportRowError(string File, int Line, string? Column, string Reason);
