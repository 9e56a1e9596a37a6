using CsvHelper;

namespace PlComms.Contacts;

/// <summary>
/// One CSV file of an import, read with CsvHelper: a header row, then data rows handed out with the physical line
/// each starts on. Rows CsvHelper finds malformed (bad quoting, a different number of fields than the header) are
/// skipped and reported as row errors; blank rows are passed over. Every cell is returned as trimmed text.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    /// <summary>The longest record read; a longer one (an unclosed quote in a large file, say) fails the file.</summary>
    public const int MaxRecordBytes = 1024 * 1024;

    private readonly CsvReader _reader;
    private readonly Utf8CheckedStream _checked;
    private readonly string _file;
    private readonly int _maxRows;
    private int _blankRows;
    private readonly List<ImportRowError> _errors;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private readonly string[] _headers;

    private CsvTable(Stream content, string file, int maxRows, List<ImportRowError> errors)
    {
        _file = file;
        _maxRows = maxRows;
        _errors = errors;
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = Malformed,
            MaxRecordSize = MaxRecordBytes,
            IncludeValuesInExceptions = false,
        };
        // Every byte is checked to be UTF-8 as it is read; the check's stream leaves the caller's stream open.
        _checked = new Utf8CheckedStream(content, file);
        _reader = CsvReader.Create(_checked, options, leaveOpen: true);
        try
        {
            _headers = [.. _reader.Headers];
        }
        catch (CsvFormatException ex)
        {
            _reader.Dispose();
            throw new ImportFileException(file, $"The header row cannot be read: {ex.Message}");
        }
        catch (ImportFileException)
        {
            _reader.Dispose();
            throw;
        }
        if (_headers.Length == 0 || _headers.All(string.IsNullOrWhiteSpace))
        {
            _reader.Dispose();
            throw new ImportFileException(file, "The file is empty: it needs a header row naming its columns.");
        }
        for (var i = 0; i < _headers.Length; i++)
        {
            var key = Key(_headers[i]);
            if (key.Length == 0) continue;
            if (!_columns.TryAdd(key, i))
            {
                _reader.Dispose();
                throw new ImportFileException(file, $"The header names the column '{_headers[i].Trim()}' more than once.");
            }
        }
    }

    /// <summary>Data rows read: those returned, blank ones aside, and those reported as malformed.</summary>
    public int RowsRead { get; private set; }

    public string File => _file;

    /// <summary>Opens a file and reads its header; a file with no header is an <see cref="ImportFileException"/>.</summary>
    public static CsvTable Open(Stream content, string file, int maxRows, List<ImportRowError> errors) => new(content, file, maxRows, errors);

    /// <summary>
    /// How a header name is matched: trimmed, case-insensitive, with '_', '-' and spaces dropped, so "given_name",
    /// "Given Name" and "givenName" are one column.
    /// </summary>
    public static string Key(string header) =>
        new([.. header.Trim().Where(c => c is not ('_' or '-' or ' ')).Select(char.ToLowerInvariant)]);

    public bool Has(string column) => _columns.ContainsKey(Key(column));

    /// <summary>The header as the file spells it, for error messages; the given name when the file lacks it.</summary>
    public string HeaderOf(string column) => _columns.TryGetValue(Key(column), out var i) ? _headers[i].Trim() : column;

    /// <summary>Throws when any of the columns is missing from the header.</summary>
    public void Require(params string[] columns)
    {
        var missing = columns.Where(c => !Has(c)).ToList();
        if (missing.Count > 0)
            throw new ImportFileException(_file,
                $"The header row must name the column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}; it has {string.Join(", ", _headers.Select(h => h.Trim()))}.");
    }

    /// <summary>The data rows, blank ones skipped. More than the row limit is an <see cref="ImportFileException"/>.</summary>
    public IEnumerable<CsvLine> Rows()
    {
        while (true)
        {
            bool read;
            try
            {
                read = _reader.Read();
            }
            catch (CsvFormatException ex)
            {
                throw new ImportFileException(_file, $"The file cannot be read past line {ex.LineNumber}: {ex.Message}");
            }
            if (!read) yield break;
            var cells = new string[_reader.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = _reader.GetString(i).Trim();
            if (cells.All(c => c.Length == 0))
            {
                // Blank rows are passed over, but not without end: a zip bomb of empty rows would otherwise be read
                // to its last gigabyte.
                if (++_blankRows > _maxRows)
                    throw new ImportFileException(_file, $"The file has more than {_maxRows:N0} blank rows. Remove them and upload it again.");
                continue;
            }
            CountRow();
            yield return new CsvLine(this, (int)_reader.LineNumber, cells);
        }
    }

    internal string Cell(string[] cells, string column) =>
        _columns.TryGetValue(Key(column), out var i) && i < cells.Length ? cells[i] : "";

    private void CountRow()
    {
        RowsRead++;
        if (RowsRead > _maxRows)
            throw new ImportFileException(_file, $"The file has more than {_maxRows:N0} data rows, the most one import takes. Split it into smaller files.");
    }

    private void Malformed(CsvMalformedRecord record)
    {
        CountRow();
        var reason = record.Reason switch
        {
            CsvMalformedReason.FieldCountMismatch =>
                $"The row has {FieldCount(record.RawRecord)} fields where the header has {_headers.Length}; check for a missing or extra comma, or a value with a comma that is not in quotes.",
            CsvMalformedReason.StrayQuote => "A quote (\") appears inside a value that is not in quotes; put the value in quotes and double the quote (\"\").",
            CsvMalformedReason.TextAfterClosingQuote => "Text follows the closing quote of a quoted value; double any quote (\"\") inside a quoted value.",
            CsvMalformedReason.UnterminatedQuote => "A quoted value is never closed, so the rest of the file from this line could not be read.",
            _ => $"The row is malformed ({record.Reason}).",
        };
        _errors.Add(new ImportRowError(_file, (int)record.LineNumber, null, reason));
    }

    /// <summary>Fields in a raw record, for the message only (quoted commas are not counted as separators).</summary>
    private static int FieldCount(string raw)
    {
        int count = 1;
        var quoted = false;
        foreach (var c in raw)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) count++;
        }
        return count;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _checked.Dispose();
    }
}

/// <summary>One data row: its first physical line and its trimmed cells.</summary>
internal readonly record struct CsvLine(CsvTable Table, int Line, string[] Cells)
{
    /// <summary>The trimmed cell of the column, "" when the file has no such column.</summary>
    public string this[string column] => Table.Cell(Cells, column);
}
