using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.Contracts.Tests.Support;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests;

/// <summary>The retained config a waste bank's device works from offline: the price table, versioned, with names in two languages.</summary>
public sealed class ConfigDecodingTests
{
    private const string Example = ContractExamples.Config;

    [Fact]
    public void Decodes_the_example()
    {
        var config = Expect.Valid(Decode(Example));

        var table = config.PriceTable!;
        Assert.Equal("2026-11-01", table.Version);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), table.EffectiveFrom);
        Assert.Equal(["plastic-pet", "cardboard"], table.Categories.Select(c => c.Code));
        Assert.Equal("Plastik PET (botol)", table.Categories[0].NameId);
        Assert.Equal("PET plastic (bottles)", table.Categories[0].NameEn);
        Assert.Equal(3000, table.Categories[0].PriceIdrPerKg);
    }

    [Fact]
    public void A_config_without_a_price_table_is_valid_for_devices_without_a_kiosk()
    {
        Assert.Null(Expect.Valid(Decode("""{"v":1,"t":"2026-11-01T00:00:00.000Z"}""")).PriceTable);
    }

    [Theory]
    [InlineData("price_table.version")]
    [InlineData("price_table.effective_from")]
    [InlineData("price_table.categories")]
    [InlineData("price_table.categories[0].code")]
    [InlineData("price_table.categories[0].name_id")]
    [InlineData("price_table.categories[0].name_en")]
    [InlineData("price_table.categories[0].price_idr_per_kg")]
    public void Rejects_a_price_table_missing_a_required_field(string field)
    {
        Expect.Rejected(Decode(Json.Remove(Example, field)), RejectionCode.MissingField, field.Split('.')[^1]);
    }

    [Fact]
    public void Rejects_an_empty_price_table()
    {
        Expect.Rejected(Decode(Json.Set(Example, "price_table.categories", "[]")), RejectionCode.InvalidValue, "$.price_table.categories");
    }

    [Fact]
    public void Rejects_a_category_listed_twice()
    {
        var json = Json.Set(Example, "price_table.categories[1].code", "\"plastic-pet\"");
        Expect.Rejected(Decode(json), RejectionCode.InvalidValue, "appears twice");
    }

    [Theory]
    [InlineData("price_table.categories[0].code", "\"Plastik PET\"", RejectionCode.InvalidValue)]
    [InlineData("price_table.categories[0].price_idr_per_kg", "-5", RejectionCode.OutOfRange)]
    [InlineData("price_table.categories[0].price_idr_per_kg", "2999.5", RejectionCode.WrongType)]
    [InlineData("price_table.categories[0].name_id", "\"\"", RejectionCode.InvalidValue)]
    [InlineData("price_table.version", "\"\"", RejectionCode.InvalidValue)]
    public void Rejects_a_price_table_with_a_bad_field(string field, string value, RejectionCode code)
    {
        Expect.Rejected(Decode(Json.Set(Example, field, value)), code, field.Split('.')[^1].Split('[')[0]);
    }

    [Fact]
    public void Round_trips_through_the_encoder()
    {
        var config = Expect.Valid(Decode(Example));
        var again = Expect.Valid(Decode(PayloadEncoder.Encode(config)));
        Assert.Equal(config.PriceTable!.Categories, again.PriceTable!.Categories);
        Assert.Equal(config.PriceTable.Version, again.PriceTable.Version);
    }

    private static Decoded<ConfigMessage> Decode(string json) => PayloadDecoder.DecodeConfig(Json.Utf8(json));

    private static Decoded<ConfigMessage> Decode(byte[] bytes) => PayloadDecoder.DecodeConfig(bytes);
}
