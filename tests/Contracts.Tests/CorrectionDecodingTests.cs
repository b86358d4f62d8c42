using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.Contracts.Tests.Support;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests;

/// <summary>A voided deposit: an event of its own that references the deposit and repeats what reports need to net it out.</summary>
public sealed class CorrectionDecodingTests
{
    private const string Example = ContractExamples.Correction;

    [Fact]
    public void Decodes_the_example()
    {
        var correction = Expect.Valid(Decode(Example));

        Assert.Equal("01JDX4A1B2C3D4E5F6G7H8J9K0", correction.Id);
        Assert.Equal("01JDX3W6Q8Z2M4N5P6R7S8T9V0", correction.DepositId);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 20, 11, 512, TimeSpan.Zero), correction.DepositT);
        Assert.Equal(2.345m, correction.MassKg);
        Assert.Equal(7035, correction.ValueIdr);
        Assert.Equal("salah kategori: kardus, bukan PET", correction.Reason);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("t")]
    [InlineData("deposit_id")]
    [InlineData("deposit_t")]
    [InlineData("category")]
    [InlineData("member")]
    [InlineData("mass_kg")]
    [InlineData("value_idr")]
    [InlineData("reason")]
    [InlineData("operator")]
    public void Rejects_a_correction_missing_a_required_field(string field)
    {
        Expect.Rejected(Decode(Json.Remove(Example, field)), RejectionCode.MissingField, "$." + field);
    }

    [Theory]
    [InlineData("id", "\"not-a-ulid\"", RejectionCode.InvalidValue)]
    [InlineData("deposit_id", "\"01jdx3w6q8z2m4n5p6r7s8t9v0\"", RejectionCode.InvalidValue)]
    [InlineData("category", "\"Plastic PET\"", RejectionCode.InvalidValue)]
    [InlineData("member", "\"A 0042\"", RejectionCode.InvalidValue)]
    [InlineData("mass_kg", "0", RejectionCode.OutOfRange)]
    [InlineData("mass_kg", "1000.001", RejectionCode.OutOfRange)]
    [InlineData("value_idr", "-1", RejectionCode.OutOfRange)]
    [InlineData("reason", "\"\"", RejectionCode.InvalidValue)]
    [InlineData("operator", "\"\"", RejectionCode.InvalidValue)]
    public void Rejects_a_correction_with_a_bad_field(string field, string value, RejectionCode code)
    {
        Expect.Rejected(Decode(Json.Set(Example, field, value)), code, "$." + field);
    }

    [Fact]
    public void Rejects_a_reason_longer_than_200_characters_and_accepts_200()
    {
        Expect.Valid(Decode(Json.Set(Example, "reason", $"\"{new string('x', 200)}\"")));
        Expect.Rejected(Decode(Json.Set(Example, "reason", $"\"{new string('x', 201)}\"")), RejectionCode.InvalidValue, "$.reason");
    }

    [Fact]
    public void Rejects_a_correction_that_voids_itself()
    {
        var json = Json.Set(Example, "id", "\"01JDX3W6Q8Z2M4N5P6R7S8T9V0\"");
        Expect.Rejected(Decode(json), RejectionCode.InvalidValue, "$.id");
    }

    [Fact]
    public void Round_trips_through_the_encoder()
    {
        var correction = Expect.Valid(Decode(Example));
        Assert.Equal(correction, Expect.Valid(Decode(PayloadEncoder.Encode(correction))));
    }

    private static Decoded<CorrectionMessage> Decode(string json) => PayloadDecoder.DecodeCorrection(Json.Utf8(json));

    private static Decoded<CorrectionMessage> Decode(byte[] bytes) => PayloadDecoder.DecodeCorrection(bytes);
}
