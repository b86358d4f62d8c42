using Pontive.Iot.EdgeAgent.Mqtt;

namespace Pontive.Iot.EdgeAgent.Tests.Mqtt;

public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(2);

    [Fact]
    public void Without_jitter_the_wait_doubles_from_the_initial_delay_up_to_the_maximum_and_stays_there()
    {
        var backoff = new ReconnectBackoff(Initial, Max, random: () => 1.0);

        var waits = Enumerable.Range(0, 10).Select(_ => backoff.Next().TotalSeconds);

        Assert.Equal([1.0, 2, 4, 8, 16, 32, 64, 120, 120, 120], waits);
    }

    [Fact]
    public void The_jitter_takes_each_wait_down_to_half_at_most()
    {
        var lowest = new ReconnectBackoff(Initial, Max, random: () => 0.0);
        var middle = new ReconnectBackoff(Initial, Max, random: () => 0.5);

        Assert.Equal([0.5, 1, 2, 4], Enumerable.Range(0, 4).Select(_ => lowest.Next().TotalSeconds));
        Assert.Equal([0.75, 1.5, 3, 6], Enumerable.Range(0, 4).Select(_ => middle.Next().TotalSeconds));
    }

    [Fact]
    public void With_real_randomness_every_wait_lies_between_half_and_all_of_its_ceiling_and_devices_spread_out()
    {
        var waits = new List<double>();
        for (var device = 0; device < 200; device++)
        {
            var backoff = new ReconnectBackoff(Initial, Max);
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var ceiling = Math.Min(Math.Pow(2, attempt), Max.TotalSeconds);
                var wait = backoff.Next().TotalSeconds;
                Assert.InRange(wait, ceiling / 2, ceiling);
                if (attempt == 9)
                {
                    waits.Add(wait);
                }
            }
        }

        // Two hundred devices after the same outage do not all come back in the same second.
        Assert.True(waits.Max() - waits.Min() > 30, $"spread {waits.Max() - waits.Min():F1} s");
    }

    [Fact]
    public void Reset_after_a_successful_connection_starts_again_from_the_initial_delay()
    {
        var backoff = new ReconnectBackoff(Initial, Max, random: () => 1.0);
        for (var i = 0; i < 5; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.Equal(Initial, backoff.Next());
        Assert.Equal(2 * Initial, backoff.Next());
    }

    [Fact]
    public void Days_of_failures_never_overflow_past_the_maximum()
    {
        var backoff = new ReconnectBackoff(Initial, Max, random: () => 1.0);

        var last = TimeSpan.Zero;
        for (var i = 0; i < 10_000; i++)
        {
            last = backoff.Next();
        }

        Assert.Equal(Max, last);
    }
}
