namespace Pontive.Iot.EdgeAgent.Devices.Vl53l0x;

/// <summary>
/// The VL53L0X registers the emulator gives a meaning to. ST publishes no register map; names and values come from
/// ST's API (vl53l0x_device.h, vl53l0x_api.c) as the Iot.Device.Vl53L0X driver and Pololu's library use them.
/// Register 0xFF selects a page; most of what the driver's start-up touches on pages 1, 6 and 7 is undocumented.
/// </summary>
internal static class Vl53l0xRegisters
{
    public const byte SysRangeStart = 0x00;
    public const byte SystemSequenceConfig = 0x01;
    public const byte SystemInterruptClear = 0x0B;
    public const byte ResultInterruptStatus = 0x13;
    public const byte ResultRangeStatus = 0x14;

    /// <summary>RESULT_RANGE_STATUS + 10: the range in millimetres, big-endian.</summary>
    public const byte ResultRangeMillimeters = 0x1E;

    /// <summary>FINAL_RANGE_CONFIG_MIN_COUNT_RATE_RTN_LIMIT: the signal-rate limit in MCPS, 9.7 fixed point.</summary>
    public const byte FinalRangeMinCountRateLimit = 0x44;

    public const byte GlobalConfigSpadEnablesRef0 = 0xB0;
    public const int ReferenceSpadMapLength = 6;
    public const byte SoftReset = 0xBF;
    public const byte IdentificationModelId = 0xC0;
    public const byte IdentificationRevisionId = 0xC2;
    public const byte PageSelect = 0xFF;

    // Page 1: the "stop variable" the host saves at start-up and writes back before each measurement.
    public const byte StopVariable = 0x91;

    // Page 7: the NVM read-out. The host selects an item at 0x94, writes 0 to 0x83 (strobe), waits for 0x83 to
    // turn non-zero, then reads the item's 32-bit word at 0x90..0x93.
    public const byte NvmStrobe = 0x83;
    public const byte NvmData = 0x90;
    public const byte NvmItemSelect = 0x94;

    public const byte ModelIdValue = 0xEE;
    public const byte RevisionIdValue = 0x10;

    /// <summary>SYSRANGE_START modes: bit 0 starts; 0x02 back-to-back continuous, 0x04 timed continuous, 0 stops.</summary>
    public const byte StartBit = 0x01;
    public const byte BackToBackMode = 0x02;
    public const byte TimedMode = 0x04;

    /// <summary>GPIO_FUNCTIONALITY_NEW_MEASURE_READY, the interrupt the host configures (0x0A = 0x04) and polls for.</summary>
    public const byte NewSampleReady = 0x04;

    /// <summary>Device error codes in RESULT_RANGE_STATUS bits 6..3 (ST API, VL53L0X_DEVICEERROR_*).</summary>
    public const int DeviceErrorMsrcNoTarget = 4;
    public const int DeviceErrorRangeComplete = 11;

    /// <summary>What the chip reports as the range when it found no target.</summary>
    public const ushort OutOfRangeMillimeters = 8190;

    /// <summary>Sequence steps that only calibrate (VHV = 0x01, phase = 0x02): no range comes out.</summary>
    public const byte CalibrationOnlySequenceMask = 0x03;
}
