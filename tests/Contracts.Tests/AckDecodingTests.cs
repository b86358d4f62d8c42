using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Tests.Support;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests;

/// <summary>The cloud's acknowledgement: {"v":1,"t":"…","ids":["&lt;ULID&gt;",…]}, the deposits now stored.</summary>
public sealed class AckDecodingTests
{
    private const string Example = ContractExamples.Ack;

    [Fact]
    public void Decodes_the_example()
    {
        var ack = Expect.Valid(Decode(Example));

        Assert.Equal(1, ack.V);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 20, 12, 4, TimeSpan.Zero), ack.T);
        Assert.Equal(["01JDX3W6Q8Z2M4N5P6R7S8T9V0"], ack.Ids);
    }

    [Fact]
    public void Decodes_an_ack_of_many_deposits()
    {
        var json = Json.Set(Example, "ids", """["01JDX3W6Q8Z2M4N5P6R7S8T9V0","01JDX3W6Q8Z2M4N5P6R7S8T9V1","01JDX3W6Q8Z2M4N5P6R7S8T9V2"]""");
        Assert.Equal(3, Expect.Valid(Decode(json)).Ids.Count);
    }

    [Theory]
    [InlineData("t")]
    [InlineData("ids")]
    public void Rejects_an_ack_missing_a_required_field(string field)
    {
        Expect.Rejected(Decode(Json.Remove(Example, field)), RejectionCode.MissingField, "$." + field);
    }

    [Fact]
    public void Rejects_an_ack_of_nothing()
    {
        Expect.Rejected(Decode(Json.Set(Example, "ids", "[]")), RejectionCode.InvalidValue, "$.ids");
    }

    [Theory]
    [InlineData("[\"01JDX3W6Q8Z2M4N5P6R7S8T9V0\",\"not-a-ulid\"]", "$.ids[1]")]
    [InlineData("[\"01jdx3w6q8z2m4n5p6r7s8t9v0\"]", "$.ids[0]")]
    [InlineData("[\"\"]", "$.ids[0]")]
    [InlineData("[null]", "$.ids[0]")]
    public void Rejects_an_id_that_is_not_a_ULID(string ids, string path)
    {
        Expect.Rejected(Decode(Json.Set(Example, "ids", ids)), RejectionCode.InvalidValue, path);
    }

    [Theory]
    [InlineData("ids", "\"01JDX3W6Q8Z2M4N5P6R7S8T9V0\"", "an array")]
    [InlineData("ids", "{}", "an array")]
    [InlineData("ids[0]", "42", "a string")]
    [InlineData("t", "0", "a time as a string")]
    public void Rejects_a_field_of_the_wrong_type(string field, string value, string expected)
    {
        var rejection = Expect.Rejected(Decode(Json.Set(Example, field, value)), RejectionCode.WrongType, "$." + field);
        Assert.Contains(expected, rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("t")]
    [InlineData("ids")]
    public void Rejects_null_in_a_required_field(string field)
    {
        Expect.Rejected(Decode(Json.Set(Example, field, "null")), RejectionCode.WrongType, "$." + field);
    }

    private static Decoded<AckMessage> Decode(string json) => PayloadDecoder.DecodeAck(Json.Utf8(json));
}
