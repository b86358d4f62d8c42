using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.Contracts.Tests.Support;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests;

/// <summary>Times: RFC 3339 in UTC with exactly three digits of milliseconds and a 'Z', and no other form.</summary>
public sealed class WireTimeTests
{
    [Theory]
    [InlineData("2026-11-28T03:15:00.120Z", 2026, 11, 28, 3, 15, 0, 120)]
    [InlineData("2026-11-28T03:15:00.000Z", 2026, 11, 28, 3, 15, 0, 0)]
    [InlineData("2026-12-31T23:59:59.999Z", 2026, 12, 31, 23, 59, 59, 999)]
    [InlineData("2028-02-29T00:00:00.001Z", 2028, 2, 29, 0, 0, 0, 1)]
    [InlineData("1970-01-01T00:00:00.000Z", 1970, 1, 1, 0, 0, 0, 0)]
    public void Reads_the_contract_format(string text, int year, int month, int day, int hour, int minute, int second, int millisecond)
    {
        Assert.True(WireTime.TryParse(text, out var time));
        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero), time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Theory]
    [InlineData("2026-11-28T03:15:00Z")]
    [InlineData("2026-11-28T03:15:00.1Z")]
    [InlineData("2026-11-28T03:15:00.12Z")]
    [InlineData("2026-11-28T03:15:00.1200Z")]
    [InlineData("2026-11-28T03:15:00.120000Z")]
    [InlineData("2026-11-28T03:15:00.120")]
    [InlineData("2026-11-28T03:15:00.120+00:00")]
    [InlineData("2026-11-28T10:15:00.120+07:00")]
    [InlineData("2026-11-28T03:15:00.120z")]
    [InlineData("2026-11-28 03:15:00.120Z")]
    [InlineData("2026-11-28t03:15:00.120Z")]
    [InlineData("2026-11-28T03:15:00,120Z")]
    [InlineData(" 2026-11-28T03:15:00.120Z")]
    [InlineData("2026-11-28T03:15:00.120Z ")]
    [InlineData("2026-11-28")]
    [InlineData("2026-11-28T03:15Z")]
    [InlineData("26-11-28T03:15:00.120Z")]
    [InlineData("2026-02-30T03:15:00.120Z")]
    [InlineData("2026-11-28T24:00:00.000Z")]
    [InlineData("2026-11-28T03:15:60.000Z")]
    [InlineData("1764299700120")]
    [InlineData("Sat, 28 Nov 2026 03:15:00 GMT")]
    [InlineData("garbage")]
    [InlineData("")]
    public void Refuses_every_other_form(string text)
    {
        Assert.False(WireTime.TryParse(text, out _), $"'{text}' was accepted");
    }

    [Theory]
    [InlineData("2026-11-28T03:15:00Z")]
    [InlineData("2026-11-28T10:15:00.120+07:00")]
    [InlineData("2026-11-28T03:15:00.120")]
    [InlineData("garbage")]
    public void A_payload_with_a_time_in_another_form_is_rejected_naming_the_field(string text)
    {
        var quoted = $"\"{text}\"";
        Decoders.Refused(Decoders.Telemetry, Json.Set(ContractExamples.Telemetry, "samples[0].t", quoted), RejectionCode.InvalidValue, "$.samples[0].t");
        Decoders.Refused(Decoders.Deposit, Json.Set(ContractExamples.Deposit, "t", quoted), RejectionCode.InvalidValue, "$.t");
        Decoders.Refused(Decoders.Status, Json.Set(ContractExamples.Status, "t", quoted), RejectionCode.InvalidValue, "$.t");
        Decoders.Refused(Decoders.Ack, Json.Set(ContractExamples.Ack, "t", quoted), RejectionCode.InvalidValue, "$.t");
    }

    [Fact]
    public void A_very_long_string_in_a_time_field_is_rejected_not_thrown()
    {
        var json = Json.Set(ContractExamples.Deposit, "t", $"\"{new string('9', 10_000)}\"");
        Decoders.Refused(Decoders.Deposit, json, RejectionCode.InvalidValue, "$.t");
    }

    [Fact]
    public void A_time_written_with_JSON_escapes_means_the_same_time()
    {
        var json = Json.Set(ContractExamples.Deposit, "t", "\"2026-11-28T03:20:11.512\\u005A\"");
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 20, 11, 512, TimeSpan.Zero), PayloadDecoder.DecodeDeposit(Json.Utf8(json)).Message?.T);
    }

    [Fact]
    public void A_time_with_an_escaped_lone_surrogate_is_rejected_not_thrown()
    {
        // Written into the text directly: JsonNode refuses to write a lone surrogate.
        var json = ContractExamples.Deposit.Replace("2026-11-28T03:20:11.512Z", "2026-11-28T03:20:11.512\\ud800", StringComparison.Ordinal);
        var rejection = Decoders.Decode(Decoders.Deposit, json);
        Assert.NotNull(rejection);
        Assert.Contains("$.t", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_utc_with_exactly_three_digits_of_milliseconds_and_a_Z()
    {
        Assert.Equal("2026-11-28T03:15:00.120Z", WireTime.Write(new DateTimeOffset(2026, 11, 28, 3, 15, 0, 120, TimeSpan.Zero)));
        Assert.Equal("2026-11-28T03:15:00.000Z", WireTime.Write(new DateTimeOffset(2026, 11, 28, 3, 15, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Writes_a_local_time_as_the_same_instant_in_utc()
    {
        var pontianak = new DateTimeOffset(2026, 11, 28, 10, 15, 0, 120, TimeSpan.FromHours(7));
        Assert.Equal("2026-11-28T03:15:00.120Z", WireTime.Write(pontianak));
    }

    [Fact]
    public void Drops_what_is_finer_than_a_millisecond_rather_than_rounding_up()
    {
        var time = new DateTimeOffset(2026, 11, 28, 3, 15, 0, 120, TimeSpan.Zero).AddTicks(9999);
        Assert.Equal("2026-11-28T03:15:00.120Z", WireTime.Write(time));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 15, 0, 120, TimeSpan.Zero), WireTime.Truncate(time));
    }

    [Fact]
    public void Writes_the_last_millisecond_of_a_day_without_rolling_over()
    {
        var time = new DateTimeOffset(2026, 12, 31, 23, 59, 59, 999, TimeSpan.Zero).AddTicks(9999);
        Assert.Equal("2026-12-31T23:59:59.999Z", WireTime.Write(time));
    }

    [Fact]
    public void What_it_writes_it_reads_back_unchanged()
    {
        var time = WireTime.Truncate(new DateTimeOffset(2026, 11, 28, 10, 15, 0, 120, TimeSpan.FromHours(7)).AddTicks(4321));
        Assert.True(WireTime.TryParse(WireTime.Write(time), out var back));
        Assert.Equal(time, back);
        Assert.Equal(ContractExamples.Time, WireTime.Example);
    }
}
