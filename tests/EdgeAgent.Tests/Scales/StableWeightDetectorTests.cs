using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Tests.Scales;

public sealed class StableWeightDetectorTests
{
    private static readonly StabilityOptions FiveWithinFiveGrams = new() { Readings = 5, ToleranceGrams = 5, Window = TimeSpan.FromSeconds(3) };

    [Fact]
    public void Five_readings_within_plus_or_minus_five_grams_are_stable()
    {
        var (detector, clock) = Detector();

        var stable = false;
        foreach (var mass in new[] { 2.003m, 1.996m, 2.000m, 2.005m, 1.999m })
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            stable = detector.Add(mass);
        }

        Assert.True(stable);
    }

    [Fact]
    public void Fewer_readings_than_required_are_not_yet_stable()
    {
        var (detector, clock) = Detector();

        for (var i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            Assert.False(detector.Add(2.000m));
        }
    }

    [Fact]
    public void A_spread_wider_than_twice_the_tolerance_is_not_stable()
    {
        var (detector, clock) = Detector();

        var stable = true;
        foreach (var mass in new[] { 2.000m, 2.000m, 2.011m, 2.000m, 2.000m })
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            stable = detector.Add(mass);
        }

        Assert.False(stable);
    }

    [Fact]
    public void The_oldest_reading_leaves_the_count_as_new_ones_come()
    {
        var (detector, clock) = Detector();

        var stable = false;
        foreach (var mass in new[] { 0.000m, 3.500m, 3.501m, 3.499m, 3.500m, 3.502m })
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            stable = detector.Add(mass);
        }

        Assert.True(stable);
    }

    [Fact]
    public void Readings_older_than_the_window_no_longer_count()
    {
        var (detector, clock) = Detector();
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            detector.Add(1.000m);
        }

        Assert.True(detector.IsStable);
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.False(detector.IsStable);
    }

    [Fact]
    public void Reset_forgets_the_readings_before_a_tare()
    {
        var (detector, clock) = Detector();
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            detector.Add(1.000m);
        }

        detector.Reset();

        Assert.False(detector.IsStable);
    }

    [Theory]
    [InlineData(1, 5.0, 3.0, "Stability:Readings 1 must be between 2 and 100")]
    [InlineData(5, 0.0, 3.0, "Stability:ToleranceGrams 0 must be between 0.001 and 10000 grams")]
    [InlineData(5, 5.0, 120.0, "Stability:Window 00:02:00 must be between 00:00:00.1 and 00:01:00")]
    public void Settings_out_of_range_are_named(int readings, double toleranceGrams, double windowSeconds, string expected)
    {
        var options = new StabilityOptions { Readings = readings, ToleranceGrams = toleranceGrams, Window = TimeSpan.FromSeconds(windowSeconds) };

        Assert.Equal([expected], options.Validate());
    }

    private static (StableWeightDetector Detector, FakeTimeProvider Clock) Detector()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
        return (new StableWeightDetector(FiveWithinFiveGrams, clock), clock);
    }
}
