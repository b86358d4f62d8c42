namespace Pontive.Iot.EdgeAgent.Tests.Devices.Serial;

/// <summary>A sensor entry as configuration keys: the keys a driver's tests start from, then a test's own, which win.</summary>
internal static class SensorEntry
{
    public static Dictionary<string, string?> Create(IEnumerable<(string Key, string? Value)> usual, IEnumerable<(string Key, string? Value)> own)
    {
        var entry = new Dictionary<string, string?>();
        foreach (var (key, value) in usual.Concat(own))
        {
            entry[key] = value;
        }

        return entry;
    }
}
