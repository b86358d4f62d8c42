using Microsoft.Extensions.Configuration;
using Pontive.Iot.EdgeAgent.Devices.FillLevel;
using Pontive.Iot.EdgeAgent.Devices.Vl53l0x;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.FillLevel;

/// <summary>The emulated bin's day: rubbish rising while the park is open, emptied at collection.</summary>
public sealed class BinFillScenarioTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    [Theory]
    [InlineData(7, 0, 90.0)]
    [InlineData(12, 0, 70.0)]
    [InlineData(20, 0, 38.0)]
    [InlineData(23, 30, 38.0)]
    [InlineData(6, 30, 36.0)]
    public void Rubbish_rises_while_the_park_is_open_until_the_morning_collection(int hour, int minute, double expectedCm)
    {
        var scenario = new BinFillScenario();

        Assert.Equal(expectedCm, scenario.LevelDistanceCmAt(At(hour, minute)), 1e-9);
    }

    [Fact]
    public void An_overflowing_bin_stops_at_the_overflow_distance()
    {
        var scenario = new BinFillScenario { FillCmPerHour = 20 };

        Assert.Equal(5, scenario.LevelDistanceCmAt(At(19, 0)));
    }

    [Fact]
    public void A_bin_that_is_never_collected_is_full()
    {
        var scenario = new BinFillScenario { CollectionLocalTimes = [] };

        Assert.Equal(5, scenario.LevelDistanceCmAt(At(9, 0)));
    }

    [Fact]
    public void Collection_times_from_configuration_replace_the_default_ones()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create<string, string?>("Emulation:CollectionLocalTimes:0", "18:00")])
            .Build();

        var scenario = configuration.GetSection("Emulation").Get<Vl53l0xScenario>()!;

        // Not emptied at 07:00: by noon the bin holds 18:00..20:00 and 06:00..12:00, 8 open hours.
        Assert.Equal([TimeSpan.FromHours(18)], scenario.CollectionLocalTimes);
        Assert.Equal(58, scenario.LevelDistanceCmAt(At(12, 0)), 1e-9);
    }

    [Fact]
    public void Noise_stays_within_its_bound_and_repeats_for_the_same_instant()
    {
        var scenario = new BinFillScenario { NoiseCm = 0.5 };
        var start = At(9, 0);
        var deviations = Enumerable.Range(0, 500)
            .Select(i => start.AddSeconds(i * 13))
            .Select(t => scenario.DistanceCmAt(t) - scenario.LevelDistanceCmAt(t))
            .ToList();

        Assert.All(deviations, d => Assert.InRange(d, -0.5, 0.5));
        Assert.True(deviations.Max() - deviations.Min() > 0.8, "Noise should spread over most of its range.");
        Assert.Equal(scenario.DistanceCmAt(start), scenario.DistanceCmAt(start));
    }

    private static DateTimeOffset At(int hour, int minute) => new(2026, 11, 28, hour, minute, 0, Wib);
}
