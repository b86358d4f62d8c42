using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Tests.Support;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests;

/// <summary>The deposit payload: money depends on it, so every field is required and checked.</summary>
public sealed class DepositDecodingTests
{
    private const string Example = ContractExamples.Deposit;

    [Fact]
    public void Decodes_the_contract_example()
    {
        var deposit = Expect.Valid(Decode(Example));

        Assert.Equal(1, deposit.V);
        Assert.Equal("01JDX3W6Q8Z2M4N5P6R7S8T9V0", deposit.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 20, 11, 512, TimeSpan.Zero), deposit.T);
        Assert.Equal("A-0042", deposit.Member);
        Assert.Equal("plastic-pet", deposit.Category);
        Assert.Equal(2.345m, deposit.MassKg);
        Assert.Equal(3000, deposit.UnitPriceIdr);
        Assert.Equal(7035, deposit.ValueIdr);
        Assert.Equal("siti", deposit.Operator);
        Assert.Equal("2026-11-01", deposit.PriceTable);
        Assert.Equal(new ScaleReading { Sensor = "scale-1", Raw = 8412345, TareRaw = 102311, Calibration = "2026-11-20" }, deposit.Scale);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("t")]
    [InlineData("member")]
    [InlineData("category")]
    [InlineData("mass_kg")]
    [InlineData("unit_price_idr")]
    [InlineData("value_idr")]
    [InlineData("operator")]
    [InlineData("price_table")]
    [InlineData("scale")]
    [InlineData("scale.sensor")]
    [InlineData("scale.raw")]
    [InlineData("scale.tare_raw")]
    [InlineData("scale.calibration")]
    public void Rejects_a_deposit_missing_a_required_field(string field)
    {
        Expect.Rejected(Decode(Json.Remove(Example, field)), RejectionCode.MissingField, "$." + field);
    }

    [Theory]
    [InlineData("id", "42", "a string")]
    [InlineData("member", "42", "a string")]
    [InlineData("category", "[\"plastic-pet\"]", "a string")]
    [InlineData("mass_kg", "\"2.345\"", "a number")]
    [InlineData("mass_kg", "1e400", "a finite number")]
    [InlineData("unit_price_idr", "3000.5", "a whole number")]
    [InlineData("unit_price_idr", "\"3000\"", "a number")]
    [InlineData("value_idr", "7035.0", "a whole number")]
    [InlineData("value_idr", "\"7035\"", "a number")]
    [InlineData("operator", "{\"name\":\"siti\"}", "a string")]
    [InlineData("price_table", "20261101", "a string")]
    [InlineData("scale", "\"scale-1\"", "an object")]
    [InlineData("scale.raw", "8412345.5", "a whole number")]
    [InlineData("scale.tare_raw", "\"102311\"", "a number")]
    [InlineData("scale.calibration", "true", "a string")]
    [InlineData("t", "1764300011512", "a time as a string")]
    public void Rejects_a_field_of_the_wrong_type(string field, string value, string expected)
    {
        var rejection = Expect.Rejected(Decode(Json.Set(Example, field, value)), RejectionCode.WrongType, "$." + field);
        Assert.Contains(expected, rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("t")]
    [InlineData("member")]
    [InlineData("category")]
    [InlineData("mass_kg")]
    [InlineData("unit_price_idr")]
    [InlineData("value_idr")]
    [InlineData("operator")]
    [InlineData("price_table")]
    [InlineData("scale")]
    [InlineData("scale.sensor")]
    [InlineData("scale.raw")]
    [InlineData("scale.tare_raw")]
    [InlineData("scale.calibration")]
    public void Rejects_null_in_any_field(string field)
    {
        Expect.Rejected(Decode(Json.Set(Example, field, "null")), RejectionCode.WrongType, "$." + field);
    }

    [Theory]
    [InlineData("01JDX3W6Q8Z2M4N5P6R7S8T9V")]
    [InlineData("01JDX3W6Q8Z2M4N5P6R7S8T9V00")]
    [InlineData("01jdx3w6q8z2m4n5p6r7s8t9v0")]
    [InlineData("01JDX3W6Q8Z2M4N5P6R7S8T9VI")]
    [InlineData("01JDX3W6Q8Z2M4N5P6R7S8T9VL")]
    [InlineData("01JDX3W6Q8Z2M4N5P6R7S8T9VO")]
    [InlineData("01JDX3W6Q8Z2M4N5P6R7S8T9VU")]
    [InlineData("81JDX3W6Q8Z2M4N5P6R7S8T9V0")]
    [InlineData("01JDX3W6Q8-2M4N5P6R7S8T9V0")]
    [InlineData(" 01JDX3W6Q8Z2M4N5P6R7S8T9V0")]
    [InlineData("01JDX3W6Q8Z2M4N5P6R7S8T9V0\n")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("")]
    public void Rejects_an_id_that_is_not_a_ULID(string id)
    {
        var json = Json.Set(Example, "id", System.Text.Json.JsonSerializer.Serialize(id));
        Expect.Rejected(Decode(json), RejectionCode.InvalidValue, "$.id");
    }

    [Theory]
    [InlineData("00000000000000000000000000")]
    [InlineData("7ZZZZZZZZZZZZZZZZZZZZZZZZZ")]
    public void Accepts_the_smallest_and_largest_ULID(string id)
    {
        Assert.Equal(id, Expect.Valid(Decode(Json.Set(Example, "id", $"\"{id}\""))).Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-0042")]
    [InlineData("A 0042")]
    [InlineData("Siti Rahma")]
    [InlineData("A-0042\n")]
    [InlineData("A123456789012345678901234567890123")]
    public void Rejects_a_member_that_is_not_a_member_number(string member)
    {
        var json = Json.Set(Example, "member", System.Text.Json.JsonSerializer.Serialize(member));
        Expect.Rejected(Decode(json), RejectionCode.InvalidValue, "$.member");
    }

    [Theory]
    [InlineData("A-0042")]
    [InlineData("0042")]
    [InlineData("KSJ/2026/0042")]
    [InlineData("m_17.b")]
    [InlineData("A1234567890123456789012345678901")]
    public void Accepts_member_numbers_of_the_usual_forms(string member)
    {
        Expect.Valid(Decode(Json.Set(Example, "member", $"\"{member}\"")));
    }

    [Theory]
    [InlineData("Plastic-PET")]
    [InlineData("plastic pet")]
    [InlineData("-plastic")]
    [InlineData("")]
    [InlineData("plastic-pet-bottles-and-other-containers")]
    public void Rejects_a_category_that_cannot_be_a_tag(string category)
    {
        Expect.Rejected(Decode(Json.Set(Example, "category", $"\"{category}\"")), RejectionCode.InvalidValue, "$.category");
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("-0.001", 0)]
    [InlineData("-2.345", 0)]
    [InlineData("1000.001", 1000001)]
    [InlineData("5000", 15_000_000)]
    public void Rejects_a_mass_that_is_not_more_than_0_and_at_most_1000_kg(string mass, long value)
    {
        var json = Json.Set(Json.Set(Example, "mass_kg", mass), "value_idr", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Expect.Rejected(Decode(json), RejectionCode.OutOfRange, "$.mass_kg");
    }

    [Theory]
    [InlineData("0.001", 3)]
    [InlineData("1000", 3_000_000)]
    [InlineData("1000.000", 3_000_000)]
    public void Accepts_a_mass_from_one_gram_up_to_1000_kg(string mass, long value)
    {
        var json = Json.Set(Json.Set(Example, "mass_kg", mass), "value_idr", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Expect.Valid(Decode(json));
    }

    [Fact]
    public void Rejects_a_negative_unit_price()
    {
        var json = Json.Set(Json.Set(Example, "unit_price_idr", "-3000"), "value_idr", "-7035");
        Expect.Rejected(Decode(json), RejectionCode.OutOfRange, "$.unit_price_idr");
    }

    [Fact]
    public void Accepts_a_category_with_no_price()
    {
        var json = Json.Set(Json.Set(Example, "unit_price_idr", "0"), "value_idr", "0");
        Expect.Valid(Decode(json));
    }

    [Theory]
    [InlineData("7034")]
    [InlineData("7036")]
    [InlineData("0")]
    [InlineData("-7035")]
    [InlineData("70350")]
    public void Rejects_a_deposit_whose_value_does_not_match(string value)
    {
        var rejection = Expect.Rejected(Decode(Json.Set(Example, "value_idr", value)), RejectionCode.ValueMismatch, "$.value_idr");
        Assert.Contains("2.345 kg × 3000 IDR/kg = 7035", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_absurd_figures_without_failing()
    {
        // mass × price is beyond a long and a huge mass beyond a decimal: both must be refused, not thrown.
        var hugePrice = Json.Set(Json.Set(Example, "mass_kg", "1000"), "unit_price_idr", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Expect.Rejected(Decode(hugePrice), RejectionCode.ValueMismatch, "$.value_idr");

        var hugeMass = Json.Set(Json.Set(Example, "mass_kg", "1e20"), "unit_price_idr", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Expect.Rejected(Decode(hugeMass), RejectionCode.OutOfRange, "$.mass_kg");
    }

    [Theory]
    [InlineData("operator", "\"\"")]
    [InlineData("operator", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"")]
    [InlineData("operator", "\"siti\\u0000\"")]
    [InlineData("price_table", "\"\"")]
    [InlineData("price_table", "\"2026-11-01-aaaaaaaaaaaaaaaaaaaaaaa\"")]
    [InlineData("scale.sensor", "\" \"")]
    [InlineData("scale.calibration", "\"\"")]
    public void Rejects_empty_overlong_or_unprintable_text(string field, string value)
    {
        Expect.Rejected(Decode(Json.Set(Example, field, value)), RejectionCode.InvalidValue, "$." + field);
    }

    [Fact]
    public void Accepts_negative_raw_counts_because_a_load_cell_can_read_below_its_tare()
    {
        var json = Json.Set(Json.Set(Example, "scale.raw", "-120"), "scale.tare_raw", "-5");
        Expect.Valid(Decode(json));
    }

    [Fact]
    public void Rules_check_a_deposit_built_in_code_the_same_way()
    {
        var deposit = Expect.Valid(Decode(Example)) with { ValueIdr = 7000 };
        var rejection = DepositRules.Check(deposit);
        Assert.NotNull(rejection);
        Assert.Equal(RejectionCode.ValueMismatch, rejection.Code);
    }

    private static Decoded<DepositMessage> Decode(string json) => PayloadDecoder.DecodeDeposit(Json.Utf8(json));
}
