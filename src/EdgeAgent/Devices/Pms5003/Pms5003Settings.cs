using Pontive.Iot.EdgeAgent.Devices.Serial;

namespace Pontive.Iot.EdgeAgent.Devices.Pms5003;

/// <summary>
/// Settings of a PMS5003 entry beside the common ones. The fan and laser wear out (the data manual gives the laser
/// a life of about three years of running); sleeping between readings spares them when readings are minutes apart.
/// The data manual asks for a <see cref="ParticulateSensorSettings.WarmUp"/> of at least 30 s.
/// </summary>
internal sealed class Pms5003Settings : ParticulateSensorSettings;
