using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Devices.Vl53l0x;
using Pontive.Iot.EdgeAgent.Hardware;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Vl53l0x;

/// <summary>The vl53l0x entry: its bin settings, their validation, and a sensor built from configuration on emulated buses.</summary>
public sealed class Vl53l0xSensorDriverTests
{
    [Fact]
    public void The_driver_is_found_by_its_configuration_name_at_the_chip_address()
    {
        Assert.True(Sensors.SensorDrivers.TryGet("vl53l0x", out var driver));
        Assert.IsType<Vl53l0xSensorDriver>(driver);
        Assert.Equal(SensorKinds.FillLevel, driver.Kind);
        Assert.Equal([0x29], driver.I2cAddresses);
    }

    [Fact]
    public void A_complete_entry_is_valid()
    {
        Assert.Empty(ConfiguredSensor.ValidationFailures(Entry()));
    }

    [Fact]
    public void The_start_up_validation_names_the_entry_and_the_missing_bin_depth()
    {
        var entry = Entry();
        entry.Remove("BinDepthCm");

        var failures = ConfiguredSensor.ValidationFailures(entry);

        Assert.Equal(["Sensors:0 (bin-1): BinDepthCm is required: the distance in cm from the sensor to the bottom of the empty bin"], failures);
    }

    [Fact]
    public void A_bin_deeper_than_the_chip_reaches_is_rejected_at_start()
    {
        var failures = ConfiguredSensor.ValidationFailures(Entry(("BinDepthCm", "240")));

        Assert.Equal(["Sensors:0 (bin-1): BinDepthCm 240 is beyond what the VL53L0X measures (at most 200 cm)"], failures);
    }

    [Fact]
    public async Task A_configured_sensor_reads_its_emulated_bin_through_the_real_driver()
    {
        var clock = new FakeTimeProvider(Vl53l0xTestBench.PontianakNoon);
        var buses = new EmulatedBuses();
        var context = ConfiguredSensor.Context(
            Entry(("FullDistanceCm", "10"), ("Emulation:BinDepthCm", "110"), ("Emulation:FillCmPerHour", "0"), ("Emulation:NoiseCm", "0")),
            clock,
            buses);

        using var sensor = new Vl53l0xSensorDriver().Create(context);
        var values = await sensor.ReadAsync(CancellationToken.None);

        // The emulated bin is 110 cm deep and empty; the configured one 100 cm, so the reading is past its bottom.
        Assert.Equal(110.0, values[ValueNames.DistanceCm]);
        Assert.Equal(0.0, values[ValueNames.FillPct]);
        Assert.IsType<Vl53l0xEmulator>(buses.Emulators["bin-1"]);
    }

    private static Dictionary<string, string?> Entry(params (string Key, string Value)[] overrides)
    {
        var entry = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Id"] = "bin-1",
            ["Kind"] = "fill_level",
            ["Driver"] = "vl53l0x",
            ["BinDepthCm"] = "100",
        };
        foreach (var (key, value) in overrides)
        {
            entry[key] = value;
        }

        return entry;
    }
}
