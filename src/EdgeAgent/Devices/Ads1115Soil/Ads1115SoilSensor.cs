using System.Device.I2c;
using System.Globalization;
using Iot.Device.Ads1115;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Sensors;
using Ads1115Driver = Iot.Device.Ads1115.Ads1115;

namespace Pontive.Iot.EdgeAgent.Devices.Ads1115Soil;

/// <summary>
/// A capacitive soil probe on one single-ended input of an ADS1115, read through the Iot.Device.Ads1115 driver
/// in single-shot mode on the ±4.096 V range, and turned into moisture by its two-point calibration.
/// </summary>
/// <remarks>
/// ±4.096 V is the narrowest range that holds the probe's whole output on a 3.3 V supply (about 1.2 V wet to
/// 2.8 V dry, up to VDD): ±2.048 V would clip a dry probe, ±6.144 V only wastes resolution. Single-shot
/// converts once per reading and powers down between, so each reading is fresh and the probe's channel is
/// converted on its own.
/// </remarks>
internal sealed class Ads1115SoilSensor : ISensor, IHasRawReading
{
    public const MeasuringRange Range = MeasuringRange.FS4096;

    private readonly I2cDevice _device;
    private readonly Ads1115Driver _adc;
    private readonly SoilCalibration _calibration;
    private readonly int _channel;

    /// <summary>Constructing the driver writes the config register: it throws when the chip is absent.</summary>
    public Ads1115SoilSensor(SensorOptions options, I2cDevice device, int channel, SoilCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(calibration);
        Options = options;
        _device = device;
        _channel = channel;
        _calibration = calibration;
        _adc = new Ads1115Driver(device, InputFor(channel), Range, DataRate.SPS128, DeviceMode.PowerDown);
    }

    public SensorOptions Options { get; }

    public SensorKind Kind => SensorKinds.Soil;

    /// <summary>For the technician calibrating the probe with <c>pontive-agent sensors read</c>.</summary>
    public string? LastRawReading { get; private set; }

    /// <summary>
    /// One conversion: about 8 ms at 128 samples a second, which the driver waits out polling the OS bit, so
    /// the read stays on the caller's thread.
    /// </summary>
    public ValueTask<IReadOnlyDictionary<string, double>> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var raw = _adc.ReadRaw();
        LastRawReading = FormattableString.Invariant(
            $"raw {raw} counts on A{_channel}, {raw * Ads1115Registers.VoltsPerCount((int)Range):0.000} V: in air this is DryRaw, in water WetRaw");
        ThrowIfImplausible(raw);
        IReadOnlyDictionary<string, double> values = new Dictionary<string, double>(1, StringComparer.Ordinal)
        {
            [ValueNames.MoisturePct] = _calibration.MoisturePercent(raw),
        };
        return ValueTask.FromResult(values);
    }

    /// <summary>
    /// The driver's Dispose rewrites the comparator registers, and when the chip has gone it retries four times
    /// with 100 ms sleeps and then throws. Nothing of ours needs undoing on the chip, so only the bus device is closed.
    /// </summary>
    public void Dispose() => _device.Dispose();

    private static InputMultiplexer InputFor(int channel) => channel switch
    {
        0 => InputMultiplexer.AIN0,
        1 => InputMultiplexer.AIN1,
        2 => InputMultiplexer.AIN2,
        3 => InputMultiplexer.AIN3,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "The ADS1115 has single-ended inputs A0..A3."),
    };

    /// <summary>
    /// A reading half a calibration span beyond either end is not a probe in soil: a disconnected probe leaves
    /// the input floating near 0 V, a broken ground pulls it to the supply.
    /// </summary>
    private void ThrowIfImplausible(short raw)
    {
        var dry = _calibration.DryRaw!.Value;
        var wet = _calibration.WetRaw!.Value;
        var margin = (dry - wet) / 2;
        if (raw < wet - margin || raw > dry + margin)
        {
            var volts = raw * Ads1115Registers.VoltsPerCount((int)Range);
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"A{_channel} reads {volts:0.000} V ({raw} counts), far outside the probe's calibration ({wet} wet to {dry} dry): is the probe connected to A{_channel}?"));
        }
    }
}
