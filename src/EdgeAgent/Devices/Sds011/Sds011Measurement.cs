using UnitsNet;

namespace Pontive.Iot.EdgeAgent.Devices.Sds011;

/// <summary>One SDS011 data frame: PM2.5 and PM10 to 0.1 µg/m³, and the id of the sensor that sent it.</summary>
internal sealed record Sds011Measurement(MassConcentration Pm25, MassConcentration Pm10, ushort DeviceId);
