using Pontive.Iot.EdgeAgent.Sampling;

namespace Pontive.Iot.EdgeAgent.Tests.Sampling;

/// <summary>The sampler's arithmetic: the grid readings keep to, and how long a failed sensor waits.</summary>
public sealed class SamplingScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 3, 15, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void The_next_reading_is_one_interval_after_the_previous_slot_not_after_the_reading_finished()
    {
        Assert.Equal(Start + Minute, SensorSampler.NextDue(Start, Minute, now: Start + TimeSpan.FromSeconds(2.5)));
    }

    [Fact]
    public void Slots_missed_while_a_reading_hung_are_skipped_not_caught_up()
    {
        Assert.Equal(Start + (4 * Minute), SensorSampler.NextDue(Start, Minute, now: Start + (3 * Minute) + TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void A_reading_that_ends_exactly_on_a_slot_waits_for_the_slot_after()
    {
        Assert.Equal(Start + (3 * Minute), SensorSampler.NextDue(Start, Minute, now: Start + (2 * Minute)));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(1000, 300)]
    [InlineData(int.MaxValue, 300)]
    public void A_failed_sensor_with_a_short_interval_waits_longer_after_each_failure_up_to_five_minutes(int consecutiveFailures, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), SensorSampler.RetryDelay(TimeSpan.FromSeconds(1), consecutiveFailures));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(50)]
    public void A_failed_sensor_is_never_tried_again_sooner_than_its_interval(int consecutiveFailures)
    {
        Assert.Equal(TimeSpan.FromHours(1), SensorSampler.RetryDelay(TimeSpan.FromHours(1), consecutiveFailures));
    }
}
