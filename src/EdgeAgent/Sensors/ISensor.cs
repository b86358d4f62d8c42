using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Sensors;

/// <summary>One configured sensor, read through its real driver on a real or emulated bus.</summary>
public interface ISensor : IDisposable
{
    SensorOptions Options { get; }

    SensorKind Kind { get; }

    /// <summary>
    /// Takes one reading and returns its values by their contract names (<c>temperature_c</c>, …). Throws when the
    /// device does not answer or answers nonsense; the sampler reports it and retries with backoff.
    /// </summary>
    ValueTask<IReadOnlyDictionary<string, double>> ReadAsync(CancellationToken cancellationToken);
}
