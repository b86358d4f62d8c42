using System.Globalization;

namespace Pontive.Iot.EdgeAgent.Scales;

/// <summary>
/// The technician's two-point calibration, in the order the field notes give it: zero the empty platform, put a
/// known mass on it and span, then save. The result is stored with the date as its id and put in force at once.
/// The <c>scale calibrate</c> command drives this step by step.
/// </summary>
internal sealed class ScaleCalibrator
{
    /// <summary>Readings averaged for each point: 1.5 s at the HX711's 10 samples a second.</summary>
    public const int DefaultReadings = 15;

    /// <summary>A load cell gives thousands of counts per kilogram; fewer means the mass is not on it or a wire is off.</summary>
    public const double MinCountsPerKg = 100;

    /// <summary>Readings of a point may spread by at most this share of the span's step, or the platform was moving.</summary>
    public const double MaxSpreadOfStep = 0.01;

    private readonly ICalibratableScale _scale;
    private readonly ScaleCalibrationStore _store;
    private readonly TimeProvider _time;

    public ScaleCalibrator(ICalibratableScale scale, ScaleCalibrationStore store, TimeProvider time, int readings = DefaultReadings)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(readings, 1);
        _scale = scale;
        _store = store;
        _time = time;
        Readings = readings;
    }

    public int Readings { get; }

    /// <summary>The empty platform's reading, once <see cref="ZeroAsync"/> has run.</summary>
    public RawAverage? Zero { get; private set; }

    /// <summary>The reading with the known mass on, once <see cref="SpanAsync"/> has run.</summary>
    public RawAverage? Span { get; private set; }

    public decimal? KnownMassKg { get; private set; }

    /// <summary>Counts per kilogram from the two points, once both are taken.</summary>
    public double? CountsPerKg =>
        Zero is { } zero && Span is { } span && KnownMassKg is { } mass ? (span.Mean - zero.Mean) / (double)mass : null;

    /// <summary>Step 1: the platform is empty now. Takes its reading as zero.</summary>
    public async ValueTask<RawAverage> ZeroAsync(CancellationToken cancellationToken)
    {
        Zero = await _scale.ReadRawAsync(Readings, cancellationToken).ConfigureAwait(false);
        Span = null;
        KnownMassKg = null;
        return Zero.Value;
    }

    /// <summary>Step 2: <paramref name="knownMassKg"/> (from its certificate) lies on the platform now. Returns counts per kilogram.</summary>
    public async ValueTask<double> SpanAsync(decimal knownMassKg, CancellationToken cancellationToken)
    {
        if (knownMassKg <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(knownMassKg), knownMassKg, "The known mass must be more than 0 kg.");
        }

        if (Zero is not { } zero)
        {
            throw new InvalidOperationException("Zero the empty platform before putting the known mass on it.");
        }

        var span = await _scale.ReadRawAsync(Readings, cancellationToken).ConfigureAwait(false);
        var step = span.Mean - zero.Mean;
        var countsPerKg = step / (double)knownMassKg;
        if (Math.Abs(countsPerKg) < MinCountsPerKg)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The reading moved only {step:0} counts with {knownMassKg} kg on the platform: is the mass on it, and are the load cell's wires (E+, E-, A+, A-) on the HX711?"));
        }

        var allowedSpread = Math.Abs(step) * MaxSpreadOfStep;
        if (zero.Spread > allowedSpread || span.Spread > allowedSpread)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The platform was moving while calibrating (readings spread by {Math.Max(zero.Spread, span.Spread)} counts, at most {allowedSpread:0} allowed): keep it still, out of wind and vibration, and start again."));
        }

        Span = span;
        KnownMassKg = knownMassKg;
        return countsPerKg;
    }

    /// <summary>Step 3: stores the calibration with today's date as its id and puts it in force.</summary>
    public ScaleCalibration Save()
    {
        if (Zero is not { } zero || Span is not { } span || KnownMassKg is not { } mass || CountsPerKg is not { } countsPerKg)
        {
            throw new InvalidOperationException("Take both points (zero, then span with the known mass) before saving.");
        }

        var calibration = _store.Save(
            _scale.Id,
            _time.GetLocalNow(),
            (long)Math.Round(zero.Mean),
            countsPerKg,
            (long)Math.Round(span.Mean),
            mass);
        _scale.UseCalibration(calibration);
        return calibration;
    }
}
