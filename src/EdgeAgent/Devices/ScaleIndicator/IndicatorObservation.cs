using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>
/// A frame as the scale sensor understood it: the weight it means (<see cref="Sample"/>), or why it means none
/// (<see cref="Problem"/>: an overload, a unit the agent does not take).
/// </summary>
internal sealed record IndicatorObservation(IndicatorFrame Frame, ScaleSample? Sample, string? Problem, DateTimeOffset At)
{
    /// <summary>The weight, or an <see cref="InvalidDataException"/> with the problem in plain words.</summary>
    public ScaleSample SampleOrThrow() => Sample ?? throw new InvalidDataException(Problem);
}
