using Pontive.Iot.EdgeAgent.Devices.Bh1750;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Bh1750;

/// <summary>The emulated Pontianak day: sunrise, noon, sunset, canopy and clouds.</summary>
public sealed class Bh1750ScenarioTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 30)]
    [InlineData(17, 50)]
    [InlineData(22, 0)]
    public void It_is_dark_between_sunset_and_sunrise(int hour, int minute)
    {
        var scenario = new Bh1750Scenario();

        Assert.Equal(0, scenario.IlluminanceAt(At(hour, minute)));
    }

    [Fact]
    public void The_clear_sky_peaks_at_solar_noon_and_is_half_as_bright_four_hours_away()
    {
        var scenario = new Bh1750Scenario { CloudCover = 0 };

        Assert.Equal(100_000, scenario.IlluminanceAt(At(11, 43)), 1e-6);
        Assert.Equal(50_000, scenario.IlluminanceAt(At(7, 43)), 1e-6);
        Assert.Equal(50_000, scenario.IlluminanceAt(At(15, 43)), 1e-6);
    }

    [Fact]
    public void A_canopy_lets_through_its_fraction()
    {
        var scenario = new Bh1750Scenario { CloudCover = 0, CanopyTransmittance = 0.2 };

        Assert.Equal(20_000, scenario.IlluminanceAt(At(11, 43)), 1e-6);
    }

    [Fact]
    public void Clouds_dim_the_sun_by_at_most_the_cloud_cover_and_last_a_spell()
    {
        var scenario = new Bh1750Scenario { CloudCover = 0.6, CloudSpellMinutes = 10 };
        var factors = Enumerable.Range(0, 200).Select(i => scenario.CloudFactorAt(At(8, 0).AddMinutes(i * 10))).ToList();

        Assert.All(factors, f => Assert.InRange(f, 0.4, 1.0));
        Assert.True(factors.Max() - factors.Min() > 0.4, "Clouds should come and go.");
        Assert.Equal(scenario.CloudFactorAt(At(8, 0)), scenario.CloudFactorAt(At(8, 9)));
    }

    private static DateTimeOffset At(int hour, int minute) => new(2026, 11, 28, hour, minute, 0, Wib);
}
