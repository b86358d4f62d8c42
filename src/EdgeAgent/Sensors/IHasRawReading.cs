namespace Pontive.Iot.EdgeAgent.Sensors;

/// <summary>
/// A sensor that can show the raw figure behind its last reading (ADC counts, load-cell counts), which a field
/// technician needs to calibrate it (for example a soil probe's dry and wet counts). Optional for sensors.
/// </summary>
public interface IHasRawReading
{
    /// <summary>The raw figure(s) of the last reading, e.g. <c>raw 17940 (channel A0, ±4.096 V)</c>; null before any reading.</summary>
    string? LastRawReading { get; }
}
