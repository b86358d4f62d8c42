namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>
/// Reads <see cref="Xk3190A9Format"/> frames: resynchronises on STX after noise, waits for the rest of a frame that
/// has only partly arrived, and rejects a frame whose ETX, fields or XOR are wrong, looking for the next STX after its
/// first byte (a cut frame followed by a whole one fails, and the whole one is found again inside it).
/// </summary>
internal sealed class Xk3190A9FrameParser : IIndicatorFrameParser
{
    private const int Capacity = 128;

    private readonly byte[] _buffer = new byte[Capacity];
    private int _count;

    public long RejectedFrames { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_count == Capacity)
            {
                Remove(Capacity / 2);
            }

            var taken = Math.Min(bytes.Length, Capacity - _count);
            bytes[..taken].CopyTo(_buffer.AsSpan(_count));
            _count += taken;
            bytes = bytes[taken..];
        }
    }

    public bool TryTakeFrame(out IndicatorFrame frame)
    {
        while (true)
        {
            var start = Array.IndexOf(_buffer, Xk3190A9Format.Stx, 0, _count);
            Remove(start < 0 ? _count : start);
            if (_count < Xk3190A9Format.FrameLength)
            {
                break;
            }

            if (TryDecode(_buffer.AsSpan(0, Xk3190A9Format.FrameLength), out frame))
            {
                Remove(Xk3190A9Format.FrameLength);
                return true;
            }

            RejectedFrames++;
            Remove(1);
        }

        frame = null!;
        return false;
    }

    private static bool TryDecode(ReadOnlySpan<byte> bytes, out IndicatorFrame frame)
    {
        frame = null!;
        if (bytes[11] != Xk3190A9Format.Etx || bytes[1] is not ((byte)'+' or (byte)'-'))
        {
            return false;
        }

        long divisions = 0;
        foreach (var digit in bytes[2..8])
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            divisions = (divisions * 10) + (digit - '0');
        }

        var decimals = bytes[8] - '0';
        if (decimals is < 0 or > Xk3190A9Format.MaxDecimals)
        {
            return false;
        }

        var xor = Xk3190A9Format.Checksum(bytes[1..9]);
        if (!NibbleMatches(bytes[9], xor >> 4) || !NibbleMatches(bytes[10], xor & 0xF))
        {
            return false;
        }

        var value = divisions / IndicatorFrame.Pow10(decimals);
        if (bytes[1] == '-')
        {
            value = -value;
        }

        frame = new IndicatorFrame(IndicatorStatus.NotReported, IndicatorWeightKind.Gross, value, decimals, Unit: null);
        return true;
    }

    /// <summary>Upper-case hex as the manual writes it; lower case is taken too.</summary>
    private static bool NibbleMatches(byte character, int nibble) =>
        character == Xk3190A9Format.HexDigit(nibble) || (nibble > 9 && character == 'a' + nibble - 10);

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
