using System.Collections.Concurrent;

namespace Pontive.Iot.EdgeAgent.Sampling;

/// <summary>The last known state of every sensor, for the device status and the logs.</summary>
public sealed class SensorHealth
{
    private readonly ConcurrentDictionary<string, SensorState> _states = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, SensorState> States => _states;

    public void Succeeded(string sensorId, DateTimeOffset at) =>
        _states[sensorId] = new SensorState(true, at, null, 0);

    /// <returns>How many times in a row the sensor has now failed.</returns>
    public int Failed(string sensorId, string error) =>
        _states.AddOrUpdate(
            sensorId,
            _ => new SensorState(false, null, error, 1),
            (_, previous) => previous with { IsOk = false, LastError = error, ConsecutiveFailures = previous.ConsecutiveFailures + 1 })
        .ConsecutiveFailures;
}

public sealed record SensorState(bool IsOk, DateTimeOffset? LastReadingAt, string? LastError, int ConsecutiveFailures);
