using Microsoft.Extensions.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;
using Pontive.Iot.EdgeAgent.Devices.FillLevel;

namespace Pontive.Iot.EdgeAgent.Devices.HcSr04;

/// <summary>The hcsr04 entry's own settings, beside its Pins and its fill-level settings (BinDepthCm, FullDistanceCm).</summary>
internal sealed class HcSr04Settings
{
    public const string TriggerRole = "Trigger";
    public const string EchoRole = "Echo";

    /// <summary>The kit's wiring: Trigger on GPIO23 (header pin 16), Echo through the divider on GPIO24 (pin 18).</summary>
    public static readonly GpioPinAssignment Pins = new(new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        [TriggerRole] = 23,
        [EchoRole] = 24,
    });

    /// <summary>The datasheet's range: nothing nearer than 2 cm, nothing beyond 400 cm.</summary>
    public static readonly DistanceSensorRange Range = new("HC-SR04", BlindZoneCm: 2, MaxCm: 400);

    /// <summary>Pings per reading; the reading is their median, so pings stretched by a busy processor cannot move it.</summary>
    public int Pings { get; set; } = 5;

    public static HcSr04Settings From(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.Get<HcSr04Settings>() ?? new HcSr04Settings();
    }

    /// <summary>The fewest good pings a reading needs: a majority, so the median is a good ping's distance.</summary>
    public int PingsNeeded => (Pings / 2) + 1;

    public IEnumerable<string> Validate()
    {
        if (Pings is < 1 or > 15)
        {
            yield return $"Pings {Pings} must be between 1 and 15";
        }
    }
}
