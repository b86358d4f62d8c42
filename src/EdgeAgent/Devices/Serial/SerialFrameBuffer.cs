namespace Pontive.Iot.EdgeAgent.Devices.Serial;

/// <summary>
/// The bytes of a serial line a frame parser has not used yet. A parser looks for a frame start in
/// <see cref="Bytes"/>, skips what cannot start one and consumes the frames it takes. A line of pure noise cannot
/// grow it without end: when it is full, the older half goes.
/// </summary>
internal sealed class SerialFrameBuffer
{
    private readonly byte[] _buffer;

    /// <param name="capacity">Room for a frame and a half at least, so that a frame cut by noise is still found whole after it.</param>
    public SerialFrameBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _buffer = new byte[capacity];
    }

    /// <summary>Bytes waiting, oldest first.</summary>
    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Count);

    public int Count { get; private set; }

    /// <summary>Bytes dropped as noise: skipped while looking for a frame start, or pushed out by a full buffer.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>Adds bytes as they came off the line.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (Count == _buffer.Length)
            {
                Skip(_buffer.Length / 2);
            }

            var taken = Math.Min(bytes.Length, _buffer.Length - Count);
            bytes[..taken].CopyTo(_buffer.AsSpan(Count));
            Count += taken;
            bytes = bytes[taken..];
        }
    }

    /// <summary>Drops the first <paramref name="count"/> bytes as noise.</summary>
    public void Skip(int count)
    {
        SkippedBytes += count;
        Consume(count);
    }

    /// <summary>Drops the first <paramref name="count"/> bytes, a frame that was taken.</summary>
    public void Consume(int count)
    {
        if (count <= 0)
        {
            return;
        }

        _buffer.AsSpan(count, Count - count).CopyTo(_buffer);
        Count -= count;
    }
}
