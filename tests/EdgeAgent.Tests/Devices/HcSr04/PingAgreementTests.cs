using Pontive.Iot.EdgeAgent.Devices.HcSr04;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.HcSr04;

public sealed class PingAgreementTests
{
    [Fact]
    public void The_distance_is_the_median_of_the_pings_that_agree()
    {
        Assert.True(PingAgreement.TryFind([87.1, 12.4, 87.0, 26.8, 86.9], needed: 3, out var distance));

        Assert.Equal(87.0, distance);
    }

    [Fact]
    public void Two_strays_out_of_three_timed_pings_are_not_a_reading()
    {
        // The plain median of these is 24.5 cm, a stray's.
        Assert.False(PingAgreement.TryFind([87.0, 12.4, 24.5], needed: 3, out _));
    }

    [Fact]
    public void Pings_within_two_centimetres_of_one_another_agree()
    {
        Assert.True(PingAgreement.TryFind([50.0, 51.9, 48.1], needed: 3, out var distance));

        Assert.Equal(50.0, distance);
    }

    [Fact]
    public void No_pings_give_no_reading()
    {
        Assert.False(PingAgreement.TryFind([], needed: 1, out _));
    }
}
