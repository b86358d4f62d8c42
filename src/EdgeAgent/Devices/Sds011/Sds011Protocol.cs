namespace Pontive.Iot.EdgeAgent.Devices.Sds011;

/// <summary>
/// The SDS011's serial protocol, from Nova Fitness's "Laser Dust Sensor Control Protocol V1.3" and the SDS011
/// datasheet. 9600 baud, 8N1. The sensor sends 10-byte frames: 0xAA, a command id (0xC0 data, 0xC5 reply), six data
/// bytes, a checksum (the low 8 bits of the sum of the six data bytes) and 0xAB. The host sends 19-byte commands:
/// 0xAA 0xB4, the command, twelve data bytes, the device id (0xFFFF: any), a checksum over bytes 2 to 16, 0xAB.
/// </summary>
internal static class Sds011Protocol
{
    public const byte Head = 0xAA;
    public const byte Tail = 0xAB;

    /// <summary>Command id of a host command.</summary>
    public const byte HostCommand = 0xB4;

    /// <summary>Command id of a data frame: PM2.5 and PM10.</summary>
    public const byte DataReply = 0xC0;

    /// <summary>Command id of the answer to a host command.</summary>
    public const byte CommandReply = 0xC5;

    public const int FrameLength = 10;
    public const int CommandLength = 19;

    /// <summary>Data reporting mode: data byte 1 = 1 (set), data byte 2 = 0 active, 1 query.</summary>
    public const byte ReportingMode = 2;

    /// <summary>Query data: the sensor answers with one data frame.</summary>
    public const byte QueryData = 4;

    /// <summary>Sleep and work: data byte 1 = 1 (set), data byte 2 = 0 sleep, 1 work.</summary>
    public const byte SleepWork = 6;

    /// <summary>Working period: data byte 1 = 1 (set), data byte 2 = 0 continuous, n = work 30 s every n minutes (1–30).</summary>
    public const byte WorkingPeriod = 8;

    /// <summary>Data byte 1 of a setting command: set (1) rather than query (0) the setting.</summary>
    public const byte Set = 1;

    /// <summary>Every sensor on the line.</summary>
    public const ushort AnyDevice = 0xFFFF;

    /// <summary>The 19-byte command with up to twelve data bytes (the rest zero), addressed to <paramref name="deviceId"/>.</summary>
    public static byte[] Command(byte command, ReadOnlySpan<byte> data, ushort deviceId = AnyDevice)
    {
        if (data.Length > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, "A command carries at most twelve data bytes.");
        }

        var frame = new byte[CommandLength];
        frame[0] = Head;
        frame[1] = HostCommand;
        frame[2] = command;
        data.CopyTo(frame.AsSpan(3));
        frame[15] = (byte)(deviceId >> 8);
        frame[16] = (byte)deviceId;
        frame[17] = Checksum(frame.AsSpan(2, 15));
        frame[18] = Tail;
        return frame;
    }

    /// <summary>The low 8 bits of the sum of the bytes.</summary>
    public static byte Checksum(ReadOnlySpan<byte> bytes)
    {
        var sum = 0;
        foreach (var value in bytes)
        {
            sum += value;
        }

        return (byte)sum;
    }
}
