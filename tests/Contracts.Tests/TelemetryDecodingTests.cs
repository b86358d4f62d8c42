using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Tests.Support;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests;

/// <summary>The telemetry payload: a sequence number and a batch of samples, each of a known kind with values in range.</summary>
public sealed class TelemetryDecodingTests
{
    private const string Example = ContractExamples.Telemetry;

    [Fact]
    public void Decodes_the_contract_example()
    {
        var message = Expect.Valid(Decode(Example));

        Assert.Equal(1, message.V);
        Assert.Equal(1042, message.Seq);
        var sample = Assert.Single(message.Samples);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 15, 0, TimeSpan.Zero), sample.T);
        Assert.Equal("env-1", sample.Sensor);
        Assert.Equal("environment", sample.Kind);
        Assert.Equal(29.4, sample.Values[ValueNames.TemperatureC]);
        Assert.Equal(78.1, sample.Values[ValueNames.HumidityPct]);
        Assert.Equal(1009.6, sample.Values[ValueNames.PressureHpa]);
        Assert.Null(sample.Clock);
        Assert.False(sample.IsClockUnsynced);
    }

    [Fact]
    public void Decodes_a_batch_that_replays_many_samples_of_different_kinds()
    {
        var json = """
            {"v":1,"seq":7,"samples":[
              {"t":"2026-11-28T03:15:00.000Z","sensor":"env-1","kind":"environment","values":{"temperature_c":29.4}},
              {"t":"2026-11-28T03:15:01.000Z","sensor":"soil-1","kind":"soil","values":{"moisture_pct":41,"temperature_c":27.5}},
              {"t":"2026-11-28T03:15:02.000Z","sensor":"lux-1","kind":"light","values":{"illuminance_lux":51234}},
              {"t":"2026-11-28T03:15:03.000Z","sensor":"pm-1","kind":"air_quality","values":{"pm1_ugm3":3,"pm25_ugm3":12.5,"pm10_ugm3":20,"co2_ppm":612}},
              {"t":"2026-11-28T03:15:04.000Z","sensor":"bin-1","kind":"fill_level","values":{"distance_cm":80,"fill_pct":66.7}},
              {"t":"2026-11-28T03:15:05.000Z","sensor":"scale-1","kind":"scale","values":{"mass_kg":0.5}}]}
            """;

        var message = Expect.Valid(Decode(json));

        Assert.Equal(["environment", "soil", "light", "air_quality", "fill_level", "scale"], message.Samples.Select(s => s.Kind));
    }

    [Fact]
    public void Accepts_a_sample_that_carries_only_some_of_its_kinds_values()
    {
        var json = Json.Remove(Json.Remove(Example, "samples[0].values.humidity_pct"), "samples[0].values.pressure_hpa");
        var sample = Assert.Single(Expect.Valid(Decode(json)).Samples);
        Assert.Equal([ValueNames.TemperatureC], sample.Values.Keys);
    }

    [Fact]
    public void Accepts_a_sample_taken_before_the_clock_was_trusted()
    {
        var sample = Assert.Single(Expect.Valid(Decode(Json.Set(Example, "samples[0].clock", "\"unsynced\""))).Samples);
        Assert.Equal(ClockState.Unsynced, sample.Clock);
        Assert.True(sample.IsClockUnsynced);
    }

    [Fact]
    public void Accepts_a_sample_that_says_its_clock_was_synced()
    {
        var sample = Assert.Single(Expect.Valid(Decode(Json.Set(Example, "samples[0].clock", "\"synced\""))).Samples);
        Assert.False(sample.IsClockUnsynced);
    }

    [Theory]
    [InlineData("\"UNSYNCED\"")]
    [InlineData("\"\"")]
    [InlineData("\"ntp\"")]
    public void Rejects_an_unknown_clock_state(string clock)
    {
        Expect.Rejected(Decode(Json.Set(Example, "samples[0].clock", clock)), RejectionCode.InvalidValue, "$.samples[0].clock");
    }

    [Theory]
    [InlineData("seq")]
    [InlineData("samples")]
    [InlineData("samples[0].t")]
    [InlineData("samples[0].sensor")]
    [InlineData("samples[0].kind")]
    [InlineData("samples[0].values")]
    public void Rejects_a_message_missing_a_required_field(string field)
    {
        Expect.Rejected(Decode(Json.Remove(Example, field)), RejectionCode.MissingField, "$." + field);
    }

    [Fact]
    public void Names_every_missing_field_of_a_sample()
    {
        var json = Json.Remove(Json.Remove(Example, "samples[0].sensor"), "samples[0].kind");
        var rejection = Expect.Rejected(Decode(json), RejectionCode.MissingField, "$.samples[0].sensor");
        Assert.Contains("$.samples[0].kind", rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seq", "\"1042\"", "a number")]
    [InlineData("seq", "1042.5", "a whole number")]
    [InlineData("seq", "1e3", "a whole number")]
    [InlineData("seq", "true", "a number")]
    [InlineData("seq", "99999999999999999999", "a whole number")]
    [InlineData("samples", "{}", "an array")]
    [InlineData("samples", "\"env-1\"", "an array")]
    [InlineData("samples[0]", "\"env-1\"", "an object")]
    [InlineData("samples[0]", "[]", "an object")]
    [InlineData("samples[0].sensor", "1", "a string")]
    [InlineData("samples[0].sensor", "[\"env-1\"]", "a string")]
    [InlineData("samples[0].kind", "{\"name\":\"environment\"}", "a string")]
    [InlineData("samples[0].values", "[29.4]", "an object of named numbers")]
    [InlineData("samples[0].values", "29.4", "an object of named numbers")]
    [InlineData("samples[0].values.temperature_c", "\"29.4\"", "a number")]
    [InlineData("samples[0].values.temperature_c", "true", "a number")]
    [InlineData("samples[0].values.temperature_c", "{\"value\":29.4}", "a number")]
    [InlineData("samples[0].t", "1764299700000", "a time as a string")]
    [InlineData("samples[0].clock", "false", "a string")]
    public void Rejects_a_field_of_the_wrong_type(string field, string value, string expected)
    {
        var rejection = Expect.Rejected(Decode(Json.Set(Example, field, value)), RejectionCode.WrongType, "$." + field);
        Assert.Contains(expected, rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seq")]
    [InlineData("samples")]
    [InlineData("samples[0]")]
    [InlineData("samples[0].t")]
    [InlineData("samples[0].sensor")]
    [InlineData("samples[0].kind")]
    [InlineData("samples[0].values")]
    [InlineData("samples[0].values.temperature_c")]
    public void Rejects_null_where_a_value_is_required(string field)
    {
        Expect.Rejected(Decode(Json.Set(Example, field, "null")), RejectionCode.WrongType, "$." + field);
    }

    [Fact]
    public void Treats_a_null_clock_as_no_clock_flag()
    {
        var sample = Assert.Single(Expect.Valid(Decode(Json.Set(Example, "samples[0].clock", "null"))).Samples);
        Assert.Null(sample.Clock);
    }

    [Fact]
    public void Rejects_a_null_sample_among_valid_ones()
    {
        var json = Example.Replace("\"samples\":[", "\"samples\":[null,", StringComparison.Ordinal);
        Expect.Rejected(Decode(json), RejectionCode.WrongType, "$.samples[0]: must not be null");
    }

    [Fact]
    public void Rejects_NaN_written_as_a_string()
    {
        Expect.Rejected(Decode(Json.Set(Example, "samples[0].values.temperature_c", "\"NaN\"")),
            RejectionCode.WrongType, "$.samples[0].values.temperature_c");
    }

    [Theory]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    public void Rejects_Infinity_written_as_a_string(string value)
    {
        Expect.Rejected(Decode(Json.Set(Example, "samples[0].values.temperature_c", value)),
            RejectionCode.WrongType, "$.samples[0].values.temperature_c");
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void Rejects_NaN_and_Infinity_written_as_literals_as_invalid_JSON(string literal)
    {
        var json = Example.Replace("29.4", literal, StringComparison.Ordinal);
        Expect.Rejected(Decode(json), RejectionCode.InvalidJson, "not valid JSON");
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void Rejects_a_number_too_large_for_a_double(string value)
    {
        var json = Example.Replace("29.4", value, StringComparison.Ordinal);
        Expect.Rejected(Decode(json), RejectionCode.InvalidValue, "$.samples[0].values.temperature_c");
    }

    [Theory]
    [InlineData("weather")]
    [InlineData("Environment")]
    [InlineData("")]
    [InlineData("air-quality")]
    public void Rejects_an_unknown_kind(string kind)
    {
        var rejection = Expect.Rejected(Decode(Json.Set(Example, "samples[0].kind", $"\"{kind}\"")),
            RejectionCode.InvalidValue, "$.samples[0].kind");
        Assert.Contains("environment, soil, light, air_quality, fill_level, scale", rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("temperature")]
    [InlineData("temperature_f")]
    [InlineData("Temperature_C")]
    [InlineData("moisture_pct")]
    [InlineData("")]
    public void Rejects_a_value_name_its_kind_does_not_have(string name)
    {
        var json = Json.Set(Example, $"samples[0].values.{name}", "1");
        var rejection = Expect.Rejected(Decode(json), RejectionCode.InvalidValue, $"$.samples[0].values.{name}");
        Assert.Contains("temperature_c", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_sample_without_values()
    {
        Expect.Rejected(Decode(Json.Set(Example, "samples[0].values", "{}")), RejectionCode.InvalidValue, "$.samples[0].values");
    }

    [Fact]
    public void Rejects_a_message_without_samples()
    {
        Expect.Rejected(Decode(Json.Set(Example, "samples", "[]")), RejectionCode.InvalidValue, "$.samples");
    }

    [Fact]
    public void Rejects_a_negative_sequence_number()
    {
        Expect.Rejected(Decode(Json.Set(Example, "seq", "-1")), RejectionCode.OutOfRange, "$.seq");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("9223372036854775807")]
    public void Accepts_sequence_numbers_from_zero_to_the_largest_long(string seq)
    {
        Expect.Valid(Decode(Json.Set(Example, "seq", seq)));
    }

    [Theory]
    [InlineData("\"\"", "empty")]
    [InlineData("\"   \"", "empty")]
    [InlineData("\"env\\n1\"", "control characters")]
    [InlineData("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "longer than 64")]
    public void Rejects_a_sensor_name_that_cannot_be_a_tag(string sensor, string why)
    {
        var rejection = Expect.Rejected(Decode(Json.Set(Example, "samples[0].sensor", sensor)), RejectionCode.InvalidValue, "$.samples[0].sensor");
        Assert.Contains(why, rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_a_sensor_name_of_64_characters()
    {
        Expect.Valid(Decode(Json.Set(Example, "samples[0].sensor", $"\"{new string('s', 64)}\"")));
    }

    [Fact]
    public void Rejects_text_with_an_escaped_lone_surrogate()
    {
        // Written into the text directly: JsonNode refuses to write a lone surrogate.
        var json = Example.Replace("env-1", "env-\\ud800", StringComparison.Ordinal);
        Expect.Rejected(Decode(json), RejectionCode.InvalidValue, "$.samples[0].sensor");
    }

    [Fact]
    public void Names_the_sample_that_is_wrong_in_a_batch()
    {
        var json = Json.Set(Example, "samples", $"[{Sample("29.4")},{Sample("29.5")},{Sample("120")}]");
        Expect.Rejected(Decode(json), RejectionCode.OutOfRange, "$.samples[2].values.temperature_c is 120");
    }

    [Fact]
    public void Lists_several_problems_at_once_and_classifies_by_the_first()
    {
        var json = Json.Set(Json.Set(Example, "samples[0].values.humidity_pct", "101"), "samples[0].values.pressure_hpa", "-1");
        var rejection = Expect.Rejected(Decode(json), RejectionCode.OutOfRange, "$.samples[0].values.humidity_pct");
        Assert.Contains("$.samples[0].values.pressure_hpa", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_check_a_message_built_in_code_the_same_way()
    {
        var message = Expect.Valid(Decode(Example)) with { Seq = -5 };
        var rejection = TelemetryRules.Check(message);
        Assert.NotNull(rejection);
        Assert.Equal(RejectionCode.OutOfRange, rejection.Code);
        Assert.Contains("$.seq", rejection.Reason, StringComparison.Ordinal);
    }

    private static string Sample(string temperature) =>
        Json.Set("""{"t":"2026-11-28T03:15:00.000Z","sensor":"env-1","kind":"environment","values":{"temperature_c":0}}""", "values.temperature_c", temperature);

    private static Decoded<TelemetryMessage> Decode(string json) => PayloadDecoder.DecodeTelemetry(Json.Utf8(json));
}
