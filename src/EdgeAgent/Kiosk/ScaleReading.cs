using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>The scale's latest state for the kiosk: a sample, or why there is none, and when.</summary>
public sealed record ScaleReading(ScaleSample? Sample, string? Error, DateTimeOffset At)
{
    public bool IsOk => Sample is not null;
}
