using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Tests.Scales;

public sealed class RawMedianTests
{
    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value_whatever_the_outlier()
    {
        Assert.Equal(100, RawMedian.Of([100, 8_388_607, 99]));
    }

    [Fact]
    public void The_median_of_two_values_is_their_mean_where_the_binding_would_throw()
    {
        Assert.Equal(150, RawMedian.Of([100, 200]));
        Assert.Equal(-151, RawMedian.Of([-100, -201]));
    }

    [Fact]
    public void There_is_no_median_of_nothing()
    {
        Assert.Throws<ArgumentException>(() => RawMedian.Of([]));
    }
}
