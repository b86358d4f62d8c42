using Pontive.Iot.EdgeAgent.Devices.Serial;

namespace Pontive.Iot.EdgeAgent.Devices.Sds011;

/// <summary>
/// Settings of an SDS011 entry beside the common ones. The datasheet gives the laser about 8000 hours of running,
/// under a year if it runs all the time; sleeping between readings spares it when readings are minutes apart.
/// Nova Fitness advises a <see cref="ParticulateSensorSettings.WarmUp"/> of 30 s.
/// </summary>
internal sealed class Sds011Settings : ParticulateSensorSettings;
