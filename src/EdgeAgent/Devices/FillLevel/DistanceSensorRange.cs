namespace Pontive.Iot.EdgeAgent.Devices.FillLevel;

/// <summary>
/// What a distance sensor can measure: nothing nearer than its blind zone, nothing beyond its maximum.
/// A fill-level driver declares its own (datasheet figures) for <see cref="FillLevelSettings.Validate"/>.
/// </summary>
/// <param name="SensorName">As a technician knows it, for messages: "HC-SR04", "VL53L0X".</param>
internal sealed record DistanceSensorRange(string SensorName, double BlindZoneCm, double MaxCm);
