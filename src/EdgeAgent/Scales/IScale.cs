namespace Pontive.Iot.EdgeAgent.Scales;

/// <summary>
/// A scale the operator weighs deposits on: a load cell through an HX711, or a platform scale's indicator on a
/// serial port. The kiosk follows <see cref="ReadAsync"/> to show the live weight and records only stable weights.
/// </summary>
public interface IScale
{
    /// <summary>The sensor id of the scale in configuration, for example <c>scale-1</c>.</summary>
    string Id { get; }

    /// <summary>The current weight; throws when the scale does not answer or the reading is corrupted.</summary>
    ValueTask<ScaleSample> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Makes the current load the new zero (empty platform, or a container on it).</summary>
    ValueTask TareAsync(CancellationToken cancellationToken);
}
