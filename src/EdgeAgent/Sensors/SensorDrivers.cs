using System.Collections.Frozen;

namespace Pontive.Iot.EdgeAgent.Sensors;

/// <summary>Every driver in this assembly, by configuration name: each <see cref="SensorDriver"/> under Devices/ is found here.</summary>
public static class SensorDrivers
{
    private static readonly FrozenDictionary<string, SensorDriver> ByName = typeof(SensorDriver).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(SensorDriver)) && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (SensorDriver)Activator.CreateInstance(t)!)
        .ToFrozenDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<SensorDriver> All { get; } = [.. ByName.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];

    public static string KnownNames => string.Join(", ", All.Select(d => d.Name));

    public static bool TryGet(string? name, out SensorDriver driver)
    {
        if (name is not null && ByName.TryGetValue(name, out var found))
        {
            driver = found;
            return true;
        }

        driver = null!;
        return false;
    }
}
