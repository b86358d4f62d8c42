namespace Pontive.Iot.Ingest.Broker;

/// <summary>
/// Reads a client's MQTT byte stream on behalf of the broker and follows its packet framing: each packet's fixed header
/// announces the length of the rest (MQTT 5 §2.1.4, a variable byte integer). A length over the limit ends the
/// connection in the very read that brought it, before MQTTnet allocates a buffer of that size: MQTTnet 5 allocates
/// whatever length a header announces, even before CONNECT is authenticated, so without this a client could make the
/// broker allocate up to 256 MB per connection.
/// </summary>
public sealed class PacketSizeGuardStream(Stream inner, int maxPacketBytes) : Stream
{
    private long _bodyLeft;
    private bool _readingLength;
    private int _length;
    private int _shift;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Follow(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Follow(buffer.Span[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <exception cref="IOException">A packet over the limit, or a length that is not a valid variable byte integer.</exception>
    private void Follow(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            if (_bodyLeft > 0)
            {
                var skip = (int)Math.Min(_bodyLeft, bytes.Length - i);
                _bodyLeft -= skip;
                i += skip;
                continue;
            }

            if (!_readingLength)
            {
                // The packet type and flags; the length follows.
                _readingLength = true;
                _length = 0;
                _shift = 0;
                i++;
                continue;
            }

            var next = bytes[i++];
            _length |= (next & 0x7F) << _shift;
            _shift += 7;
            if ((next & 0x80) != 0)
            {
                if (_shift >= 28)
                {
                    throw new IOException("Malformed MQTT packet length (more than 4 bytes).");
                }

                continue;
            }

            _readingLength = false;
            if (_length > maxPacketBytes)
            {
                throw new IOException($"MQTT packet of {_length} bytes refused: the limit is {maxPacketBytes} (Broker:MaxPacketBytes).");
            }

            _bodyLeft = _length;
        }
    }
}
