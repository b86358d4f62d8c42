using System.ComponentModel.DataAnnotations;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Serial;

namespace Pontive.Iot.EdgeAgent.Devices.Pms5003;

/// <summary>
/// What an emulated PMS5003 measures and how its line misbehaves, bound from the entry's "Emulation" section:
/// Pontianak's air over the year (<see cref="ParticulateScenario"/>) and the serial faults (<see cref="SerialDeviceScenario"/>).
/// </summary>
internal sealed class Pms5003Scenario : ParticulateScenario
{
    /// <summary>
    /// Time between frames in active mode. The data manual gives 2.3 s while levels are steady and 0.2–0.8 s while
    /// they change; one second is a fair middle.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan ActiveModeInterval { get; set; } = TimeSpan.FromSeconds(1);
}
