namespace Pontive.Iot.Contracts.Payloads;

/// <summary>
/// A telemetry kind: its wire name (also the InfluxDB measurement) and the values it may carry,
/// each with the unit in its name and the range a valid reading holds.
/// </summary>
public sealed class SensorKind
{
    internal SensorKind(string name, IReadOnlyDictionary<string, ValueRange> values)
    {
        Name = name;
        Values = values;
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, ValueRange> Values { get; }

    public override string ToString() => Name;
}
