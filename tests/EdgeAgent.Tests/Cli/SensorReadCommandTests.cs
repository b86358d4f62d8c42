using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Cli;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Hardware;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Tests.Cli;

/// <summary>What a field technician sees from <c>pontive-agent sensors read</c> after wiring a kit.</summary>
public sealed class SensorReadCommandTests
{
    [Fact]
    public async Task Each_sensor_gets_a_line_with_its_values_and_units_or_the_reason_it_failed()
    {
        var factory = Factory(new Dictionary<string, string?>
        {
            ["Sensors:0:Id"] = "env-1",
            ["Sensors:0:Kind"] = "environment",
            ["Sensors:0:Driver"] = "bme280",
            ["Sensors:0:Address"] = "0x76",
            ["Sensors:0:Emulation:TemperatureCelsius"] = "29.4",
            ["Sensors:0:Emulation:RelativeHumidityPercent"] = "78.1",
            ["Sensors:0:Emulation:PressureHectopascals"] = "1009.6",
            ["Sensors:0:Emulation:DailyTemperatureSwingCelsius"] = "0",
            ["Sensors:0:Emulation:DailyHumiditySwingPercent"] = "0",
            ["Sensors:0:Emulation:TemperatureNoiseCelsius"] = "0",
            ["Sensors:0:Emulation:HumidityNoisePercent"] = "0",
            ["Sensors:0:Emulation:PressureNoiseHectopascals"] = "0",
            ["Sensors:1:Id"] = "env-2",
            ["Sensors:1:Kind"] = "environment",
            ["Sensors:1:Driver"] = "bme280",
            ["Sensors:1:Address"] = "0x77",
            ["Sensors:1:Emulation:AbsentAtStart"] = "true",
        });
        using var output = new StringWriter();

        var exitCode = await SensorReadCommand.ReadAllAsync(factory, output, CancellationToken.None);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, exitCode);
        Assert.StartsWith("OK    env-1", lines[0], StringComparison.Ordinal);
        Assert.Contains("temperature_c 29.4 °C, humidity_pct 78.1 %, pressure_hpa 1009.6 hPa", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("FAIL  env-2", lines[1], StringComparison.Ordinal);
        Assert.Contains("absent", lines[1], StringComparison.Ordinal);
        Assert.Equal("1 of 2 sensors failed: check their wiring (hardware/<kit>/wiring.md) and run this again.", lines[2]);
    }

    [Fact]
    public async Task Exit_code_is_zero_when_every_sensor_answered()
    {
        var factory = Factory(new Dictionary<string, string?>
        {
            ["Sensors:0:Id"] = "env-1",
            ["Sensors:0:Kind"] = "environment",
            ["Sensors:0:Driver"] = "bme280",
        });
        using var output = new StringWriter();

        var exitCode = await SensorReadCommand.ReadAllAsync(factory, output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.EndsWith("All 1 sensors answered." + Environment.NewLine, output.ToString(), StringComparison.Ordinal);
    }

    private static SensorFactory Factory(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var sensors = new SensorListOptions();
        configuration.Bind(sensors);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 3, 15, 0, TimeSpan.Zero));
        return new SensorFactory(Options.Create(sensors), configuration, new EmulatedBuses(), time, NullLoggerFactory.Instance);
    }
}
