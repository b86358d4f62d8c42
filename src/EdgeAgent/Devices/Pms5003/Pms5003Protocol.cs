using System.Buffers.Binary;

namespace Pontive.Iot.EdgeAgent.Devices.Pms5003;

/// <summary>
/// The PMS5003's serial protocol, from Plantower's "PMS5003 series data manual" (2016), appendices I and II.
/// Every frame starts 0x42 0x4D ("BM"), carries a big-endian 16-bit length of what follows it, and ends with a
/// big-endian 16-bit checksum: the sum of every byte before it. 9600 baud, 8N1.
/// </summary>
internal static class Pms5003Protocol
{
    public const byte StartByte1 = 0x42;
    public const byte StartByte2 = 0x4D;

    /// <summary>Start bytes and the length field: what comes before the length the field counts.</summary>
    public const int HeaderLength = 4;

    /// <summary>A data frame: 13 data words and the checksum (2 × 13 + 2).</summary>
    public const int DataLengthField = 28;

    /// <summary>A whole data frame: 32 bytes.</summary>
    public const int DataFrameLength = HeaderLength + DataLengthField;

    /// <summary>
    /// The answer many units give to a mode or sleep command (not in the data manual, seen on real sensors and
    /// handled by common libraries): 0x42 0x4D 0x00 0x04, the command, its data byte, the checksum.
    /// </summary>
    public const int ReplyLengthField = 4;

    public const int CommandLength = 7;

    /// <summary>Read one frame while in passive mode (data 0x0000).</summary>
    public const byte ReadInPassiveMode = 0xE2;

    /// <summary>Change mode: data 0x0000 passive, 0x0001 active (the mode after power-up).</summary>
    public const byte ChangeMode = 0xE1;

    /// <summary>Sleep set: data 0x0000 sleep (fan and laser off), 0x0001 wake up.</summary>
    public const byte SleepSet = 0xE4;

    /// <summary>The 7-byte command: start bytes, command, data high and low, checksum high and low.</summary>
    public static byte[] Command(byte command, ushort data)
    {
        var frame = new byte[CommandLength];
        frame[0] = StartByte1;
        frame[1] = StartByte2;
        frame[2] = command;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(3), data);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(5), Checksum(frame.AsSpan(0, 5)));
        return frame;
    }

    /// <summary>The sum of the bytes, in 16 bits.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> bytes)
    {
        var sum = 0;
        foreach (var value in bytes)
        {
            sum += value;
        }

        return (ushort)sum;
    }
}
