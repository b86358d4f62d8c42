namespace Pontive.Iot.EdgeAgent.Devices.Ads1115Soil;

/// <summary>
/// The ADS1115's four 16-bit registers and the fields of its config register (TI SBAS444, section 9.6),
/// as the emulator needs them. The host writes a pointer byte (P[1:0]) and then, for a write, the register's
/// two bytes most significant first.
/// </summary>
internal static class Ads1115Registers
{
    public const byte Conversion = 0x00;
    public const byte Config = 0x01;
    public const byte LowThreshold = 0x02;
    public const byte HighThreshold = 0x03;
    public const byte PointerMask = 0b11;

    /// <summary>Power-on values (datasheet register tables).</summary>
    public const ushort ConfigReset = 0x8583;
    public const ushort LowThresholdReset = 0x8000;
    public const ushort HighThresholdReset = 0x7FFF;

    /// <summary>OS: written 1 in power-down starts a single conversion; reads 0 while converting, 1 when idle.</summary>
    public const ushort OperationalStatus = 0x8000;

    /// <summary>MODE: 1 = single-shot (power-down after each conversion), 0 = continuous.</summary>
    public const ushort SingleShotMode = 0x0100;

    public static int Multiplexer(ushort config) => (config >> 12) & 0b111;

    public static int Gain(ushort config) => (config >> 9) & 0b111;

    public static int DataRate(ushort config) => (config >> 5) & 0b111;

    /// <summary>The PGA's full-scale range, ±FS (datasheet table "Full-Scale Range and Corresponding LSB Size"); 110 and 111 are both ±0.256 V.</summary>
    public static double FullScaleVolts(int gain) => gain switch
    {
        0 => 6.144,
        1 => 4.096,
        2 => 2.048,
        3 => 1.024,
        4 => 0.512,
        _ => 0.256,
    };

    /// <summary>One count: FS / 2^15 (125 µV at ±4.096 V).</summary>
    public static double VoltsPerCount(int gain) => FullScaleVolts(gain) / 32768.0;

    /// <summary>DR[2:0]: 8, 16, 32, 64, 128, 250, 475 or 860 conversions a second.</summary>
    public static int SamplesPerSecond(int dataRate) => dataRate switch
    {
        0 => 8,
        1 => 16,
        2 => 32,
        3 => 64,
        4 => 128,
        5 => 250,
        6 => 475,
        _ => 860,
    };

    /// <summary>MUX[2:0]: the positive input and the negative one (null = GND for single-ended 100..111).</summary>
    public static (int Positive, int? Negative) Inputs(int multiplexer) => multiplexer switch
    {
        0 => (0, 1),
        1 => (0, 3),
        2 => (1, 3),
        3 => (2, 3),
        _ => (multiplexer - 4, null),
    };
}
