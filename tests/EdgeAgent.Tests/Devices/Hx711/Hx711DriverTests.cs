using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;
using Pontive.Iot.EdgeAgent.Devices.Hx711;
using Pontive.Iot.EdgeAgent.Hardware;
using Pontive.Iot.EdgeAgent.Scales;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Hx711;

/// <summary>The hx711 entry of a configuration, from its settings to a reading on emulated buses.</summary>
public sealed class Hx711DriverTests
{
    private const string Entry = """
        {
          "Sensors": [
            {
              "Id": "scale-1",
              "Kind": "scale",
              "Driver": "hx711",
              "Pins": { "Data": 5, "Clock": 6 },
              "ReadyTimeout": "00:00:00.5",
              "Calibration": { "Id": "2026-11-20", "ZeroRaw": 84000, "CountsPerKg": 42950 },
              "Emulation": {
                "LoadKg": 12.5,
                "NoiseCounts": 0,
                "ConversionTime": "00:00:00.0005",
                "PowerUpSettling": "00:00:00.002"
              }
            }
          ]
        }
        """;

    [Fact]
    public void The_driver_is_found_by_its_configuration_name()
    {
        Assert.True(SensorDrivers.TryGet("hx711", out var driver));
        Assert.IsType<Hx711SensorDriver>(driver);
        Assert.Equal(SensorKinds.Scale, driver.Kind);
        Assert.Equal(BusKind.Gpio, driver.Bus);
    }

    [Fact]
    public async Task An_entry_with_a_calibration_reads_its_emulated_platform_through_the_real_binding()
    {
        var section = Section(Entry);
        var buses = new EmulatedBuses();
        var context = Context(section, buses);

        using var sensor = context.Driver.Create(context);
        var values = await sensor.ReadAsync(CancellationToken.None);

        Assert.Equal(12.5, values[ValueNames.MassKg]);
        var header = Assert.IsType<EmulatedGpioDriver>(buses.Emulators["scale-1"]);
        Assert.Equal(5, header.Part<Hx711Emulator>().DataPin);
        Assert.Equal("2026-11-20", ((Hx711Sensor)sensor).Calibration?.Id);
    }

    [Fact]
    public void A_valid_entry_has_no_problems()
    {
        var section = Section(Entry);

        Assert.Empty(new Hx711SensorDriver().Validate(section.Get<SensorOptions>()!, section));
    }

    [Theory]
    [InlineData("\"CapacityKg\": 0", "CapacityKg 0 must be between 1 and 1000")]
    [InlineData("\"ConversionsPerReading\": 40", "ConversionsPerReading 40 must be between 1 and 15")]
    [InlineData("\"ReadyTimeout\": \"00:01:00\"", "ReadyTimeout 00:01:00 must be between")]
    [InlineData("\"Calibration\": { \"ZeroRaw\": 84000 }", "Calibration needs both ZeroRaw and CountsPerKg")]
    [InlineData("\"Stability\": { \"Readings\": 1 }", "Stability:Readings 1 must be between 2 and 100")]
    [InlineData("\"Pins\": { \"Data\": 6, \"Clock\": 6 }", "Pins:Clock 6 is already Pins:Data")]
    public void A_wrong_setting_is_reported_by_name(string setting, string expected)
    {
        var section = Section($$"""{ "Sensors": [ { "Id": "scale-1", "Kind": "scale", "Driver": "hx711", {{setting}} } ] }""");

        var problems = new Hx711SensorDriver().Validate(section.Get<SensorOptions>()!, section);

        Assert.Contains(problems, problem => problem.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_calibration_in_the_entry_is_used_until_one_is_made_with_the_agent()
    {
        var settings = new Hx711CalibrationSettings { Id = "2026-11-20", ZeroRaw = 84_000, CountsPerKg = 42_950 };

        var calibration = settings.ToCalibration();

        Assert.Equal(new ScaleCalibration { Id = "2026-11-20", CalibratedAt = DateTimeOffset.MinValue, ZeroRaw = 84_000, CountsPerKg = 42_950 }, calibration);
    }

    private static IConfigurationSection Section(string json) =>
        new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)))
            .Build()
            .GetSection("Sensors:0");

    private static SensorContext Context(IConfigurationSection section, IBusFactory buses)
    {
        var options = section.Get<SensorOptions>()!;
        Assert.True(SensorDrivers.TryGet(options.Driver, out var driver));
        return new SensorContext(options, section, driver, buses, new FakeTimeProvider(Hx711TestBench.Morning), NullLoggerFactory.Instance);
    }
}
