using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;
using Pontive.Iot.EdgeAgent.Devices.HcSr04;
using Pontive.Iot.EdgeAgent.Hardware;
using Pontive.Iot.EdgeAgent.Sensors;
using Pontive.Iot.EdgeAgent.Tests.Devices.Gpio;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.HcSr04;

/// <summary>The hcsr04 entry of a configuration, from its settings to a reading on emulated buses.</summary>
[Collection(PinTimingTestGroup.Name)]
public sealed class HcSr04DriverTests
{
    private const string Entry = """
        {
          "Sensors": [
            {
              "Id": "bin-1",
              "Kind": "fill_level",
              "Driver": "hcsr04",
              "Pins": { "Trigger": 23, "Echo": 24 },
              "BinDepthCm": 90,
              "FullDistanceCm": 10,
              "Emulation": { "DistanceCm": 50, "NoiseCm": 0 }
            }
          ]
        }
        """;

    [Fact]
    public void The_driver_is_found_by_its_configuration_name()
    {
        Assert.True(SensorDrivers.TryGet("hcsr04", out var driver));
        Assert.IsType<HcSr04SensorDriver>(driver);
        Assert.Equal(SensorKinds.FillLevel, driver.Kind);
        Assert.Equal(BusKind.Gpio, driver.Bus);
    }

    [Fact]
    public async Task An_entry_reads_its_emulated_bin_through_the_real_binding()
    {
        var section = Section(Entry);
        var buses = new EmulatedBuses();
        var options = section.Get<SensorOptions>()!;
        Assert.True(SensorDrivers.TryGet(options.Driver, out var driver));
        var context = new SensorContext(options, section, driver, buses, new FakeTimeProvider(HcSr04TestBench.Noon), NullLoggerFactory.Instance);

        using var sensor = driver.Create(context);
        if (await HcSr04TestBench.ReadOrRefuse(sensor) is not { } values)
        {
            return;
        }

        Assert.Equal(50 * HcSr04TestBench.BindingScale, values[ValueNames.DistanceCm], 1.5);
        Assert.Equal(50, values[ValueNames.FillPct], 2.0);
        var header = Assert.IsType<EmulatedGpioDriver>(buses.Emulators["bin-1"]);
        Assert.True(header.Part<HcSr04Emulator>().Pings >= 5);
    }

    [Fact]
    public void A_valid_entry_has_no_problems()
    {
        var section = Section(Entry);

        Assert.Empty(new HcSr04SensorDriver().Validate(section.Get<SensorOptions>()!, section));
    }

    [Theory]
    [InlineData("\"Pings\": 0", "Pings 0 must be between 1 and 15")]
    [InlineData("\"BinDepthCm\": 500", "BinDepthCm 500 is beyond what the HC-SR04 measures (at most 400 cm)")]
    [InlineData("\"Pins\": { \"Trigger\": 24 }", "Pins:Echo 24 is already Pins:Trigger")]
    public void A_wrong_setting_is_reported_by_name(string setting, string expected)
    {
        var depth = setting.Contains("BinDepthCm", StringComparison.Ordinal) ? string.Empty : "\"BinDepthCm\": 90, ";
        var section = Section($$"""{ "Sensors": [ { "Id": "bin-1", "Kind": "fill_level", "Driver": "hcsr04", {{depth}}{{setting}} } ] }""");

        var problems = new HcSr04SensorDriver().Validate(section.Get<SensorOptions>()!, section);

        Assert.Contains(problems, problem => problem.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void An_entry_without_the_bin_depth_is_refused()
    {
        var section = Section("""{ "Sensors": [ { "Id": "bin-1", "Kind": "fill_level", "Driver": "hcsr04" } ] }""");

        var problems = new HcSr04SensorDriver().Validate(section.Get<SensorOptions>()!, section);

        Assert.Contains(problems, problem => problem.StartsWith("BinDepthCm is required", StringComparison.Ordinal));
    }

    private static IConfigurationSection Section(string json) =>
        new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)))
            .Build()
            .GetSection("Sensors:0");
}
