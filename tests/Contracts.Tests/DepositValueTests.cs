using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Tests.Support;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests;

/// <summary>value_idr = mass_kg × unit_price_idr to the nearest rupiah; a tie at .5 may go either way.</summary>
public sealed class DepositValueTests
{
    [Theory]
    [InlineData("2.345", 3000, 7035)]
    [InlineData("1.2345", 1000, 1235)]
    [InlineData("0.0005", 1000, 1)]
    [InlineData("0.0025", 1000, 3)]
    [InlineData("1.2344", 1000, 1234)]
    [InlineData("1.2346", 1000, 1235)]
    [InlineData("1000", 3000, 3_000_000)]
    [InlineData("0.001", 0, 0)]
    public void Computes_the_value_a_device_writes_rounding_halves_up(string mass, long price, long value)
    {
        Assert.Equal(value, DepositValue.Compute(decimal.Parse(mass, System.Globalization.CultureInfo.InvariantCulture), price));
    }

    [Theory]
    [InlineData("1.2345", 1000, 1234)]
    [InlineData("1.2345", 1000, 1235)]
    [InlineData("0.0025", 1000, 2)]
    [InlineData("0.0025", 1000, 3)]
    [InlineData("12.5", 1, 12)]
    [InlineData("12.5", 1, 13)]
    public void Accepts_a_tie_at_half_a_rupiah_rounded_either_way(string mass, long price, long value)
    {
        Assert.True(DepositValue.Matches(decimal.Parse(mass, System.Globalization.CultureInfo.InvariantCulture), price, value));
        Expect.Valid(Decode(mass, price, value));
    }

    [Theory]
    [InlineData("1.2345", 1000, 1233)]
    [InlineData("1.2345", 1000, 1236)]
    [InlineData("1.23449", 1000, 1235)]
    [InlineData("1.23451", 1000, 1234)]
    [InlineData("2.345", 3000, 7034)]
    [InlineData("2.345", 3000, 7036)]
    public void Rejects_anything_but_the_nearest_rupiah(string mass, long price, long value)
    {
        Assert.False(DepositValue.Matches(decimal.Parse(mass, System.Globalization.CultureInfo.InvariantCulture), price, value));
        Expect.Rejected(Decode(mass, price, value), RejectionCode.ValueMismatch, "$.value_idr");
    }

    [Fact]
    public void Uses_the_mass_exactly_as_written_without_binary_rounding()
    {
        // 0.1 + 0.2 style errors would turn 4.35 × 1000 = 4350 into 4349.999…; decimal keeps it exact.
        Assert.Equal(4350, DepositValue.Compute(4.35m, 1000));
        Expect.Valid(Decode("4.35", 1000, 4350));
        Expect.Valid(Decode("0.285", 7000, 1995));
    }

    private static Decoded<DepositMessage> Decode(string mass, long price, long value)
    {
        var json = Json.Set(Json.Set(Json.Set(ContractExamples.Deposit, "mass_kg", mass), "unit_price_idr", $"{price}"), "value_idr", $"{value}");
        return PayloadDecoder.DecodeDeposit(Json.Utf8(json));
    }
}
