using System.Device.I2c;
using Pontive.Iot.EdgeAgent.Devices.Emulation;

namespace Pontive.Iot.EdgeAgent.Devices.Bme280;

/// <summary>
/// A BME280 at register level, for the real <c>Iot.Device.Bmxx80.Bme280</c> driver to talk to: chip id,
/// calibration, soft reset, the control registers, and data registers filled with raw ADC values that the
/// datasheet's compensation turns back into the current conditions.
/// </summary>
/// <remarks>
/// A forced-mode trigger converts at once and the chip returns to sleep; normal mode converts again on
/// every read of the data registers. Oversampling sets the resolution as on the chip (16 bits at x1 up to
/// 20 bits at x16; 20 bits whenever the IIR filter is on), and a skipped measurement reads as
/// 0x80000 / 0x8000. Not modelled: conversion time, the status register's busy bits, the IIR filter's
/// smoothing, SPI.
/// </remarks>
internal sealed class Bme280Emulator : RegisterMapI2cDevice
{
    /// <summary>0x76: SDO tied to GND, as on most cheap breakout boards. 0x77 with SDO to 3V3.</summary>
    public const int DefaultAddress = 0x76;

    private const int ModeMask = 0b11;
    private const int SleepMode = 0b00;
    private const int NormalMode = 0b11;

    private readonly Bme280Scenario _scenario;
    private readonly Lock _overrideGate = new();
    private Bme280Conditions? _conditionsOverride;
    private int _humidityOversampling;

    public Bme280Emulator(Bme280Scenario scenario, TimeProvider timeProvider, I2cConnectionSettings? settings = null)
        : base(settings ?? new I2cConnectionSettings(1, DefaultAddress), timeProvider, RegisterWriteStyle.AddressValuePairs)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenario = scenario;

        SetRegisters(Bme280Registers.ChipId, [Bme280Registers.ChipIdValue]);
        SetRegisters(Bme280Registers.CalibrationBlock1, Calibration.EncodeBlock1());
        SetRegisters(Bme280Registers.CalibrationBlock2, Calibration.EncodeBlock2());
        PowerOnReset();

        Absent = scenario.AbsentAtStart;
        if (scenario.HasFailureWindow)
        {
            ScheduleOutage(scenario.FailFrom ?? DateTimeOffset.MinValue, scenario.FailUntil ?? DateTimeOffset.MaxValue);
        }
    }

    public Bme280Calibration Calibration { get; } = Bme280Calibration.Typical;

    /// <summary>When set, measurements report these conditions instead of the scenario's.</summary>
    public Bme280Conditions? ConditionsOverride
    {
        get { lock (_overrideGate) { return _conditionsOverride; } }
        set { lock (_overrideGate) { _conditionsOverride = value; } }
    }

    /// <summary>What the next measurement will report.</summary>
    public Bme280Conditions CurrentConditions =>
        ConditionsOverride ?? _scenario.ConditionsAt(TimeProvider.GetUtcNow());

    protected override void OnHostWrite(byte register, byte value)
    {
        switch (register)
        {
            case Bme280Registers.Reset:
                // Any other value is ignored by the chip.
                if (value == Bme280Registers.ResetCommand)
                {
                    PowerOnReset();
                }

                break;

            case Bme280Registers.ControlHumidity:
                // Only osrs_h[2:0] is writable, and it takes effect at the next write of ctrl_meas.
                SetRegisters(register, [(byte)(value & 0b111)]);
                break;

            case Bme280Registers.ControlMeasurement:
                _humidityOversampling = GetRegister(Bme280Registers.ControlHumidity) & 0b111;
                SetRegisters(register, [value]);
                var mode = value & ModeMask;
                if (mode != SleepMode)
                {
                    Measure();
                }

                if (mode is 0b01 or 0b10)
                {
                    // Forced mode: one conversion, then back to sleep.
                    SetRegisters(register, [(byte)(value & ~ModeMask)]);
                }

                break;

            case Bme280Registers.Config:
                SetRegisters(register, [value]);
                break;

            default:
                // Identity, calibration, status and data registers are read-only.
                break;
        }
    }

    protected override void OnHostRead(byte firstRegister, int length)
    {
        var normalMode = (GetRegister(Bme280Registers.ControlMeasurement) & ModeMask) == NormalMode;
        if (normalMode && Overlaps(firstRegister, length, Bme280Registers.DataFirst, Bme280Registers.DataLast))
        {
            Measure();
        }
    }

    private void PowerOnReset()
    {
        _humidityOversampling = 0;
        SetRegisters(Bme280Registers.ControlHumidity, [0x00, 0x00, 0x00, 0x00]);

        // The datasheet's reset values of the data registers: 0x80000 (pressure, temperature), 0x8000 (humidity).
        SetRegisters(Bme280Registers.DataFirst, [0x80, 0x00, 0x00, 0x80, 0x00, 0x00, 0x80, 0x00]);
    }

    private void Measure()
    {
        var controlMeasurement = GetRegister(Bme280Registers.ControlMeasurement);
        var temperatureOversampling = controlMeasurement >> 5;
        var pressureOversampling = (controlMeasurement >> 2) & 0b111;
        var filterOn = ((GetRegister(Bme280Registers.Config) >> 2) & 0b111) != 0;

        var raw = Bme280RawValueSolver.Solve(
            CurrentConditions,
            Calibration,
            ResolutionStep(temperatureOversampling, filterOn),
            ResolutionStep(pressureOversampling, filterOn));

        // A skipped measurement leaves the datasheet's "no data" value in its registers.
        var pressure = pressureOversampling == 0 ? 0x80000 : raw.Pressure;
        var temperature = temperatureOversampling == 0 ? 0x80000 : raw.Temperature;
        var humidity = _humidityOversampling == 0 ? 0x8000 : raw.Humidity;

        PublishMeasurement(Bme280Registers.DataFirst,
        [
            (byte)(pressure >> 12), (byte)(pressure >> 4), (byte)((pressure & 0xF) << 4),
            (byte)(temperature >> 12), (byte)(temperature >> 4), (byte)((temperature & 0xF) << 4),
            (byte)(humidity >> 8), (byte)humidity,
        ]);
    }

    /// <summary>
    /// In 20-bit counts: without the IIR filter the chip resolves 16 + (oversampling setting - 1) bits
    /// (the datasheet's resolution tables and its press_xlsb/temp_xlsb descriptions), so at x1 the lowest
    /// 4 bits stay zero.
    /// </summary>
    private static int ResolutionStep(int oversamplingSetting, bool filterOn)
    {
        if (filterOn || oversamplingSetting == 0)
        {
            return 1;
        }

        var bits = 15 + Math.Min(oversamplingSetting, 5);
        return 1 << (20 - bits);
    }
}
