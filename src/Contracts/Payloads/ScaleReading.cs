namespace Pontive.Iot.Contracts.Payloads;

/// <summary>The scale's own numbers behind a deposit's weight.</summary>
public sealed record ScaleReading
{
    public required string Sensor { get; init; }

    public required long Raw { get; init; }

    public required long TareRaw { get; init; }

    /// <summary>The id (a date) of the calibration in force when the deposit was weighed.</summary>
    public required string Calibration { get; init; }
}
