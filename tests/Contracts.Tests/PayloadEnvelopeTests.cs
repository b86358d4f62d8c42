using System.Text;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Tests.Support;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests;

/// <summary>
/// What every payload shares: UTF-8 JSON objects of at most 64 KiB, <c>"v": 1</c>, no duplicate keys, limited nesting,
/// unknown fields ignored. Each rule runs against all four payloads.
/// </summary>
public sealed class PayloadEnvelopeTests
{
    public static TheoryData<string> Payloads => Decoders.All;

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Accepts_the_contract_example(string payload)
    {
        Assert.Null(Decoders.Decode(payload, Decoders.Example(payload)));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Accepts_a_payload_of_exactly_64_KiB(string payload)
    {
        var bytes = PaddedTo(payload, WireLimits.MaxPayloadBytes);
        Assert.Equal(64 * 1024, bytes.Length);
        Assert.Null(Decoders.Decode(payload, bytes));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Rejects_a_payload_one_byte_over_64_KiB(string payload)
    {
        var bytes = PaddedTo(payload, WireLimits.MaxPayloadBytes + 1);
        Decoders.Refused(payload, bytes, RejectionCode.TooLarge, "65537 bytes");
    }

    [Fact]
    public void Rejects_a_huge_payload_before_reading_it()
    {
        // Not JSON at all: the size alone refuses it, so a flood of garbage costs no parsing.
        var bytes = new byte[1024 * 1024];
        Decoders.Refused(Decoders.Telemetry, bytes, RejectionCode.TooLarge, "the limit is 65536");
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Rejects_an_empty_payload(string payload)
    {
        Decoders.Refused(payload, [], RejectionCode.InvalidJson, "empty");
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    public void Rejects_invalid_UTF8_inside_a_string(byte[] badBytes)
    {
        foreach (var payload in new[] { Decoders.Telemetry, Decoders.Deposit, Decoders.Status, Decoders.Ack })
        {
            var example = Decoders.Example(payload);
            var cut = example.IndexOf("\"t\":\"", StringComparison.Ordinal) + 5;
            byte[] bytes = [.. Json.Utf8(example[..cut]), .. badBytes, .. Json.Utf8(example[cut..])];
            Decoders.Refused(payload, bytes, RejectionCode.InvalidUtf8, "UTF-8");
        }
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"v\":1,}")]
    [InlineData("{'v':1}")]
    [InlineData("{v:1}")]
    [InlineData("{\"v\":1} {\"v\":1}")]
    [InlineData("{\"v\":1}x")]
    [InlineData("{\"v\":1 /* comment */}")]
    [InlineData("{\"v\":01}")]
    [InlineData("{\"v\":1,\"seq\":NaN}")]
    [InlineData("{\"v\":1,\"seq\":Infinity}")]
    [InlineData("{\"v\":1,\"seq\":-Infinity}")]
    [InlineData("not json")]
    [InlineData("   ")]
    public void Rejects_malformed_JSON(string text)
    {
        foreach (var payload in new[] { Decoders.Telemetry, Decoders.Deposit, Decoders.Status, Decoders.Ack })
        {
            Decoders.Refused(payload, text, RejectionCode.InvalidJson, "JSON");
        }
    }

    [Theory]
    [InlineData("[{\"v\":1}]")]
    [InlineData("\"v\"")]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("true")]
    public void Rejects_JSON_that_is_not_an_object(string text)
    {
        foreach (var payload in new[] { Decoders.Telemetry, Decoders.Deposit, Decoders.Status, Decoders.Ack })
        {
            Decoders.Refused(payload, text, RejectionCode.InvalidJson, "must be a JSON object");
        }
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Rejects_version_2_as_unsupported(string payload)
    {
        Decoders.Refused(payload, Json.Set(Decoders.Example(payload), "v", "2"), RejectionCode.UnsupportedVersion, "$.v");
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Rejects_a_payload_without_a_version(string payload)
    {
        Decoders.Refused(payload, Json.Remove(Decoders.Example(payload), "v"), RejectionCode.MissingField, "$.v");
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("\"v1\"")]
    [InlineData("1.5")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[1]")]
    [InlineData("{\"major\":1}")]
    public void Rejects_a_version_that_is_not_a_whole_number(string version)
    {
        foreach (var payload in new[] { Decoders.Telemetry, Decoders.Deposit, Decoders.Status, Decoders.Ack })
        {
            Decoders.Refused(payload, Json.Set(Decoders.Example(payload), "v", version), RejectionCode.WrongType, "$.v");
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("99999999999")]
    public void Rejects_any_other_version_number(string version)
    {
        var rejection = Decoders.Decode(Decoders.Telemetry, Json.Set(ContractExamples.Telemetry, "v", version));
        Assert.NotNull(rejection);
        Assert.Contains("$.v", rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Decoders.Telemetry, "\"seq\":1042", "\"seq\":1042,\"seq\":1043", "$.seq")]
    [InlineData(Decoders.Telemetry, "\"v\":1", "\"v\":1,\"v\":1", "$.v")]
    [InlineData(Decoders.Telemetry, "\"sensor\":\"env-1\"", "\"sensor\":\"env-1\",\"sensor\":\"env-2\"", "$.samples[0].sensor")]
    [InlineData(Decoders.Telemetry, "\"humidity_pct\":78.1", "\"humidity_pct\":78.1,\"humidity_pct\":99", "$.samples[0].values.humidity_pct")]
    [InlineData(Decoders.Deposit, "\"value_idr\":7035", "\"value_idr\":7035,\"value_idr\":9999", "$.value_idr")]
    [InlineData(Decoders.Deposit, "\"raw\":8412345", "\"raw\":8412345,\"raw\":1", "$.scale.raw")]
    [InlineData(Decoders.Status, "\"state\":\"online\"", "\"state\":\"online\",\"state\":\"offline\"", "$.state")]
    [InlineData(Decoders.Ack, "\"ids\":", "\"ids\":[],\"ids\":", "$.ids")]
    public void Rejects_a_field_that_appears_twice(string payload, string field, string twice, string path)
    {
        var example = Decoders.Example(payload);
        Assert.Contains(field, example, StringComparison.Ordinal);
        Decoders.Refused(payload, example.Replace(field, twice, StringComparison.Ordinal), RejectionCode.InvalidJson, path);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Ignores_unknown_fields_at_the_top_level(string payload)
    {
        var json = Json.Set(Decoders.Example(payload), "firmware", """{"name":"x","build":[1,2,{"deep":[null,true]}]}""");
        Assert.Null(Decoders.Decode(payload, json));
    }

    [Theory]
    [InlineData(Decoders.Telemetry, "samples[0].battery_v")]
    [InlineData(Decoders.Telemetry, "samples[0].values.x_unknown")]
    [InlineData(Decoders.Deposit, "scale.temperature_c")]
    [InlineData(Decoders.Status, "outbox.segments")]
    public void Ignores_unknown_fields_inside_nested_objects(string payload, string unknownField)
    {
        var isValueName = unknownField.Contains(".values.", StringComparison.Ordinal);
        var json = Json.Set(Decoders.Example(payload), unknownField, isValueName ? "1" : "\"anything\"");
        if (isValueName)
        {
            // Values are the one exception: a value name outside the kind's table is an error, not an extension.
            Decoders.Refused(payload, json, RejectionCode.InvalidValue, "$." + unknownField);
            return;
        }

        Assert.Null(Decoders.Decode(payload, json));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Accepts_nesting_up_to_the_limit(string payload)
    {
        // The payload object is depth 1, so an unknown field may nest 15 more levels.
        var json = Json.Set(Decoders.Example(payload), "extension", Nested(WireLimits.MaxJsonDepth - 1));
        Assert.Null(Decoders.Decode(payload, json));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Rejects_nesting_beyond_the_limit(string payload)
    {
        var json = Json.Set(Decoders.Example(payload), "extension", Nested(WireLimits.MaxJsonDepth));
        Decoders.Refused(payload, json, RejectionCode.InvalidJson, "depth of 16");
    }

    [Fact]
    public void Rejects_very_deep_nesting_without_failing()
    {
        var json = "{\"v\":1,\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        Decoders.Refused(Decoders.Telemetry, json, RejectionCode.InvalidJson, "depth");
    }

    [Fact]
    public void Rejection_codes_have_distinct_snake_case_wire_names()
    {
        var names = Enum.GetValues<RejectionCode>().Select(c => c.WireName()).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^[a-z0-9]+(_[a-z0-9]+)*$", n));
        Assert.Equal("value_mismatch", RejectionCode.ValueMismatch.WireName());
        Assert.Equal("invalid_topic: site is empty", Rejection.Of(RejectionCode.InvalidTopic, "site is empty").ToString());
    }

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>The example with an unknown string field added so the payload is exactly <paramref name="size"/> bytes.</summary>
    private static byte[] PaddedTo(string payload, int size)
    {
        var example = Json.Set(Decoders.Example(payload), "padding", "\"\"");
        var padding = new string('x', size - Encoding.UTF8.GetByteCount(example));
        return Json.Utf8(Json.Set(example, "padding", $"\"{padding}\""));
    }
}
