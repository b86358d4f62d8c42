namespace Pontive.Iot.EdgeAgent.Devices.Emulation;

/// <summary>How a chip reads a multi-byte write from the host.</summary>
internal enum RegisterWriteStyle
{
    /// <summary>First byte sets the register pointer; each following byte goes to the next register (ADS1115, VL53L0X).</summary>
    AutoIncrement,

    /// <summary>Bytes come as (register, value) pairs; no auto-increment on writes (Bosch BMx280, BME680).</summary>
    AddressValuePairs,
}
