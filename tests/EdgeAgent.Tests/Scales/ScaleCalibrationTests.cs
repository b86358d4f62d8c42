using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Tests.Scales;

public sealed class ScaleCalibrationTests
{
    [Theory]
    [InlineData(42_950, 5, "0.000023")]
    [InlineData(4_295, 4, "0.00023")]
    [InlineData(429_500, 6, "0.0000023")]
    [InlineData(-42_950, 5, "0.000023")]
    public void The_resolution_is_one_count_and_weights_keep_the_decimals_a_count_changes(double countsPerKg, int decimals, string resolution)
    {
        var calibration = ScaleCalibration.FromSettings("c", 0, countsPerKg);

        Assert.Equal(decimals, calibration.Decimals);
        Assert.Equal(decimal.Parse(resolution, System.Globalization.CultureInfo.InvariantCulture), calibration.ResolutionKg);
    }

    [Fact]
    public void A_mass_is_the_counts_above_the_tare_over_the_counts_per_kilogram()
    {
        var calibration = ScaleCalibration.FromSettings("c", 84_000, 42_950);

        Assert.Equal(2.34568m, calibration.MassKg(184_747, 84_000));
        Assert.Equal(0m, calibration.MassKg(150_000, 150_000));
        Assert.Equal(-1m, calibration.MassKg(84_000 - 42_950, 84_000));
    }

    [Fact]
    public void Crossed_signal_wires_give_negative_counts_per_kilogram_and_still_weigh_right()
    {
        var calibration = ScaleCalibration.FromSettings("c", 84_000, -42_950);

        Assert.Equal(2m, calibration.MassKg(84_000 - 85_900, 84_000));
    }
}
