using Pontive.Iot.EdgeAgent.Devices.Pms5003;
using Pontive.Iot.EdgeAgent.Devices.Sds011;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Serial;

/// <summary>Pontianak's air as the emulated particulate sensors see it over the year.</summary>
public sealed class ParticulateScenarioTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    [Fact]
    public void Outside_the_haze_season_PM25_stays_between_10_and_40_all_day()
    {
        var scenario = new Pms5003Scenario();
        var from = new DateTimeOffset(2026, 2, 1, 0, 0, 0, Wib);

        var readings = Enumerable.Range(0, 14 * 24 * 4).Select(q => scenario.LevelsAt(from.AddMinutes(15 * q)).Pm25Ugm3).ToList();

        Assert.All(readings, pm25 => Assert.InRange(pm25, 10, 40));
    }

    [Fact]
    public void The_haze_season_brings_smoke_days_above_150_and_a_far_dirtier_month()
    {
        var scenario = new Pms5003Scenario();
        double MorningMean(int month) => Enumerable.Range(1, 28)
            .Select(day => scenario.LevelsAt(new DateTimeOffset(2026, month, day, 6, 0, 0, Wib)).Pm25Ugm3)
            .Average();

        var septemberMornings = Enumerable.Range(1, 30)
            .Select(day => scenario.LevelsAt(new DateTimeOffset(2026, 9, day, 6, 0, 0, Wib)).Pm25Ugm3)
            .ToList();

        Assert.Contains(septemberMornings, pm25 => pm25 > 150);
        Assert.True(MorningMean(9) > 3 * MorningMean(2));
        Assert.InRange(MorningMean(12), 10, 40);
    }

    [Fact]
    public void The_air_is_dirtiest_early_in_the_morning_and_cleanest_in_the_evening()
    {
        var scenario = new Sds011Scenario { NoiseUgm3 = 0 };
        var day = new DateTimeOffset(2026, 3, 4, 0, 0, 0, Wib);

        var morning = scenario.LevelsAt(day.AddHours(6)).Pm25Ugm3;
        var noon = scenario.LevelsAt(day.AddHours(12)).Pm25Ugm3;
        var evening = scenario.LevelsAt(day.AddHours(18)).Pm25Ugm3;

        Assert.Equal(26, morning, 6);
        Assert.Equal(20, noon, 6);
        Assert.Equal(14, evening, 6);
    }

    [Fact]
    public void Coarser_fractions_carry_more_mass_in_the_configured_ratios()
    {
        var levels = new Pms5003Scenario { NoiseUgm3 = 0 }.LevelsAt(new DateTimeOffset(2026, 3, 4, 12, 0, 0, Wib));

        Assert.Equal(levels.Pm25Ugm3 * 0.7, levels.Pm1Ugm3, 6);
        Assert.Equal(levels.Pm25Ugm3 * 1.35, levels.Pm10Ugm3, 6);
    }

    [Fact]
    public void The_same_seed_gives_the_same_air_and_another_seed_other_air()
    {
        var at = new DateTimeOffset(2026, 9, 12, 7, 30, 0, Wib);

        Assert.Equal(new Pms5003Scenario { NoiseSeed = 4 }.LevelsAt(at), new Pms5003Scenario { NoiseSeed = 4 }.LevelsAt(at));
        Assert.NotEqual(new Pms5003Scenario { NoiseSeed = 4 }.LevelsAt(at), new Pms5003Scenario { NoiseSeed = 5 }.LevelsAt(at));
    }

    [Fact]
    public void Levels_never_go_below_zero_however_strong_the_noise()
    {
        var scenario = new Sds011Scenario { Pm25Ugm3 = 0.5, NoiseUgm3 = 50 };
        var from = new DateTimeOffset(2026, 2, 1, 0, 0, 0, Wib);

        Assert.All(Enumerable.Range(0, 500), i => Assert.True(scenario.LevelsAt(from.AddMinutes(i)).Pm25Ugm3 >= 0));
    }
}
