using System.ComponentModel.DataAnnotations;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Serial;

namespace Pontive.Iot.EdgeAgent.Devices.Sds011;

/// <summary>
/// What an emulated SDS011 measures and how its line misbehaves, bound from the entry's "Emulation" section:
/// Pontianak's air over the year (<see cref="ParticulateScenario"/>) and the serial faults (<see cref="SerialDeviceScenario"/>).
/// </summary>
internal sealed class Sds011Scenario : ParticulateScenario
{
    /// <summary>The id the sensor puts in its frames (bytes 6 and 7); the control protocol's examples use 0xA160.</summary>
    [Range(0, 0xFFFE)]
    public int DeviceId { get; set; } = 0xA160;
}
