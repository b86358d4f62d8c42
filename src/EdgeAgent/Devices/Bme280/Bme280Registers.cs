namespace Pontive.Iot.EdgeAgent.Devices.Bme280;

/// <summary>Register addresses from the BME280 datasheet (Bosch BST-BME280-DS002, "Memory map").</summary>
internal static class Bme280Registers
{
    /// <summary>dig_T1 .. dig_P9 (12 little-endian words), a reserved byte, then dig_H1 at 0xA1.</summary>
    public const byte CalibrationBlock1 = 0x88;
    public const int CalibrationBlock1Length = 0xA1 - 0x88 + 1;

    public const byte ChipId = 0xD0;
    public const byte Reset = 0xE0;

    /// <summary>dig_H2 .. dig_H6; dig_H4 and dig_H5 share the nibbles of 0xE5.</summary>
    public const byte CalibrationBlock2 = 0xE1;
    public const int CalibrationBlock2Length = 0xE7 - 0xE1 + 1;

    public const byte ControlHumidity = 0xF2;
    public const byte Status = 0xF3;
    public const byte ControlMeasurement = 0xF4;
    public const byte Config = 0xF5;

    /// <summary>press_msb, press_lsb, press_xlsb, temp_msb, temp_lsb, temp_xlsb, hum_msb, hum_lsb.</summary>
    public const byte DataFirst = 0xF7;
    public const byte DataLast = 0xFE;
    public const int DataLength = DataLast - DataFirst + 1;

    public const byte ChipIdValue = 0x60;
    public const byte ResetCommand = 0xB6;
}
