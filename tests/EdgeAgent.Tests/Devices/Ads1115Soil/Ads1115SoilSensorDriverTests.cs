using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Devices.Ads1115Soil;
using Pontive.Iot.EdgeAgent.Hardware;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Ads1115Soil;

/// <summary>The ads1115-soil entry: its settings, their validation, and a sensor built from configuration on emulated buses.</summary>
public sealed class Ads1115SoilSensorDriverTests
{
    private static readonly Ads1115SoilSensorDriver Driver = new();

    [Fact]
    public void The_driver_is_found_by_its_configuration_name_with_the_chip_addresses()
    {
        Assert.True(Sensors.SensorDrivers.TryGet("ads1115-soil", out var driver));
        Assert.IsType<Ads1115SoilSensorDriver>(driver);
        Assert.Equal(SensorKinds.Soil, driver.Kind);
        Assert.Equal([0x48, 0x49, 0x4A, 0x4B], driver.I2cAddresses);
    }

    [Fact]
    public void A_complete_entry_is_valid()
    {
        Assert.Empty(ConfiguredSensor.ValidationFailures(Entry()));
    }

    [Fact]
    public void The_start_up_validation_names_the_entry_and_the_calibration_setting()
    {
        var failures = ConfiguredSensor.ValidationFailures(Entry(("Calibration:DryRaw", "9000")));

        Assert.Equal(["Sensors:0 (soil-1): Calibration:DryRaw must be above Calibration:WetRaw (a dry probe reads higher)"], failures);
    }

    [Theory]
    [InlineData("Channel", "4", "Channel 4 is not an ADS1115 input: use 0, 1, 2 or 3 for A0..A3")]
    [InlineData("Channel", "-1", "Channel -1 is not an ADS1115 input: use 0, 1, 2 or 3 for A0..A3")]
    [InlineData("Calibration:WetRaw", "40000",
        "Calibration:WetRaw 40,000 is not an ADS1115 reading: single-ended counts run 0..32,767 (±4.096 V range, 125 µV a count)")]
    [InlineData("Calibration:WetRaw", "21900",
        "Calibration:DryRaw and Calibration:WetRaw are only 500 counts apart; a capacitive probe spans about 12,800 (1.2 V wet to 2.8 V dry): calibrate again")]
    [InlineData("Calibration:DryRaw", "9600", "Calibration:DryRaw must be above Calibration:WetRaw (a dry probe reads higher)")]
    public void A_bad_setting_is_reported_by_name(string key, string value, string expected)
    {
        var problems = Driver.Validate(new(), ConfiguredSensor.Configuration(Entry((key, value))).GetSection("Sensors:0"));

        Assert.Equal([expected], problems);
    }

    [Fact]
    public void A_missing_calibration_is_reported_as_required()
    {
        var entry = Entry();
        entry.Remove("Calibration:DryRaw");
        entry.Remove("Calibration:WetRaw");

        var problems = Driver.Validate(new(), ConfiguredSensor.Configuration(entry).GetSection("Sensors:0"));

        Assert.Equal(
            ["Calibration:DryRaw and Calibration:WetRaw are required: the probe's raw counts in open air and in water (see the ads1115-soil README)"],
            problems);
    }

    [Fact]
    public void A_setting_that_is_not_a_number_is_reported_instead_of_crashing()
    {
        var problems = Driver.Validate(new(), ConfiguredSensor.Configuration(Entry(("Calibration:DryRaw", "dry"))).GetSection("Sensors:0")).ToList();

        var problem = Assert.Single(problems);
        Assert.StartsWith("Channel and Calibration must be whole numbers: ", problem, StringComparison.Ordinal);
        Assert.Contains("Calibration:DryRaw", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_the_chip_cannot_have_is_rejected_at_start()
    {
        var failures = ConfiguredSensor.ValidationFailures(Entry(("Address", "0x50")));

        Assert.Equal(["Sensors:0 (soil-1): Address '0x50' is not one ads1115-soil can have; it sits at 0x48 or 0x49 or 0x4a or 0x4b"], failures);
    }

    [Fact]
    public async Task A_configured_sensor_reads_its_emulated_probe_through_the_real_driver()
    {
        var clock = new FakeTimeProvider(Ads1115SoilTestBench.PontianakNoon);
        var buses = new EmulatedBuses();
        var context = ConfiguredSensor.Context(
            Entry(("Channel", "1"), ("Address", "0x49"), ("Emulation:VoltsAfterWatering", "2.0"), ("Emulation:DryingVoltsPerHour", "0"), ("Emulation:NoiseVolts", "0")),
            clock,
            buses);

        using var sensor = Driver.Create(context);
        var values = await sensor.ReadAsync(CancellationToken.None);

        Assert.Equal(50.0, values[ValueNames.MoisturePct]);
        var emulator = Assert.IsType<Ads1115Emulator>(buses.Emulators["soil-1"]);
        Assert.Equal(0x49, emulator.ConnectionSettings.DeviceAddress);
        Assert.Equal(0b101, (emulator.ConfigRegister >> 12) & 0b111);
    }

    private static Dictionary<string, string?> Entry(params (string Key, string Value)[] overrides)
    {
        var entry = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Id"] = "soil-1",
            ["Kind"] = "soil",
            ["Driver"] = "ads1115-soil",
            ["Channel"] = "0",
            ["Calibration:DryRaw"] = "22400",
            ["Calibration:WetRaw"] = "9600",
        };
        foreach (var (key, value) in overrides)
        {
            entry[key] = value;
        }

        return entry;
    }
}
