using Microsoft.Extensions.Configuration;
using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Tests.Configuration;

/// <summary>A bad <c>Sensors</c> entry stops the agent with a message naming the entry and what is wrong with it.</summary>
public sealed class SensorListValidatorTests
{
    private static readonly Dictionary<string, string?> GoodEntry = new(StringComparer.Ordinal)
    {
        ["Id"] = "env-1",
        ["Kind"] = "environment",
        ["Driver"] = "bme280",
        ["Address"] = "0x76",
        ["Interval"] = "00:01:00",
    };

    [Fact]
    public void A_well_formed_list_passes()
    {
        Assert.Empty(Validate(GoodEntry, With(GoodEntry, ("Id", "env-2"), ("Address", "0x77"), ("Interval", "1.00:00:00"))));
    }

    [Fact]
    public void An_I2C_entry_without_an_address_uses_the_chips_default_and_passes()
    {
        Assert.Empty(Validate(With(GoodEntry, ("Address", null))));
    }

    [Fact]
    public void The_address_may_be_written_in_decimal()
    {
        Assert.Empty(Validate(With(GoodEntry, ("Address", "118"))));
    }

    [Fact]
    public void An_unknown_driver_is_named_with_the_drivers_that_exist()
    {
        var failure = Assert.Single(Validate(With(GoodEntry, ("Driver", "bme281"))));

        Assert.StartsWith("Sensors:0 (env-1): Driver 'bme281' is not known; known drivers: ", failure, StringComparison.Ordinal);
        Assert.Contains("bme280", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_kind_is_named_with_the_kinds_of_the_contract()
    {
        var failure = Assert.Single(Validate(With(GoodEntry, ("Kind", "weather"))));

        Assert.Equal("Sensors:0 (env-1): Kind 'weather' is not one of environment, soil, light, air_quality, fill_level, scale", failure);
    }

    [Fact]
    public void A_kind_the_driver_does_not_measure_is_refused()
    {
        var failure = Assert.Single(Validate(With(GoodEntry, ("Kind", "soil"))));

        Assert.Equal("Sensors:0 (env-1): Driver 'bme280' reports kind 'environment', not 'soil'", failure);
    }

    [Theory]
    [InlineData("0xZZ")]
    [InlineData("seventy-six")]
    [InlineData("0x")]
    public void An_address_that_is_not_a_number_is_refused_with_the_chips_addresses(string address)
    {
        var failure = Assert.Single(Validate(With(GoodEntry, ("Address", address))));

        Assert.Equal($"Sensors:0 (env-1): Address '{address}' is not an I2C address; bme280 sits at 0x76 or 0x77", failure);
    }

    [Theory]
    [InlineData("0x40")]
    [InlineData("0x78")]
    [InlineData("64")]
    public void An_address_the_chip_cannot_be_strapped_to_is_refused(string address)
    {
        var failure = Assert.Single(Validate(With(GoodEntry, ("Address", address))));

        Assert.Equal($"Sensors:0 (env-1): Address '{address}' is not one bme280 can have; it sits at 0x76 or 0x77", failure);
    }

    [Fact]
    public void Two_sensors_with_the_same_id_are_refused_at_the_second()
    {
        var failure = Assert.Single(Validate(GoodEntry, With(GoodEntry, ("Address", "0x77"))));

        Assert.Equal("Sensors:1 (env-1): Id 'env-1' is used by another sensor; each sensor needs its own", failure);
    }

    [Fact]
    public void A_sensor_without_an_id_is_named_by_its_position()
    {
        var failure = Assert.Single(Validate(GoodEntry, With(GoodEntry, ("Id", null), ("Address", "0x77"))));

        Assert.StartsWith("Sensors:1: Id is required", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_too_long_for_the_wire_is_refused()
    {
        var failure = Assert.Single(Validate(With(GoodEntry, ("Id", new string('e', 65)))));

        Assert.Contains("Id is required: a short name like env-1 (at most 64 characters)", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00.500")]
    [InlineData("00:00:00")]
    [InlineData("1.00:00:01")]
    public void An_interval_out_of_range_is_refused_with_the_range_and_how_to_write_it(string interval)
    {
        var failure = Assert.Single(Validate(With(GoodEntry, ("Interval", interval))));

        Assert.StartsWith($"Sensors:0 (env-1): Interval {TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)} must be between 00:00:01 and 1.00:00:00", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Interval", "soon")]
    [InlineData("Interval", "5 minutes")]
    [InlineData("Bus", "one")]
    [InlineData("BaudRate", "fast")]
    public void A_value_that_cannot_be_read_is_refused_instead_of_the_sensor_silently_vanishing(string key, string value)
    {
        var failure = Assert.Single(Validate(With(GoodEntry, (key, value))));

        Assert.StartsWith("Sensors:0 (env-1): ", failure, StringComparison.Ordinal);
        Assert.Contains($"'Sensors:0:{key}'", failure, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_entry_is_named_by_its_own_position_not_the_next_ones()
    {
        var failure = Assert.Single(Validate(With(GoodEntry, ("Interval", "soon")), With(GoodEntry, ("Id", "env-2"), ("Address", "0x77"))));

        Assert.StartsWith("Sensors:0 (env-1): ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_bus_number_is_refused()
    {
        var failure = Assert.Single(Validate(With(GoodEntry, ("Bus", "-1"))));

        Assert.StartsWith("Sensors:0 (env-1): Bus -1 is not an I2C bus number", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_every_entry_is_reported_at_once()
    {
        var failures = Validate(
            With(GoodEntry, ("Kind", "weather"), ("Interval", "00:00:00")),
            With(GoodEntry, ("Id", "env-2"), ("Address", "0x40")));

        Assert.Equal(3, failures.Count);
        Assert.Equal(2, failures.Count(f => f.StartsWith("Sensors:0 (env-1): ", StringComparison.Ordinal)));
        Assert.Single(failures, f => f.StartsWith("Sensors:1 (env-2): ", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> entry, params (string Key, string? Value)[] changes)
    {
        var changed = new Dictionary<string, string?>(entry, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                changed.Remove(key);
            }
            else
            {
                changed[key] = value;
            }
        }

        return changed;
    }

    /// <summary>Binds the entries as the agent does and returns the validator's messages (none when the list is good).</summary>
    private static List<string> Validate(params Dictionary<string, string?>[] entries)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            foreach (var (key, value) in entries[i])
            {
                settings[$"Sensors:{i}:{key}"] = value;
            }
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new SensorListOptions();
        configuration.Bind(options);
        var result = new SensorListValidator(configuration).Validate(null, options);
        return result.Succeeded ? [] : [.. result.Failures!];
    }
}
