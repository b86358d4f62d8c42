using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Serial;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.Pms5003;

/// <summary><c>"Driver": "pms5003"</c>: Plantower PMS5003 particulate sensor on the Pi's UART (/dev/serial0, 9600 baud).</summary>
internal sealed class Pms5003SensorDriver : ParticulateSensorDriver<Pms5003Settings, Pms5003Scenario>
{
    public const string DefaultPort = "/dev/serial0";

    public override string Name => "pms5003";

    protected override string DeviceName => "PMS5003";

    protected override TimeSpan ReadingTimeout => Pms5003.DefaultTimeout;

    protected override string WarmUpAdvice => "the data manual asks for at least 00:00:30";

    /// <summary>The port may be left out: the sensor sits on the Pi's own UART.</summary>
    protected override IEnumerable<string> SerialPortProblems(string? serialPort)
    {
        if (serialPort is not null && !serialPort.StartsWith("/dev/", StringComparison.Ordinal))
        {
            yield return $"SerialPort '{serialPort}' is not a device path; the PMS5003 on the Pi's UART is {DefaultPort}";
        }
    }

    protected override ISensor CreateSensor(SensorOptions options, Pms5003Settings settings, Stream port, TimeProvider timeProvider) =>
        new Pms5003Sensor(options, settings, port, timeProvider);

    protected override Stream CreateEmulator(Pms5003Scenario scenario, TimeProvider timeProvider) =>
        new Pms5003Emulator(scenario, timeProvider);
}
