namespace Pontive.Iot.EdgeAgent.Devices.Bme280;

/// <summary>
/// The trimming parameters Bosch burns into each chip, which the host needs to turn raw ADC values into
/// temperature, pressure and humidity. Names follow the datasheet (dig_T1 .. dig_H6).
/// </summary>
internal sealed record Bme280Calibration
{
    /// <summary>
    /// Temperature and pressure from the worked example in the BMP280 datasheet (BST-BMP280-DS001), so
    /// the emulator can be checked against published numbers. Humidity from a real BME280; dig_H4 and
    /// dig_H5 both have non-zero low nibbles, so a driver that decodes 0xE5 wrongly reads humidity
    /// visibly wrong.
    /// </summary>
    public static Bme280Calibration Typical { get; } = new()
    {
        DigT1 = 27504,
        DigT2 = 26435,
        DigT3 = -1000,
        DigP1 = 36477,
        DigP2 = -10685,
        DigP3 = 3024,
        DigP4 = 2855,
        DigP5 = 140,
        DigP6 = -7,
        DigP7 = 15500,
        DigP8 = -14600,
        DigP9 = 6000,
        DigH1 = 75,
        DigH2 = 362,
        DigH3 = 0,
        DigH4 = 313,
        DigH5 = 50,
        DigH6 = 30,
    };

    public ushort DigT1 { get; init; }
    public short DigT2 { get; init; }
    public short DigT3 { get; init; }
    public ushort DigP1 { get; init; }
    public short DigP2 { get; init; }
    public short DigP3 { get; init; }
    public short DigP4 { get; init; }
    public short DigP5 { get; init; }
    public short DigP6 { get; init; }
    public short DigP7 { get; init; }
    public short DigP8 { get; init; }
    public short DigP9 { get; init; }
    public byte DigH1 { get; init; }
    public short DigH2 { get; init; }
    public byte DigH3 { get; init; }

    /// <summary>Signed 12-bit.</summary>
    public short DigH4 { get; init; }

    /// <summary>Signed 12-bit.</summary>
    public short DigH5 { get; init; }

    public sbyte DigH6 { get; init; }

    /// <summary>Registers 0x88..0xA1 as the datasheet lays them out (its table of trimming parameters).</summary>
    public byte[] EncodeBlock1()
    {
        var block = new byte[Bme280Registers.CalibrationBlock1Length];
        ReadOnlySpan<ushort> words =
        [
            DigT1, (ushort)DigT2, (ushort)DigT3,
            DigP1, (ushort)DigP2, (ushort)DigP3, (ushort)DigP4, (ushort)DigP5,
            (ushort)DigP6, (ushort)DigP7, (ushort)DigP8, (ushort)DigP9,
        ];
        for (var i = 0; i < words.Length; i++)
        {
            block[2 * i] = (byte)words[i];
            block[(2 * i) + 1] = (byte)(words[i] >> 8);
        }

        // 0xA0 is reserved and reads as 0 here.
        block[0xA1 - Bme280Registers.CalibrationBlock1] = DigH1;
        return block;
    }

    /// <summary>
    /// Registers 0xE1..0xE7 as the datasheet lays them out (its table of trimming parameters):
    /// dig_H4 is 0xE4[7:0] then 0xE5[3:0], dig_H5 is 0xE6[7:0] then 0xE5[7:4].
    /// </summary>
    public byte[] EncodeBlock2() =>
    [
        (byte)DigH2,
        (byte)(DigH2 >> 8),
        DigH3,
        (byte)(DigH4 >> 4),
        (byte)(((DigH5 & 0x0F) << 4) | (DigH4 & 0x0F)),
        (byte)(DigH5 >> 4),
        (byte)DigH6,
    ];
}
