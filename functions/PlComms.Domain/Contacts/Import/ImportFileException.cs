namespace PlComms.Contacts;

/// <summary>
/// The file as a whole cannot be imported (not a zip, no users.csv, a required header missing, more rows than
/// allowed): nothing in it is imported. <see cref="File"/> names the file at fault, for the 400 response.
/// </summary>
public sealed class ImportFileException(string file, string message) : Exception(message)
{
    public string File { get; } = file;
}
