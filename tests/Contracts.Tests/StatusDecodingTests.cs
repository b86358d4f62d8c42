using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Tests.Support;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests;

/// <summary>The status payload: retained health of a device, and with only v, t and state, its MQTT last will.</summary>
public sealed class StatusDecodingTests
{
    private const string Example = ContractExamples.Status;

    [Fact]
    public void Decodes_the_contract_example()
    {
        var status = Expect.Valid(Decode(Example));

        Assert.Equal(1, status.V);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 15, 0, 120, TimeSpan.Zero), status.T);
        Assert.Equal(StatusMessage.Online, status.State);
        Assert.Equal("0.1.0", status.Version);
        Assert.Equal(3600, status.UptimeS);
        Assert.Equal(ClockState.Synced, status.Clock);
        Assert.Equal(new OutboxFigures { Depth = 12, Bytes = 5120, OldestS = 40, Dropped = 0 }, status.Outbox);
    }

    [Fact]
    public void Decodes_the_last_will_with_only_v_t_and_state()
    {
        var status = Expect.Valid(Decode(ContractExamples.LastWill));

        Assert.Equal(StatusMessage.Offline, status.State);
        Assert.Null(status.Version);
        Assert.Null(status.UptimeS);
        Assert.Null(status.Clock);
        Assert.Null(status.Outbox);
    }

    [Theory]
    [InlineData("version")]
    [InlineData("uptime_s")]
    [InlineData("clock")]
    [InlineData("outbox")]
    public void Accepts_a_status_without_an_optional_field(string field)
    {
        Expect.Valid(Decode(Json.Remove(Example, field)));
    }

    [Theory]
    [InlineData("t")]
    [InlineData("state")]
    [InlineData("outbox.depth")]
    [InlineData("outbox.bytes")]
    [InlineData("outbox.oldest_s")]
    [InlineData("outbox.dropped")]
    public void Rejects_a_status_missing_a_required_field(string field)
    {
        Expect.Rejected(Decode(Json.Remove(Example, field)), RejectionCode.MissingField, "$." + field);
    }

    [Theory]
    [InlineData("t")]
    [InlineData("state")]
    [InlineData("outbox.depth")]
    [InlineData("outbox.dropped")]
    public void Rejects_null_in_a_required_field(string field)
    {
        Expect.Rejected(Decode(Json.Set(Example, field, "null")), RejectionCode.WrongType, "$." + field);
    }

    [Theory]
    [InlineData("\"ONLINE\"")]
    [InlineData("\"rebooting\"")]
    [InlineData("\"\"")]
    public void Rejects_a_state_other_than_online_or_offline(string state)
    {
        Expect.Rejected(Decode(Json.Set(Example, "state", state)), RejectionCode.InvalidValue, "$.state");
    }

    [Theory]
    [InlineData("state", "1", "a string")]
    [InlineData("version", "1", "a string")]
    [InlineData("uptime_s", "\"3600\"", "a number")]
    [InlineData("uptime_s", "3600.5", "a whole number")]
    [InlineData("clock", "true", "a string")]
    [InlineData("outbox", "[12]", "an object")]
    [InlineData("outbox.depth", "12.5", "a whole number")]
    [InlineData("outbox.bytes", "\"5120\"", "a number")]
    public void Rejects_a_field_of_the_wrong_type(string field, string value, string expected)
    {
        var rejection = Expect.Rejected(Decode(Json.Set(Example, field, value)), RejectionCode.WrongType, "$." + field);
        Assert.Contains(expected, rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("uptime_s")]
    [InlineData("outbox.depth")]
    [InlineData("outbox.bytes")]
    [InlineData("outbox.oldest_s")]
    [InlineData("outbox.dropped")]
    public void Rejects_a_negative_figure(string field)
    {
        Expect.Rejected(Decode(Json.Set(Example, field, "-1")), RejectionCode.OutOfRange, "$." + field);
    }

    [Fact]
    public void Accepts_an_empty_outbox()
    {
        var json = Json.Set(Example, "outbox", """{"depth":0,"bytes":0,"oldest_s":0,"dropped":0}""");
        Assert.Equal(0, Expect.Valid(Decode(json)).Outbox!.Depth);
    }

    [Theory]
    [InlineData("\"synced\"", true)]
    [InlineData("\"unsynced\"", true)]
    [InlineData("\"Synced\"", false)]
    [InlineData("\"gps\"", false)]
    [InlineData("\"\"", false)]
    public void Accepts_only_the_two_clock_states(string clock, bool valid)
    {
        var decoded = Decode(Json.Set(Example, "clock", clock));
        if (valid)
        {
            Expect.Valid(decoded);
        }
        else
        {
            Expect.Rejected(decoded, RejectionCode.InvalidValue, "$.clock");
        }
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"0.1.0\\u0007\"")]
    [InlineData("\"0.1.0-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"")]
    public void Rejects_an_empty_overlong_or_unprintable_version(string version)
    {
        Expect.Rejected(Decode(Json.Set(Example, "version", version)), RejectionCode.InvalidValue, "$.version");
    }

    private static Decoded<StatusMessage> Decode(string json) => PayloadDecoder.DecodeStatus(Json.Utf8(json));
}
