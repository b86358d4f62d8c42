using Microsoft.Extensions.Configuration;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Devices.FillLevel;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.FillLevel;

public sealed class FillLevelGaugeTests
{
    private static readonly DistanceSensorRange TimeOfFlight = new("VL53L0X", BlindZoneCm: 3, MaxCm: 200);

    [Theory]
    [InlineData(100.0, 0.0)]
    [InlineData(10.0, 100.0)]
    [InlineData(55.0, 50.0)]
    [InlineData(77.5, 25.0)]
    public void Fill_is_linear_from_the_bin_bottom_to_the_full_distance(double distanceCm, double expectedPercent)
    {
        var gauge = new FillLevelGauge(binDepthCm: 100, fullDistanceCm: 10);

        Assert.Equal(expectedPercent, gauge.FillPercent(distanceCm));
    }

    [Theory]
    [InlineData(130.0, 0.0)]
    [InlineData(4.0, 100.0)]
    public void A_distance_past_either_end_is_clamped_to_empty_or_full(double distanceCm, double expectedPercent)
    {
        var gauge = new FillLevelGauge(binDepthCm: 100, fullDistanceCm: 10);

        Assert.Equal(expectedPercent, gauge.FillPercent(distanceCm));
    }

    [Fact]
    public void Fill_is_rounded_to_a_tenth_of_a_percent()
    {
        var gauge = new FillLevelGauge(binDepthCm: 90, fullDistanceCm: 3);

        // (90 - 60) / 87 = 34.48 %
        Assert.Equal(34.5, gauge.FillPercent(60));
    }

    [Fact]
    public void Values_carry_the_distance_and_the_fill_by_their_contract_names()
    {
        var gauge = new FillLevelGauge(binDepthCm: 100, fullDistanceCm: 10);

        var values = gauge.Values(55.3);

        Assert.Equal(55.3, values[ValueNames.DistanceCm]);
        Assert.Equal(49.7, values[ValueNames.FillPct]);
    }

    [Fact]
    public void Without_a_full_distance_the_bin_is_full_at_the_sensor_blind_zone()
    {
        var settings = Bind(new() { ["BinDepthCm"] = "83" });

        var gauge = settings.Gauge(TimeOfFlight);

        Assert.Equal(83, gauge.BinDepthCm);
        Assert.Equal(3, gauge.FullDistanceCm);
        Assert.Equal(100.0, gauge.FillPercent(3));
    }

    [Fact]
    public void Settings_bind_from_the_sensor_entry_beside_its_other_settings()
    {
        var settings = Bind(new() { ["BinDepthCm"] = "90.5", ["FullDistanceCm"] = "12", ["Driver"] = "vl53l0x" });

        Assert.Equal(90.5, settings.BinDepthCm);
        Assert.Equal(12, settings.FullDistanceCm);
        Assert.Empty(settings.Validate(TimeOfFlight));
    }

    [Fact]
    public void A_missing_bin_depth_is_reported_as_required()
    {
        var problems = Bind(new() { ["Driver"] = "vl53l0x" }).Validate(TimeOfFlight);

        Assert.Equal(["BinDepthCm is required: the distance in cm from the sensor to the bottom of the empty bin"], problems);
    }

    [Fact]
    public void A_bin_deeper_than_the_sensor_reaches_is_reported()
    {
        var problems = Bind(new() { ["BinDepthCm"] = "250" }).Validate(TimeOfFlight);

        Assert.Equal(["BinDepthCm 250 is beyond what the VL53L0X measures (at most 200 cm)"], problems);
    }

    [Fact]
    public void A_full_distance_inside_the_blind_zone_is_reported()
    {
        var problems = Bind(new() { ["BinDepthCm"] = "90", ["FullDistanceCm"] = "1.5" }).Validate(TimeOfFlight);

        Assert.Equal(["FullDistanceCm 1.5 is nearer than the VL53L0X can measure (at least 3 cm)"], problems);
    }

    [Fact]
    public void A_full_distance_at_or_below_the_bin_bottom_is_reported()
    {
        var problems = Bind(new() { ["BinDepthCm"] = "90", ["FullDistanceCm"] = "90" }).Validate(TimeOfFlight);

        Assert.Equal(["FullDistanceCm 90 must be below BinDepthCm 90 (rubbish rises towards the sensor)"], problems);
    }

    [Fact]
    public void A_bin_no_deeper_than_the_blind_zone_is_reported()
    {
        var problems = Bind(new() { ["BinDepthCm"] = "2" }).Validate(TimeOfFlight);

        Assert.Equal(["BinDepthCm 2 must be above the VL53L0X's blind zone (3 cm)"], problems);
    }

    [Fact]
    public void An_entry_whose_depth_is_not_a_number_is_reported_instead_of_crashing()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create<string, string?>("Sensors:0:BinDepthCm", "deep")])
            .Build();

        var problem = Assert.Single(FillLevelSettings.ValidateEntry(configuration.GetSection("Sensors:0"), TimeOfFlight));

        Assert.StartsWith("BinDepthCm and FullDistanceCm must be numbers of centimetres: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gauge_whose_full_distance_is_not_below_its_depth_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FillLevelGauge(binDepthCm: 50, fullDistanceCm: 50));
    }

    private static FillLevelSettings Bind(Dictionary<string, string?> entry)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(entry.ToDictionary(kv => $"Sensors:0:{kv.Key}", kv => kv.Value))
            .Build();
        return FillLevelSettings.From(configuration.GetSection("Sensors:0"));
    }
}
