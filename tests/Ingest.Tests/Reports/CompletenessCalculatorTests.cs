using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Completeness;

namespace Pontive.Iot.Ingest.Tests.Reports;

/// <summary>Expected against received samples, missing messages by seq, and silence.</summary>
public sealed class CompletenessCalculatorTests
{
    private static readonly DateTimeOffset Start = Wib.Midnight(new DateOnly(2026, 11, 1));
    private static readonly CompletenessRequest OneDay = new(new TimeRange(Start, Start.AddDays(1)), null, null, null);
    private static readonly Dictionary<string, TimeSpan> NoIntervals = new(StringComparer.Ordinal);

    [Fact]
    public void The_interval_seen_in_the_data_is_the_typical_hours_count_so_a_device_off_half_the_day_is_half_complete()
    {
        // 60 samples an hour for the first 12 hours, none after.
        var counts = Enumerable.Range(0, 12).Select(h => Count(Start.AddHours(h), 60)).ToList();

        var sensor = Calculate(counts).Devices.Single().Sensors.Single();

        Assert.Equal((720L, 1440L, 60.0, "observed", 50.0), (sensor.Received, sensor.Expected, sensor.ExpectedIntervalS, sensor.IntervalSource, sensor.CompletenessPct));
    }

    [Fact]
    public void A_configured_interval_wins_over_the_one_seen()
    {
        var counts = Enumerable.Range(0, 24).Select(h => Count(Start.AddHours(h), 60)).ToList();
        var intervals = new Dictionary<string, TimeSpan>(StringComparer.Ordinal) { ["park-a/p1/env-1"] = TimeSpan.FromSeconds(30) };

        var sensor = CompletenessCalculator.Calculate(OneDay, Inputs(counts), intervals, TimeSpan.FromHours(1), "raw", Start.AddDays(2))
            .Devices.Single().Sensors.Single();

        Assert.Equal((2880L, "configured", 50.0), (sensor.Expected, sensor.IntervalSource, sensor.CompletenessPct));
    }

    [Fact]
    public void Only_the_part_of_the_range_that_has_passed_is_expected()
    {
        var counts = Enumerable.Range(0, 6).Select(h => Count(Start.AddHours(h), 60)).ToList();

        var sensor = CompletenessCalculator.Calculate(OneDay, Inputs(counts), NoIntervals, TimeSpan.FromHours(1), "raw", Start.AddHours(6))
            .Devices.Single().Sensors.Single();

        Assert.Equal((360L, 100.0), (sensor.Expected, sensor.CompletenessPct));
    }

    [Fact]
    public void Missing_messages_are_counted_within_and_between_days_but_not_across_a_reset()
    {
        SeqDay[] days =
        [
            new("park-a", "p1", Start, 100, 199, 95), // 5 missing inside the day
            new("park-a", "p1", Start.AddDays(1), 203, 300, 98), // 3 missing between days (200-202), none inside
            new("park-a", "p1", Start.AddDays(2), 0, 9, 10), // a reset: numbering starts again, no gap counted
        ];

        var device = CompletenessCalculator.Calculate(OneDay, Inputs([], seq: days), NoIntervals, TimeSpan.FromHours(1), "raw", Start.AddDays(3)).Devices.Single();

        Assert.Equal((203L, 8L, 100L, 9L), (device.Messages, device.MissingMessages, device.FirstSeq, device.LastSeq));
    }

    [Fact]
    public void Without_recorded_message_numbers_missing_messages_is_unknown_not_zero()
    {
        var device = Calculate([Count(Start, 60)]).Devices.Single();

        Assert.Null(device.MissingMessages);
    }

    [Fact]
    public void A_device_heard_from_within_silent_after_is_not_silent_and_one_beyond_it_is()
    {
        var inputs = new CompletenessInputs(
            [],
            TimeSpan.FromHours(1),
            [new SensorLastSeen("park-a", "p1", "env-1", "environment", Start.AddHours(23).AddMinutes(30))],
            [new StatusLastSeen("park-a", "p2", "online", Start.AddHours(20))],
            []);

        var devices = CompletenessCalculator.Calculate(OneDay, inputs, NoIntervals, TimeSpan.FromHours(1), "raw", Start.AddDays(5)).Devices;

        Assert.Equal([("p1", false, 1800L), ("p2", true, 14400L)], devices.Select(d => (d.Device, d.Silent, d.SilentForS!.Value)));
    }

    private static CompletenessReport Calculate(IReadOnlyList<SampleCount> counts) =>
        CompletenessCalculator.Calculate(OneDay, Inputs(counts), NoIntervals, TimeSpan.FromHours(1), "raw", Start.AddDays(2));

    private static CompletenessInputs Inputs(IReadOnlyList<SampleCount> counts, IReadOnlyList<SeqDay>? seq = null) =>
        new(counts, TimeSpan.FromHours(1), [], [], seq ?? []);

    private static SampleCount Count(DateTimeOffset bucket, long samples) => new("park-a", "p1", "env-1", "environment", bucket, samples);
}
