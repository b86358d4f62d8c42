namespace Pontive.Iot.EdgeAgent.Mqtt;

/// <summary>
/// Exponential backoff with jitter for reconnecting: after a city-wide outage, hundreds of devices must not all
/// knock on the broker in the same second. Each wait is between half and all of the doubled delay.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;
    private int _failures;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures++, 30);
        var ceiling = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (_random() * 0.5)));
    }

    public void Reset() => _failures = 0;
}
