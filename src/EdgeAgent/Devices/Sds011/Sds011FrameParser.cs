using UnitsNet;

namespace Pontive.Iot.EdgeAgent.Devices.Sds011;

/// <summary>
/// Finds SDS011 frames in the bytes of a serial line, however they are cut into reads: resynchronises on 0xAA after
/// line noise, waits for the rest of a frame that has only partly arrived, and rejects a frame whose tail or checksum
/// is wrong, looking for the next start after its first byte. Data frames become measurements; replies to commands
/// are counted and kept.
/// </summary>
internal sealed class Sds011FrameParser
{
    private const int Capacity = 128;

    private readonly byte[] _buffer = new byte[Capacity];
    private int _count;

    /// <summary>Frames with the right head and command id but a wrong tail or checksum.</summary>
    public long RejectedFrames { get; private set; }

    /// <summary>Bytes skipped while looking for a frame start.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>Valid replies (0xC5) to commands.</summary>
    public long Replies { get; private set; }

    /// <summary>The last valid reply: its six data bytes (command, then what it set or reports).</summary>
    public byte[]? LastReply { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_count == Capacity)
            {
                Skip(Capacity / 2);
            }

            var taken = Math.Min(bytes.Length, Capacity - _count);
            bytes[..taken].CopyTo(_buffer.AsSpan(_count));
            _count += taken;
            bytes = bytes[taken..];
        }
    }

    /// <summary>The next complete, valid data frame; false when more bytes are needed.</summary>
    public bool TryTakeMeasurement(out Sds011Measurement measurement)
    {
        while (true)
        {
            Skip(FindStart());
            if (_count < Sds011Protocol.FrameLength)
            {
                break;
            }

            var frame = _buffer.AsSpan(0, Sds011Protocol.FrameLength);
            if (frame[9] != Sds011Protocol.Tail || Sds011Protocol.Checksum(frame[2..8]) != frame[8])
            {
                RejectedFrames++;
                Skip(1);
                continue;
            }

            if (frame[1] == Sds011Protocol.CommandReply)
            {
                Replies++;
                LastReply = frame[2..8].ToArray();
                Remove(Sds011Protocol.FrameLength);
                continue;
            }

            measurement = new Sds011Measurement(
                MassConcentration.FromMicrogramsPerCubicMeter((frame[2] | (frame[3] << 8)) / 10.0),
                MassConcentration.FromMicrogramsPerCubicMeter((frame[4] | (frame[5] << 8)) / 10.0),
                (ushort)((frame[6] << 8) | frame[7]));
            Remove(Sds011Protocol.FrameLength);
            return true;
        }

        measurement = null!;
        return false;
    }

    /// <summary>Index of the first possible frame start: 0xAA followed by a sensor's command id, or a 0xAA at the end.</summary>
    private int FindStart()
    {
        for (var i = 0; i < _count; i++)
        {
            if (_buffer[i] != Sds011Protocol.Head)
            {
                continue;
            }

            if (i + 1 == _count || _buffer[i + 1] is Sds011Protocol.DataReply or Sds011Protocol.CommandReply)
            {
                return i;
            }
        }

        return _count;
    }

    private void Skip(int count)
    {
        SkippedBytes += count;
        Remove(count);
    }

    private void Remove(int count)
    {
        if (count <= 0)
        {
            return;
        }

        _buffer.AsSpan(count, _count - count).CopyTo(_buffer);
        _count -= count;
    }
}
