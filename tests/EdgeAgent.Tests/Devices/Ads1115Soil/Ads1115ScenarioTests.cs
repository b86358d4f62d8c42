using Microsoft.Extensions.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Ads1115Soil;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Ads1115Soil;

/// <summary>The emulated soil probe's day: watering, drying, noise.</summary>
public sealed class Ads1115ScenarioTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    [Fact]
    public void The_probe_reads_its_watered_level_at_each_watering_and_rises_as_the_bed_dries()
    {
        var scenario = new Ads1115Scenario();

        Assert.Equal(1.45, scenario.ProbeLevelVoltsAt(new DateTimeOffset(2026, 11, 28, 6, 30, 0, Wib)), 1e-9);
        Assert.Equal(1.61, scenario.ProbeLevelVoltsAt(new DateTimeOffset(2026, 11, 28, 10, 30, 0, Wib)), 1e-9);
        Assert.Equal(1.45, scenario.ProbeLevelVoltsAt(new DateTimeOffset(2026, 11, 28, 17, 0, 0, Wib)), 1e-9);

        // 05:00 is 12 hours after the previous evening's watering.
        Assert.Equal(1.93, scenario.ProbeLevelVoltsAt(new DateTimeOffset(2026, 11, 28, 5, 0, 0, Wib)), 1e-9);
    }

    [Fact]
    public void A_bed_never_watered_reads_dry()
    {
        var scenario = new Ads1115Scenario { WateringLocalTimes = [] };

        Assert.Equal(2.75, scenario.ProbeLevelVoltsAt(new DateTimeOffset(2026, 11, 28, 9, 0, 0, Wib)));
    }

    [Fact]
    public void A_bed_left_long_enough_dries_out_no_further_than_dry()
    {
        var scenario = new Ads1115Scenario { WateringLocalTimes = [new(6, 0, 0)], DryingVoltsPerHour = 0.2 };

        Assert.Equal(2.75, scenario.ProbeLevelVoltsAt(new DateTimeOffset(2026, 11, 28, 20, 0, 0, Wib)));
    }

    [Fact]
    public void Watering_times_from_configuration_replace_the_default_ones()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create<string, string?>("Emulation:WateringLocalTimes:0", "05:00")])
            .Build();

        var scenario = configuration.GetSection("Emulation").Get<Ads1115Scenario>()!;

        // Not watered at 06:30: five hours of drying by 10:00.
        Assert.Equal([TimeSpan.FromHours(5)], scenario.WateringLocalTimes);
        Assert.Equal(1.65, scenario.ProbeLevelVoltsAt(new DateTimeOffset(2026, 11, 28, 10, 0, 0, Wib)), 1e-9);
    }

    [Fact]
    public void Noise_stays_within_its_bound_and_repeats_for_the_same_instant()
    {
        var scenario = new Ads1115Scenario { NoiseVolts = 0.01 };
        var start = new DateTimeOffset(2026, 11, 28, 8, 0, 0, Wib);
        var deviations = Enumerable.Range(0, 500)
            .Select(i => start.AddSeconds(i * 7))
            .Select(t => scenario.ProbeVoltsAt(t) - scenario.ProbeLevelVoltsAt(t))
            .ToList();

        Assert.All(deviations, d => Assert.InRange(d, -0.01, 0.01));
        Assert.True(deviations.Max() - deviations.Min() > 0.015, "Noise should spread over most of its range.");
        Assert.Equal(scenario.ProbeVoltsAt(start), scenario.ProbeVoltsAt(start));
    }
}
