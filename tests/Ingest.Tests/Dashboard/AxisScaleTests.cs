using Pontive.Iot.Ingest.Dashboard.Charts;

namespace Pontive.Iot.Ingest.Tests.Dashboard;

/// <summary>Value axes with round steps that cover the data.</summary>
public sealed class AxisScaleTests
{
    [Theory]
    [InlineData(0, 1868.322, 0, 2000, 500)]
    [InlineData(0, 154.5, 0, 200, 50)]
    [InlineData(24, 29.75, 24, 30, 2)]
    [InlineData(0, 3.6e6, 0, 4e6, 1e6)]
    public void Covers_the_data_with_round_steps(double low, double high, double minimum, double maximum, double step)
    {
        var scale = AxisScale.Covering(low, high);

        Assert.Equal((minimum, maximum, step), (scale.Minimum, scale.Maximum, scale.Step));
        Assert.True(scale.Ticks.Count <= 6);
    }

    [Fact]
    public void An_empty_chart_still_gets_an_axis_from_zero()
    {
        var scale = AxisScale.Covering(0, 0);

        Assert.Equal(0, scale.Minimum);
        Assert.True(scale.Maximum > 0);
    }

    [Fact]
    public void A_flat_line_is_centred_between_ticks()
    {
        var scale = AxisScale.Covering(27.5, 27.5);

        Assert.True(scale.Minimum < 27.5 && scale.Maximum > 27.5);
    }
}
