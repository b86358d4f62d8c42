using System.Text;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Serial;

namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>
/// A platform scale's indicator at the far end of a serial line, streaming weight frames in the configured format
/// at <see cref="ScaleIndicatorScenario.OutputRateHz"/>. Like a real one it rounds to its division, flags the weight
/// stable once the last half second of readings lie within one division, reports an overload beyond capacity plus
/// nine divisions, and, in a format with a tare command, tares itself on <c>T</c> CR LF when the weight is stable
/// and then sends net weights.
/// </summary>
internal sealed class ScaleIndicatorEmulator : EmulatedSerialDevice
{
    private readonly ScaleIndicatorScenario _scenario;
    private readonly Queue<decimal> _recentGross = new();
    private readonly int _motionFrames;
    private readonly decimal _kilogramsPerUnit;
    private readonly int _decimals;
    private decimal? _indicatorTareKg;
    private decimal? _loadOverrideKg;
    private decimal? _lastGross;
    private bool _frozen;

    public ScaleIndicatorEmulator(ScaleIndicatorScenario scenario, ScaleIndicatorFormat format, TimeProvider timeProvider)
        : base(scenario, timeProvider)
    {
        ArgumentNullException.ThrowIfNull(format);
        _scenario = scenario;
        Format = format;
        _motionFrames = Math.Max(3, (int)Math.Ceiling(scenario.OutputRateHz / 2));
        _kilogramsPerUnit = IndicatorUnits.TryGetKilograms(scenario.Unit, out var kilograms) ? kilograms : 1m;
        _decimals = DecimalsOf(scenario.DivisionKg / _kilogramsPerUnit);
        TransmitEvery(TimeSpan.FromSeconds(1 / scenario.OutputRateHz));
    }

    public ScaleIndicatorFormat Format { get; }

    /// <summary>When set, the platform carries exactly this mass instead of the scenario's.</summary>
    public decimal? LoadOverrideKg
    {
        get => WithLock(() => _loadOverrideKg);
        set => WithLock(() => _loadOverrideKg = value);
    }

    /// <summary>The load cell's reading stops changing (a stuck indicator): the last weight is sent again and again.</summary>
    public bool MeasurementsFrozen
    {
        get => WithLock(() => _frozen);
        set => WithLock(() => _frozen = value);
    }

    /// <summary>The tare the indicator took on a tare command, or null while it sends gross weights.</summary>
    public decimal? IndicatorTareKg => WithLock(() => _indicatorTareKg);

    private bool IsStable
    {
        get
        {
            if (_recentGross.Count < _motionFrames)
            {
                return false;
            }

            return _recentGross.Max() - _recentGross.Min() <= _scenario.DivisionKg;
        }
    }

    protected override void OnScheduledTransmission(DateTimeOffset at)
    {
        var gross = _frozen && _lastGross is { } last ? last : Quantize(_loadOverrideKg ?? (decimal)_scenario.LoadKgAt(at));
        _lastGross = gross;
        _recentGross.Enqueue(gross);
        while (_recentGross.Count > _motionFrames)
        {
            _recentGross.Dequeue();
        }

        var overload = gross > (decimal)_scenario.CapacityKg + (9 * _scenario.DivisionKg);
        var shownKg = gross - (_indicatorTareKg ?? 0m);
        var frame = new IndicatorFrame(
            overload ? IndicatorStatus.Overload : IsStable ? IndicatorStatus.Stable : IndicatorStatus.Unstable,
            _indicatorTareKg is null ? IndicatorWeightKind.Gross : IndicatorWeightKind.Net,
            overload ? null : Math.Round(shownKg / _kilogramsPerUnit, _decimals),
            _decimals,
            _scenario.Unit);
        var (bytes, body) = Format.Encode(frame);
        TransmitFrame(bytes, body);
    }

    protected override int OnHostData(ReadOnlySpan<byte> pending, DateTimeOffset now)
    {
        if (Format.TareCommand is null || !_scenario.AcceptsCommands)
        {
            RecordCommand("ignored: the format takes no commands");
            return pending.Length;
        }

        var end = pending.IndexOf((byte)'\n');
        if (end < 0)
        {
            return 0;
        }

        var command = Encoding.Latin1.GetString(pending[..end]).Trim();
        if (command == "T")
        {
            if (IsStable && _lastGross is { } gross)
            {
                _indicatorTareKg = gross;
                RecordCommand("tare");
            }
            else
            {
                RecordCommand("tare refused: weight unstable");
            }
        }
        else
        {
            RecordCommand($"unknown '{command}'");
        }

        return end + 1;
    }

    /// <summary>Digits after the point that <paramref name="value"/> needs: 2 for 0.05, 0 for 10.</summary>
    private static int DecimalsOf(decimal value)
    {
        var decimals = 0;
        while (value % 1 != 0)
        {
            value *= 10;
            decimals++;
        }

        return decimals;
    }

    private decimal Quantize(decimal kilograms) =>
        Math.Round(kilograms / _scenario.DivisionKg, MidpointRounding.AwayFromZero) * _scenario.DivisionKg;
}
