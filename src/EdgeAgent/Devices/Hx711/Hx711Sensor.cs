using System.Globalization;
using Microsoft.Extensions.Logging;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Scales;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.Hx711;

/// <summary>
/// The waste-bank platform scale: a load cell on an HX711, read through the Iot.Device.Hx711 binding. Each reading is
/// the median of a few conversions that passed every check (clock pulses in time, not a saturated or all-ones code,
/// inside the platform's range, not a lone jump), turned into kilograms from the raw counts with the calibration in
/// force, rounded to the scale division when one is configured (otherwise to one count), and kept with its raw counts, tare and calibration id.
/// </summary>
internal sealed partial class Hx711Sensor : ISensor, IScale, ICalibratableScale
{
    private readonly Hx711ConversionReader _reader;
    private readonly Hx711Settings _settings;
    private readonly StableWeightDetector _stability;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _oneReadAtATime = new(1, 1);
    private ScaleCalibration? _calibration;
    private GlitchFilter? _glitches;
    private long _tareRaw;

    public Hx711Sensor(
        SensorOptions options,
        Hx711Settings settings,
        Hx711ConversionReader reader,
        ScaleCalibration? calibration,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        Options = options;
        _settings = settings;
        _reader = reader;
        _logger = logger;
        _stability = new StableWeightDetector(settings.Stability, time);
        if (calibration is not null)
        {
            UseCalibration(calibration);
        }
    }

    public SensorOptions Options { get; }

    public SensorKind Kind => SensorKinds.Scale;

    public string Id => Options.Id;

    public ScaleCalibration? Calibration => _calibration;

    /// <summary>The raw reading that weighs zero now: the calibration's zero until the operator tares.</summary>
    public long TareRaw => Interlocked.Read(ref _tareRaw);

    /// <summary>Conversions thrown away so far, by reason.</summary>
    public Hx711Rejections Rejections { get; } = new();

    public async ValueTask<IReadOnlyDictionary<string, double>> ReadAsync(CancellationToken cancellationToken)
    {
        var sample = await ReadSampleAsync(cancellationToken).ConfigureAwait(false);
        var range = SensorKinds.Scale.Values[ValueNames.MassKg];
        if (!range.Contains((double)sample.MassKg))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The scale reads {sample.MassKg} kg, outside {range} kg: tare it, or calibrate it again."));
        }

        return new Dictionary<string, double>(1, StringComparer.Ordinal) { [ValueNames.MassKg] = (double)sample.MassKg };
    }

    ValueTask<ScaleSample> IScale.ReadAsync(CancellationToken cancellationToken) => ReadSampleAsync(cancellationToken);

    /// <summary>The current net weight with its raw counts, tare, calibration, stability and resolution.</summary>
    public async ValueTask<ScaleSample> ReadSampleAsync(CancellationToken cancellationToken)
    {
        await _oneReadAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var calibration = _calibration ?? throw NotCalibrated();
            var raw = RawMedian.Of(await ReadGoodConversionsAsync(_settings.ConversionsPerReading, cancellationToken).ConfigureAwait(false));
            var tare = TareRaw;
            var mass = ToDivision(calibration.MassKg(raw, tare));
            var stable = _stability.Add(mass);
            return new ScaleSample(mass, raw, tare, calibration.Id, stable, Math.Max(DivisionKg, calibration.ResolutionKg));
        }
        finally
        {
            _oneReadAtATime.Release();
        }
    }

    private decimal DivisionKg => (decimal)_settings.DivisionGrams / 1000m;

    /// <summary>The mass to the nearest division; the raw counts kept beside it still give it to one count.</summary>
    private decimal ToDivision(decimal massKg) =>
        DivisionKg <= 0 ? massKg : Math.Round(massKg / DivisionKg, MidpointRounding.AwayFromZero) * DivisionKg;

    /// <summary>The current load becomes zero: the mean of a few good conversions, finer than one count.</summary>
    public async ValueTask TareAsync(CancellationToken cancellationToken)
    {
        await _oneReadAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _ = _calibration ?? throw NotCalibrated();
            var conversions = await ReadGoodConversionsAsync(_settings.TareConversions, cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _tareRaw, (long)Math.Round(RawAverage.Of(conversions).Mean));
            _stability.Reset();
        }
        finally
        {
            _oneReadAtATime.Release();
        }
    }

    public async ValueTask<RawAverage> ReadRawAsync(int readings, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(readings, 1);
        await _oneReadAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return RawAverage.Of(await ReadGoodConversionsAsync(readings, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            _oneReadAtATime.Release();
        }
    }

    public void UseCalibration(ScaleCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var glitchCounts = (long)Math.Ceiling(Math.Abs(_settings.GlitchThresholdKg * calibration.CountsPerKg));
        _glitches = new GlitchFilter(Math.Max(glitchCounts, 1));
        _calibration = calibration;
        Interlocked.Exchange(ref _tareRaw, calibration.ZeroRaw);
        _stability.Reset();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _oneReadAtATime.Dispose();
    }

    /// <summary>
    /// <paramref name="wanted"/> conversions that passed every check. The waits for DOUT block, so the reading runs on
    /// a thread of its own, not one of the pool's: at 10 conversions a second three take about 300 ms.
    /// </summary>
    private Task<List<long>> ReadGoodConversionsAsync(int wanted, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(
            () => ReadGoodConversions(wanted, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private List<long> ReadGoodConversions(int wanted, CancellationToken cancellationToken)
    {
        var good = new List<long>(wanted);

        // Enough tries to get past a power-down (whose next conversion comes after the settling time) and a few
        // glitches, few enough that a chip giving only nonsense is reported within a second or two.
        var tries = (wanted * 3) + 2;
        for (var attempt = 1; good.Count < wanted; attempt++)
        {
            if (attempt > tries)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"The HX711 of {Id} gave only {good.Count} usable conversions in {tries} ({Rejections}): check the load cell's wires and the DT/SCK wiring, and keep the wires away from mains cables."));
            }

            var conversion = _reader.Read(cancellationToken);
            var reason = RejectionOf(conversion);
            if (reason is { } rejected)
            {
                if (rejected != Hx711Rejection.HeldBack)
                {
                    Rejections.Count(rejected);
                }

                LogRejected(_logger, Id, conversion.Raw, rejected);
                continue;
            }

            good.Add(conversion.Raw);
        }

        return good;
    }

    private Hx711Rejection? RejectionOf(Hx711Conversion conversion)
    {
        if (conversion.ClockHeldTooLong)
        {
            return Hx711Rejection.ClockHeldTooLong;
        }

        // All ones is DOUT stuck high; the extremes are an input out of the ADC's range (an open wire) or garbage.
        if (conversion.Raw is -1 or Hx711Emulator.MaxCounts or Hx711Emulator.MinCounts)
        {
            return Hx711Rejection.ImpossibleCode;
        }

        if (_calibration is { } calibration)
        {
            var grossKg = (conversion.Raw - calibration.ZeroRaw) / calibration.CountsPerKg;
            if (grossKg < -_settings.CapacityKg / 2 || grossKg > _settings.CapacityKg * 1.5)
            {
                return Hx711Rejection.OutOfRange;
            }
        }

        if (_glitches is not { } glitches)
        {
            return null;
        }

        // A conversion held back is not counted yet: it is a glitch only if the next one comes back (see GlitchFilter).
        var glitchesBefore = glitches.Rejected;
        var accepted = glitches.Offer(conversion.Raw);
        if (glitches.Rejected > glitchesBefore)
        {
            Rejections.Count(Hx711Rejection.Glitch);
        }

        return accepted ? null : Hx711Rejection.HeldBack;
    }

    private InvalidOperationException NotCalibrated() => new(
        $"The scale {Id} is not calibrated: run `pontive-agent scale calibrate`, or give its Calibration (ZeroRaw, CountsPerKg) in the entry.");

    [LoggerMessage(240, LogLevel.Debug, "HX711 {SensorId}: conversion {Raw} thrown away ({Reason})")]
    private static partial void LogRejected(ILogger logger, string sensorId, long raw, Hx711Rejection reason);
}
