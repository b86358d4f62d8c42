using Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;
using Pontive.Iot.EdgeAgent.Scales;
using Pontive.Iot.EdgeAgent.Sensors;
using Pontive.Iot.EdgeAgent.Tests.Devices.Serial;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.ScaleIndicator;

/// <summary>The scale-indicator driver as configuration sees it: its name, its checks at start, what it builds.</summary>
public sealed class ScaleIndicatorDriverTests
{
    [Fact]
    public void The_driver_is_found_by_its_configuration_name()
    {
        Assert.True(SensorDrivers.TryGet("scale-indicator", out var driver));
        Assert.IsType<ScaleIndicatorSensorDriver>(driver);
        Assert.Equal(BusKind.Serial, driver.Bus);
        Assert.Equal("scale", driver.Kind.Name);
    }

    [Fact]
    public void The_sensor_it_builds_is_a_scale_for_the_kiosk()
    {
        using var bench = new SerialSensorBench(IndicatorBench.Entry());

        var scale = Assert.IsAssignableFrom<IScale>(bench.CreateSensor());

        Assert.Equal("scale-1", scale.Id);
        Assert.IsType<ScaleIndicatorEmulator>(bench.Buses.Emulators["scale-1"]);
    }

    [Fact]
    public void A_good_entry_passes_validation()
    {
        Assert.Empty(SerialSensorBench.ValidationFailures(IndicatorBench.Entry()));
        Assert.Empty(SerialSensorBench.ValidationFailures(IndicatorBench.Entry(("Format", "XK3190-A9"), ("Unit", "g"))));
        Assert.Empty(SerialSensorBench.ValidationFailures(IndicatorBench.Entry(("Tare", "Indicator"))));
    }

    [Fact]
    public void An_entry_without_the_indicators_verification_is_stopped_with_the_entry_named()
    {
        var entry = IndicatorBench.Entry();
        entry.Remove("Calibration:Id");

        var failure = Assert.Single(SerialSensorBench.ValidationFailures(entry));

        Assert.StartsWith("Sensors:0 (scale-1): Calibration:Id is required", failure, StringComparison.Ordinal);
        Assert.Contains("tera", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Format", "csv-lines", "Sensors:0 (scale-1): Format 'csv-lines' is not a frame format the agent reads; known formats: st-gs, xk3190-a9")]
    [InlineData("Unit", "kg", "Sensors:0 (scale-1): Unit 'kg' is not needed: st-gs frames name their unit")]
    [InlineData("BaudRate", "115200", "Sensors:0 (scale-1): BaudRate 115200 is not one indicators use")]
    [InlineData("SerialPort", "ttyUSB0", "Sensors:0 (scale-1): SerialPort 'ttyUSB0' is not a device path")]
    [InlineData("Tare", "Sometimes", "Sensors:0 (scale-1): Format, Unit, Tare, Calibration or Stability cannot be read")]
    [InlineData("Stability:Readings", "1", "Sensors:0 (scale-1): Stability:Readings 1 must be between 2 and 100")]
    [InlineData("Emulation:OutputRateHz", "0", "Sensors:0 (scale-1): Emulation:OutputRateHz")]
    public void Each_bad_setting_is_named_with_the_entry(string key, string value, string expected)
    {
        var failures = SerialSensorBench.ValidationFailures(IndicatorBench.Entry((key, value)));

        Assert.Contains(failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Indicator_tare_is_refused_for_a_format_whose_indicators_take_no_commands()
    {
        var failures = SerialSensorBench.ValidationFailures(IndicatorBench.Entry(("Format", "xk3190-a9"), ("Tare", "Indicator"), ("Unit", "lb")));

        Assert.Contains(failures, f => f.StartsWith("Sensors:0 (scale-1): Tare Indicator needs a format with a tare command", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Sensors:0 (scale-1): Unit 'lb' is not one the agent takes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_serial_port_is_named()
    {
        var entry = IndicatorBench.Entry();
        entry.Remove("SerialPort");

        Assert.Contains(SerialSensorBench.ValidationFailures(entry), f => f.StartsWith("Sensors:0 (scale-1): SerialPort is required", StringComparison.Ordinal));
    }
}
