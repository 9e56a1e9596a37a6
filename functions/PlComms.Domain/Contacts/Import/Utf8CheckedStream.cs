using System.Text;

namespace PlComms.Contacts;

/// <summary>
/// Reads an import file through, refusing it (<see cref="ImportFileException"/>) at the first byte that is not UTF-8.
/// A file saved in another encoding (Excel's "CSV" in Windows-1252, "Unicode text" in UTF-16) would otherwise decode
/// to U+FFFD and be stored garbled, "José" as "Jos\uFFFD"; refusing the whole file, naming the line, keeps every
/// family's name as written. A UTF-8 byte order mark is fine. The inner stream stays the caller's to dispose.
/// </summary>
internal sealed class Utf8CheckedStream(Stream inner, string file) : Stream
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private char[] _chars = new char[4096];
    private int _line = 1;
    private bool _start = true;

    public override int Read(byte[] buffer, int offset, int count) => Check(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override int Read(Span<byte> buffer) => Check(buffer[..inner.Read(buffer)]);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Check(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Check(ReadOnlySpan<byte> read)
    {
        if (_start && read.Length >= 2)
        {
            _start = false;
            if (read is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
                throw new ImportFileException(file, "The file is UTF-16 (Excel's \"Unicode text\"). Save it as \"CSV UTF-8\" and upload it again.");
        }
        if (_chars.Length < read.Length + 4) _chars = new char[read.Length + 4];
        try
        {
            _decoder.GetChars(read, _chars, flush: read.Length == 0);
        }
        catch (DecoderFallbackException ex)
        {
            var at = Math.Clamp(ex.Index, 0, read.Length);
            var line = _line + read[..at].Count((byte)'\n');
            throw new ImportFileException(file,
                $"The file is not UTF-8 text: line {line} has bytes that UTF-8 does not allow (a file saved in another encoding, such as Windows-1252). Save it as \"CSV UTF-8\" and upload it again.");
        }
        _line += read.Count((byte)'\n');
        return read.Length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

}
