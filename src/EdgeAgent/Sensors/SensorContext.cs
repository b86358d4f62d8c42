using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Hardware;

namespace Pontive.Iot.EdgeAgent.Sensors;

/// <summary>
/// Everything a driver gets to build one sensor: its configuration entry (typed, and the raw section for
/// driver-specific settings such as calibration or the emulation scenario), the buses, a clock, logging, and the
/// agent's data folder (where a scale's calibrations are kept).
/// </summary>
public sealed record SensorContext(
    SensorOptions Options,
    IConfigurationSection Section,
    SensorDriver Driver,
    IBusFactory Buses,
    TimeProvider Time,
    ILoggerFactory Logs,
    string DataDirectory = "data");
