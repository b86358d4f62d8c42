using System.Buffers.Binary;
using Pontive.Iot.EdgeAgent.Devices.Serial;
using UnitsNet;

namespace Pontive.Iot.EdgeAgent.Devices.Pms5003;

/// <summary>
/// Finds PMS5003 data frames in the bytes of a serial line, however they are cut into reads. It resynchronises on
/// the start bytes after line noise, waits for the rest of a frame that has only partly arrived, and rejects a
/// frame whose checksum does not match, looking for the next start after its first byte (a cut frame followed by a
/// whole one fails the checksum, and the whole one is found again inside it).
/// </summary>
internal sealed class Pms5003FrameParser : ISerialFrameParser<Pms5003Measurement>
{
    /// <summary>Enough for a frame and a half; when noise fills it the oldest bytes go.</summary>
    private readonly SerialFrameBuffer _buffer = new(capacity: 256);

    /// <summary>Frames with the right start and length whose checksum did not match.</summary>
    public long RejectedFrames { get; private set; }

    /// <summary>Bytes skipped while looking for a frame start (noise, pieces of cut frames).</summary>
    public long SkippedBytes => _buffer.SkippedBytes;

    /// <summary>Valid 8-byte answers to mode and sleep commands, which carry no measurement.</summary>
    public long Replies { get; private set; }

    /// <summary>Adds bytes as they came off the line.</summary>
    public void Append(ReadOnlySpan<byte> bytes) => _buffer.Append(bytes);

    bool ISerialFrameParser<Pms5003Measurement>.TryTakeFrame(out Pms5003Measurement frame) => TryTakeMeasurement(out frame);

    /// <summary>The next complete, valid data frame; false when more bytes are needed.</summary>
    public bool TryTakeMeasurement(out Pms5003Measurement measurement)
    {
        while (true)
        {
            _buffer.Skip(FindStart());
            if (_buffer.Count < Pms5003Protocol.HeaderLength)
            {
                break;
            }

            var lengthField = BinaryPrimitives.ReadUInt16BigEndian(_buffer.Bytes[2..]);
            if (lengthField is not (Pms5003Protocol.DataLengthField or Pms5003Protocol.ReplyLengthField))
            {
                // "BM" by chance inside noise or data: not a frame start.
                _buffer.Skip(1);
                continue;
            }

            var frameLength = Pms5003Protocol.HeaderLength + lengthField;
            if (_buffer.Count < frameLength)
            {
                break;
            }

            var frame = _buffer.Bytes[..frameLength];
            var expected = BinaryPrimitives.ReadUInt16BigEndian(frame[^2..]);
            if (Pms5003Protocol.Checksum(frame[..^2]) != expected)
            {
                RejectedFrames++;
                _buffer.Skip(1);
                continue;
            }

            if (lengthField == Pms5003Protocol.ReplyLengthField)
            {
                Replies++;
                _buffer.Consume(frameLength);
                continue;
            }

            measurement = Decode(frame);
            _buffer.Consume(frameLength);
            return true;
        }

        measurement = null!;
        return false;
    }

    /// <summary>Decodes a checked 32-byte data frame.</summary>
    private static Pms5003Measurement Decode(ReadOnlySpan<byte> frame)
    {
        // Data n (1 to 13) is the big-endian word after the start bytes, the length and the n - 1 words before it.
        Span<int> words = stackalloc int[14];
        for (var n = 1; n <= 13; n++)
        {
            words[n] = BinaryPrimitives.ReadUInt16BigEndian(frame[(2 + (2 * n))..]);
        }

        return new Pms5003Measurement(
            Ugm3(words[1]), Ugm3(words[2]), Ugm3(words[3]),
            Ugm3(words[4]), Ugm3(words[5]), Ugm3(words[6]),
            new Pms5003ParticleCounts(words[7], words[8], words[9], words[10], words[11], words[12]),
            (ushort)words[13]);
    }

    private static MassConcentration Ugm3(int value) => MassConcentration.FromMicrogramsPerCubicMeter(value);

    /// <summary>Index of the first possible frame start: 0x42 0x4D, or a 0x42 at the very end that may be one.</summary>
    private int FindStart()
    {
        var bytes = _buffer.Bytes;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == Pms5003Protocol.StartByte1 && (i + 1 == bytes.Length || bytes[i + 1] == Pms5003Protocol.StartByte2))
            {
                return i;
            }
        }

        return bytes.Length;
    }
}
