using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Serial;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.Sds011;

/// <summary><c>"Driver": "sds011"</c>: Nova Fitness SDS011 particulate sensor on a USB serial adapter (usually /dev/ttyUSB0, 9600 baud).</summary>
internal sealed class Sds011SensorDriver : ParticulateSensorDriver<Sds011Settings, Sds011Scenario>
{
    public override string Name => "sds011";

    protected override string DeviceName => "SDS011";

    protected override TimeSpan ReadingTimeout => Sds011.DefaultTimeout;

    protected override string WarmUpAdvice => "Nova Fitness advises 00:00:30";

    /// <summary>The port is required: which /dev/ttyUSB the adapter gets depends on what else is plugged in.</summary>
    protected override IEnumerable<string> SerialPortProblems(string? serialPort)
    {
        if (string.IsNullOrWhiteSpace(serialPort))
        {
            yield return "SerialPort is required: the SDS011 sits on a USB serial adapter, usually /dev/ttyUSB0 (ls /dev/ttyUSB* after plugging it in)";
        }
        else if (!serialPort.StartsWith("/dev/", StringComparison.Ordinal))
        {
            yield return $"SerialPort '{serialPort}' is not a device path such as /dev/ttyUSB0";
        }
    }

    protected override ISensor CreateSensor(SensorOptions options, Sds011Settings settings, Stream port, TimeProvider timeProvider) =>
        new Sds011Sensor(options, settings, port, timeProvider);

    protected override Stream CreateEmulator(Sds011Scenario scenario, TimeProvider timeProvider) =>
        new Sds011Emulator(scenario, timeProvider);
}
