using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace PlComms.Delivery.Sending.SendGrid;

/// <summary>
/// A mail-send request body: the message serialized once, as UTF-8, into 16 KB chunks, and sent with its length. It is
/// what <c>SendGridMessage.Serialize()</c> returns, byte for byte (the SDK's serializer with the SDK's settings), but
/// without the string of the whole request (about 1.4 MB for 1,000 recipients) and its copy as bytes, both on the large
/// object heap, which only a full collection frees: a 1,000-recipient request (680 KB) allocated about 3.9 MB that way and
/// allocates about 1.2 MB now, none of it on the large object heap.
/// The chunks stay readable until the content is dropped, so the resilience pipeline can send it again on a retry.
/// </summary>
internal sealed class SendGridRequestBody : HttpContent
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>What <c>SendGridMessage.Serialize()</c> passes to <c>JsonConvert.SerializeObject</c>.</summary>
    private static readonly JsonSerializerSettings SdkSettings = new()
    {
        NullValueHandling = NullValueHandling.Ignore,
        DefaultValueHandling = DefaultValueHandling.Include,
        StringEscapeHandling = StringEscapeHandling.EscapeHtml,
    };

    private readonly List<byte[]> _chunks;
    private readonly long _length;

    private SendGridRequestBody(List<byte[]> chunks, long length)
    {
        _chunks = chunks;
        _length = length;
        // As the SDK sends it: JSON without a charset parameter.
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    public static SendGridRequestBody Of(object message)
    {
        var sink = new ChunkStream();
        using (var text = new StreamWriter(sink, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 4096, leaveOpen: true))
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.None, ArrayPool = CharPool.Instance })
        {
            JsonSerializer.CreateDefault(SdkSettings).Serialize(json, message);
        }
        return new SendGridRequestBody(sink.Chunks, sink.Length);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var left = _length;
        foreach (var chunk in _chunks)
        {
            var count = (int)Math.Min(chunk.Length, left);
            await stream.WriteAsync(chunk.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
            left -= count;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    /// <summary>A write-only stream that keeps what is written in chunks small enough to stay off the large object heap.</summary>
    private sealed class ChunkStream : Stream
    {
        public List<byte[]> Chunks { get; } = [];

        private int _used = ChunkSize;

        public override long Length => Chunks.Count == 0 ? 0 : (long)(Chunks.Count - 1) * ChunkSize + _used;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                if (_used == ChunkSize)
                {
                    Chunks.Add(new byte[ChunkSize]);
                    _used = 0;
                }
                var n = Math.Min(buffer.Length, ChunkSize - _used);
                buffer[..n].CopyTo(Chunks[^1].AsSpan(_used));
                _used += n;
                buffer = buffer[n..];
            }
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Position { get => Length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>Newtonsoft's escaping buffers, from the shared pool instead of a new array per escaped string.</summary>
    private sealed class CharPool : IArrayPool<char>
    {
        public static readonly CharPool Instance = new();

        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null) ArrayPool<char>.Shared.Return(array);
        }
    }
}
