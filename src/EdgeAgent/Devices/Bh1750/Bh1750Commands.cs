namespace Pontive.Iot.EdgeAgent.Devices.Bh1750;

/// <summary>
/// The BH1750FVI's instruction set (ROHM datasheet, "Instruction Set Architecture"): one opcode per write, no
/// registers. A read returns the two bytes of the last finished measurement, high byte first.
/// </summary>
internal static class Bh1750Commands
{
    public const byte PowerDown = 0x00;
    public const byte PowerOn = 0x01;

    /// <summary>Clears the data register; ignored in power-down.</summary>
    public const byte Reset = 0x07;

    public const byte ContinuousHighResolution = 0x10;
    public const byte ContinuousHighResolution2 = 0x11;
    public const byte ContinuousLowResolution = 0x13;
    public const byte OneTimeHighResolution = 0x20;
    public const byte OneTimeHighResolution2 = 0x21;
    public const byte OneTimeLowResolution = 0x23;

    /// <summary>01000_MT[7,6,5]: the high bits of the measurement-time register.</summary>
    public const byte MeasurementTimeHighBits = 0x40;

    /// <summary>011_MT[4,3,2,1,0]: its low bits.</summary>
    public const byte MeasurementTimeLowBits = 0x60;

    /// <summary>MTreg's default; sensitivity and measurement time scale with MTreg / 69.</summary>
    public const int DefaultMeasurementTime = 69;

    public const int MinMeasurementTime = 31;
    public const int MaxMeasurementTime = 254;

    /// <summary>Typical H-resolution measurement time at MTreg 69 (datasheet: 120 ms typical, 180 ms at most).</summary>
    public static readonly TimeSpan HighResolutionTime = TimeSpan.FromMilliseconds(120);

    public static readonly TimeSpan HighResolutionMaxTime = TimeSpan.FromMilliseconds(180);

    /// <summary>Typical L-resolution measurement time (16 ms typical, 24 ms at most).</summary>
    public static readonly TimeSpan LowResolutionTime = TimeSpan.FromMilliseconds(16);

    public static bool IsMeasurement(byte opcode) =>
        opcode is ContinuousHighResolution or ContinuousHighResolution2 or ContinuousLowResolution
            or OneTimeHighResolution or OneTimeHighResolution2 or OneTimeLowResolution;

    public static bool IsOneTime(byte opcode) => (opcode & 0xF0) == 0x20;

    public static bool IsLowResolution(byte opcode) => (opcode & 0x0F) == 0x03;

    public static bool IsHighResolution2(byte opcode) => (opcode & 0x0F) == 0x01;
}
