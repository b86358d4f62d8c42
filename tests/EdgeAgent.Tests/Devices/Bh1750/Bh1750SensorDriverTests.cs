using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Devices.Bh1750;
using Pontive.Iot.EdgeAgent.Hardware;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Bh1750;

/// <summary>The bh1750 entry: found by name, validated at start, and built from configuration on emulated buses.</summary>
public sealed class Bh1750SensorDriverTests
{
    [Fact]
    public void The_driver_is_found_by_its_configuration_name_with_the_chip_addresses()
    {
        Assert.True(Sensors.SensorDrivers.TryGet("bh1750", out var driver));
        Assert.IsType<Bh1750SensorDriver>(driver);
        Assert.Equal(SensorKinds.Light, driver.Kind);
        Assert.Equal([0x23, 0x5C], driver.I2cAddresses);
    }

    [Fact]
    public void A_complete_entry_is_valid()
    {
        Assert.Empty(ConfiguredSensor.ValidationFailures(Entry()));
    }

    [Fact]
    public void The_start_up_validation_names_the_entry_with_an_address_the_chip_cannot_have()
    {
        var failures = ConfiguredSensor.ValidationFailures(Entry(("Address", "0x29")));

        Assert.Equal(["Sensors:0 (light-1): Address '0x29' is not one bh1750 can have; it sits at 0x23 or 0x5c"], failures);
    }

    [Fact]
    public async Task A_configured_sensor_reads_its_emulated_chip_through_the_real_driver()
    {
        var clock = new FakeTimeProvider(Bh1750TestBench.PontianakSolarNoon);
        var buses = new EmulatedBuses();
        var context = ConfiguredSensor.Context(
            Entry(("Address", "0x5C"), ("Emulation:CanopyTransmittance", "0.25"), ("Emulation:CloudCover", "0")),
            clock,
            buses);

        using var sensor = new Bh1750SensorDriver().Create(context);
        clock.Advance(Bh1750Sensor.MaxMeasurementTime);
        var values = await sensor.ReadAsync(CancellationToken.None);

        Assert.InRange(values[ValueNames.IlluminanceLux], 24_998, 25_000);
        var emulator = Assert.IsType<Bh1750Emulator>(buses.Emulators["light-1"]);
        Assert.Equal(0x5C, emulator.ConnectionSettings.DeviceAddress);
    }

    private static Dictionary<string, string?> Entry(params (string Key, string Value)[] overrides)
    {
        var entry = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Id"] = "light-1",
            ["Kind"] = "light",
            ["Driver"] = "bh1750",
        };
        foreach (var (key, value) in overrides)
        {
            entry[key] = value;
        }

        return entry;
    }
}
