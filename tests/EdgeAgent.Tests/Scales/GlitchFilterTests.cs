using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Tests.Scales;

public sealed class GlitchFilterTests
{
    [Fact]
    public void A_lone_spike_is_held_back_and_counted_as_a_glitch_when_the_next_reading_returns()
    {
        var filter = Primed(100_000);

        var spike = filter.Offer(500_000);
        var next = filter.Offer(100_010);

        Assert.False(spike);
        Assert.True(next);
        Assert.Equal(1, filter.Rejected);
    }

    [Fact]
    public void A_doubled_reading_is_a_glitch()
    {
        var filter = Primed(100_000);

        Assert.False(filter.Offer(200_000));
        Assert.True(filter.Offer(100_000));
        Assert.Equal(1, filter.Rejected);
    }

    [Fact]
    public void A_real_change_of_load_is_followed_after_one_reading()
    {
        var filter = Primed(100_000);

        var first = filter.Offer(300_000);
        var second = filter.Offer(300_020);
        var third = filter.Offer(299_990);

        Assert.False(first);
        Assert.True(second);
        Assert.True(third);
        Assert.Equal(0, filter.Rejected);
    }

    [Fact]
    public void Small_changes_within_the_jump_pass_at_once()
    {
        var filter = Primed(100_000);

        Assert.True(filter.Offer(100_900));
        Assert.True(filter.Offer(99_100));
    }

    [Fact]
    public void After_a_reset_the_first_reading_is_taken_as_it_is()
    {
        var filter = Primed(100_000);

        filter.Reset();

        Assert.True(filter.Offer(700_000));
    }

    [Fact]
    public void The_median_of_recent_readings_is_the_reference_so_one_accepted_outlier_does_not_move_it()
    {
        var filter = new GlitchFilter(maxJump: 1_000, historyLength: 5);
        foreach (var reading in new long[] { 100_000, 100_100, 100_900, 101_000, 100_050 })
        {
            Assert.True(filter.Offer(reading));
        }

        // Within 1,000 of the median (100,100) though 1,950 from the last accepted high reading.
        Assert.True(filter.Offer(99_150));
    }

    private static GlitchFilter Primed(long level)
    {
        var filter = new GlitchFilter(maxJump: 1_000);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(filter.Offer(level));
        }

        return filter;
    }
}
