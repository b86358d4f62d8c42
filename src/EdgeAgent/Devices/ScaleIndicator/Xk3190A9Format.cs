using System.Globalization;

namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>
/// <c>"Format": "xk3190-a9"</c>: the continuous output (parameter tF = 0) of the Yaohua XK3190-A9/A9+ and the many
/// indicators that copy it. Twelve bytes per frame, from the A9+ manual: STX (0x02); the sign <c>+</c> or <c>-</c>;
/// six weight digits, highest first, without a decimal point; the number of decimals (0–4); the XOR of bytes 2 to 9
/// as two hex digits, high nibble first; ETX (0x03). Example: <c>STX +003260 0 1C ETX</c> is 3260. The frame carries
/// neither a unit (the entry's <c>Unit</c> says it) nor a stability flag (the stable-weight detector decides), and
/// in this mode the indicator takes no commands, so tare is kept by the agent.
/// </summary>
internal sealed class Xk3190A9Format : ScaleIndicatorFormat
{
    public const string FormatName = "xk3190-a9";

    public const byte Stx = 0x02;
    public const byte Etx = 0x03;
    public const int FrameLength = 12;
    public const int Digits = 6;
    public const int MaxDecimals = 4;

    public override string Name => FormatName;

    public override bool CarriesUnit => false;

    public override bool CarriesStability => false;

    public override IIndicatorFrameParser CreateParser() => new Xk3190A9FrameParser();

    /// <summary>The XOR of the sign, the six digits and the decimals digit (bytes 2 to 9 of the frame).</summary>
    public static byte Checksum(ReadOnlySpan<byte> signDigitsAndDecimals)
    {
        byte xor = 0;
        foreach (var value in signDigitsAndDecimals)
        {
            xor ^= value;
        }

        return xor;
    }

    public override (byte[] Bytes, Range Body) Encode(IndicatorFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var divisions = Math.Min(Math.Abs(frame.Divisions ?? 0), 999_999);
        var decimals = Math.Clamp(frame.Decimals, 0, MaxDecimals);
        var bytes = new byte[FrameLength];
        bytes[0] = Stx;
        bytes[1] = (byte)(frame.Value < 0 ? '-' : '+');
        var digits = divisions.ToString("D6", CultureInfo.InvariantCulture);
        for (var i = 0; i < Digits; i++)
        {
            bytes[2 + i] = (byte)digits[i];
        }

        bytes[8] = (byte)('0' + decimals);
        var xor = Checksum(bytes.AsSpan(1, 8));
        bytes[9] = HexDigit(xor >> 4);
        bytes[10] = HexDigit(xor & 0xF);
        bytes[11] = Etx;
        return (bytes, new Range(1, 9));
    }

    /// <summary>A nibble as the manual writes it: 0x30 added up to 9, 0x37 above (upper-case hex).</summary>
    public static byte HexDigit(int nibble) => (byte)(nibble <= 9 ? '0' + nibble : 'A' + nibble - 10);
}
