using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.EdgeAgent.Tests.Support;

/// <summary>Readings as the sampler makes them.</summary>
internal static class Samples
{
    public static Sample Environment(DateTimeOffset t, double temperatureC = 29.4, string sensor = "env-1", bool unsynced = false) => new()
    {
        T = t,
        Sensor = sensor,
        Kind = SensorKinds.Environment.Name,
        Values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [ValueNames.TemperatureC] = temperatureC,
            [ValueNames.HumidityPct] = 78.1,
            [ValueNames.PressureHpa] = 1009.6,
        },
        Clock = unsynced ? ClockState.Unsynced : null,
    };
}
