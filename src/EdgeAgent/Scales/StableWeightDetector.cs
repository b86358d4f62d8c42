namespace Pontive.Iot.EdgeAgent.Scales;

/// <summary>
/// Decides whether a weight has settled, as a trade scale does before it shows "stable": the last N readings, all
/// taken within the window, lie within ±d grams of a common value. Only a stable weight may be recorded as a deposit.
/// </summary>
internal sealed class StableWeightDetector
{
    private readonly StabilityOptions _options;
    private readonly TimeProvider _time;
    private readonly decimal _toleranceKg;
    private readonly Queue<(DateTimeOffset At, decimal MassKg)> _readings = new();

    public StableWeightDetector(StabilityOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
        _toleranceKg = (decimal)options.ToleranceGrams / 1000m;
    }

    /// <summary>Whether the readings added so far make a stable weight now.</summary>
    public bool IsStable
    {
        get
        {
            ForgetOlderThanWindow(_time.GetUtcNow());
            if (_readings.Count < _options.Readings)
            {
                return false;
            }

            var lowest = decimal.MaxValue;
            var highest = decimal.MinValue;
            foreach (var (_, mass) in _readings)
            {
                lowest = Math.Min(lowest, mass);
                highest = Math.Max(highest, mass);
            }

            return highest - lowest <= 2 * _toleranceKg;
        }
    }

    /// <summary>Adds a reading taken now and says whether the weight is stable with it.</summary>
    public bool Add(decimal massKg)
    {
        var now = _time.GetUtcNow();
        _readings.Enqueue((now, massKg));
        while (_readings.Count > _options.Readings)
        {
            _readings.Dequeue();
        }

        return IsStable;
    }

    /// <summary>Starts over (after a tare or a new calibration the earlier readings are on another zero).</summary>
    public void Reset() => _readings.Clear();

    private void ForgetOlderThanWindow(DateTimeOffset now)
    {
        while (_readings.Count > 0 && now - _readings.Peek().At > _options.Window)
        {
            _readings.Dequeue();
        }
    }
}
