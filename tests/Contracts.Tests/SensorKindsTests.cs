using System.Globalization;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Tests.Support;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests;

/// <summary>
/// The kinds table of the contract: every kind, its values (unit in the name) and their valid ranges. The table is
/// written out here from the contract, not read from <see cref="SensorKinds"/>, so a drift in either shows.
/// </summary>
public sealed class SensorKindsTests
{
    /// <summary>kind, value, min, max: the contract's table, one row per value.</summary>
    public static TheoryData<string, string, double, double> ContractTable => new()
    {
        { "environment", "temperature_c", -40, 85 },
        { "environment", "humidity_pct", 0, 100 },
        { "environment", "pressure_hpa", 300, 1100 },
        { "soil", "moisture_pct", 0, 100 },
        { "soil", "temperature_c", -40, 85 },
        { "light", "illuminance_lux", 0, 200_000 },
        { "air_quality", "pm1_ugm3", 0, 1000 },
        { "air_quality", "pm25_ugm3", 0, 1000 },
        { "air_quality", "pm10_ugm3", 0, 1000 },
        { "air_quality", "co2_ppm", 0, 10_000 },
        { "fill_level", "distance_cm", 0, 600 },
        { "fill_level", "fill_pct", 0, 100 },
        { "scale", "mass_kg", -5, 1000 },
    };

    [Fact]
    public void The_code_knows_exactly_the_kinds_and_values_of_the_contract()
    {
        var contract = ContractTable.Select(row => ((string)row[0], (string)row[1], (double)row[2], (double)row[3])).ToHashSet();
        var code = SensorKinds.All
            .SelectMany(kind => kind.Values.Select(v => (kind.Name, v.Key, v.Value.Min, v.Value.Max)))
            .ToHashSet();

        Assert.Equal(contract.OrderBy(r => r.ToString()), code.OrderBy(r => r.ToString()));
        Assert.Equal("environment, soil, light, air_quality, fill_level, scale", SensorKinds.KnownNames);
    }

    [Theory]
    [MemberData(nameof(ContractTable))]
    public void Accepts_a_value_at_the_bottom_of_its_range(string kind, string value, double min, double max)
    {
        _ = max;
        Expect.Valid(Decode(kind, value, min));
    }

    [Theory]
    [MemberData(nameof(ContractTable))]
    public void Accepts_a_value_at_the_top_of_its_range(string kind, string value, double min, double max)
    {
        _ = min;
        Expect.Valid(Decode(kind, value, max));
    }

    [Theory]
    [MemberData(nameof(ContractTable))]
    public void Rejects_a_value_just_below_its_range(string kind, string value, double min, double max)
    {
        _ = max;
        var rejection = Expect.Rejected(Decode(kind, value, min - 0.01), RejectionCode.OutOfRange, $"$.samples[0].values.{value}");
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"outside the valid range {min}..{max}"), rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ContractTable))]
    public void Rejects_a_value_just_above_its_range(string kind, string value, double min, double max)
    {
        _ = min;
        Expect.Rejected(Decode(kind, value, max + 0.01), RejectionCode.OutOfRange, $"$.samples[0].values.{value}");
    }

    [Theory]
    [MemberData(nameof(ContractTable))]
    public void Rejects_the_value_under_any_other_kind(string kind, string value, double min, double max)
    {
        _ = max;
        foreach (var other in SensorKinds.All.Where(k => k.Name != kind && !k.Values.ContainsKey(value)))
        {
            Expect.Rejected(Decode(other.Name, value, min), RejectionCode.InvalidValue, $"$.samples[0].values.{value}");
        }
    }

    [Theory]
    [InlineData("environment", true)]
    [InlineData("air_quality", true)]
    [InlineData("Environment", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Looks_kinds_up_by_their_exact_wire_name(string? name, bool known)
    {
        Assert.Equal(known, SensorKinds.TryGet(name, out var kind));
        if (known)
        {
            Assert.Equal(name, kind.Name);
            Assert.Equal(name, kind.ToString());
        }
    }

    [Fact]
    public void A_range_includes_both_ends()
    {
        var range = new ValueRange(-40, 85);
        Assert.True(range.Contains(-40));
        Assert.True(range.Contains(85));
        Assert.False(range.Contains(85.000001));
        Assert.False(range.Contains(double.NaN));
        Assert.Equal("-40..85", range.ToString());
    }

    private static Decoded<TelemetryMessage> Decode(string kind, string value, double reading)
    {
        var number = reading.ToString("R", CultureInfo.InvariantCulture);
        var json = "{\"v\":1,\"seq\":1,\"samples\":[{\"t\":\"2026-11-28T03:15:00.000Z\",\"sensor\":\"s-1\","
            + $"\"kind\":\"{kind}\",\"values\":{{\"{value}\":{number}}}}}]}}";
        return PayloadDecoder.DecodeTelemetry(Json.Utf8(json));
    }
}
