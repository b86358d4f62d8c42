using Pontive.Iot.EdgeAgent.Devices.Serial;
using UnitsNet;

namespace Pontive.Iot.EdgeAgent.Devices.Sds011;

/// <summary>
/// Finds SDS011 frames in the bytes of a serial line, however they are cut into reads: resynchronises on 0xAA after
/// line noise, waits for the rest of a frame that has only partly arrived, and rejects a frame whose tail or checksum
/// is wrong, looking for the next start after its first byte. Data frames become measurements; replies to commands
/// are counted and kept.
/// </summary>
internal sealed class Sds011FrameParser : ISerialFrameParser<Sds011Measurement>
{
    private readonly SerialFrameBuffer _buffer = new(capacity: 128);

    /// <summary>Frames with the right head and command id but a wrong tail or checksum.</summary>
    public long RejectedFrames { get; private set; }

    /// <summary>Bytes skipped while looking for a frame start.</summary>
    public long SkippedBytes => _buffer.SkippedBytes;

    /// <summary>Valid replies (0xC5) to commands.</summary>
    public long Replies { get; private set; }

    /// <summary>The last valid reply: its six data bytes (command, then what it set or reports).</summary>
    public byte[]? LastReply { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes) => _buffer.Append(bytes);

    bool ISerialFrameParser<Sds011Measurement>.TryTakeFrame(out Sds011Measurement frame) => TryTakeMeasurement(out frame);

    /// <summary>The next complete, valid data frame; false when more bytes are needed.</summary>
    public bool TryTakeMeasurement(out Sds011Measurement measurement)
    {
        while (true)
        {
            _buffer.Skip(FindStart());
            if (_buffer.Count < Sds011Protocol.FrameLength)
            {
                break;
            }

            var frame = _buffer.Bytes[..Sds011Protocol.FrameLength];
            if (frame[9] != Sds011Protocol.Tail || Sds011Protocol.Checksum(frame[2..8]) != frame[8])
            {
                RejectedFrames++;
                _buffer.Skip(1);
                continue;
            }

            if (frame[1] == Sds011Protocol.CommandReply)
            {
                Replies++;
                LastReply = frame[2..8].ToArray();
                _buffer.Consume(Sds011Protocol.FrameLength);
                continue;
            }

            measurement = new Sds011Measurement(
                MassConcentration.FromMicrogramsPerCubicMeter((frame[2] | (frame[3] << 8)) / 10.0),
                MassConcentration.FromMicrogramsPerCubicMeter((frame[4] | (frame[5] << 8)) / 10.0),
                (ushort)((frame[6] << 8) | frame[7]));
            _buffer.Consume(Sds011Protocol.FrameLength);
            return true;
        }

        measurement = null!;
        return false;
    }

    /// <summary>Index of the first possible frame start: 0xAA followed by a sensor's command id, or a 0xAA at the end.</summary>
    private int FindStart()
    {
        var bytes = _buffer.Bytes;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != Sds011Protocol.Head)
            {
                continue;
            }

            if (i + 1 == bytes.Length || bytes[i + 1] is Sds011Protocol.DataReply or Sds011Protocol.CommandReply)
            {
                return i;
            }
        }

        return bytes.Length;
    }
}
