using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.Contracts.Tests.Support;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests;

/// <summary>What <see cref="PayloadEncoder"/> writes, <see cref="PayloadDecoder"/> reads back as an equal message.</summary>
public sealed partial class RoundTripTests
{
    private static readonly DateTimeOffset LocalTime = new DateTimeOffset(2026, 11, 28, 10, 15, 0, 120, TimeSpan.FromHours(7)).AddTicks(5555);

    [Theory]
    [InlineData(Decoders.Telemetry)]
    [InlineData(Decoders.Deposit)]
    [InlineData(Decoders.Status)]
    [InlineData(Decoders.Ack)]
    public void Encoding_a_decoded_example_gives_back_the_example(string payload)
    {
        var example = Decoders.Example(payload);
        var bytes = Json.Utf8(example);
        var encoded = payload switch
        {
            Decoders.Telemetry => PayloadEncoder.Encode(Expect.Valid(PayloadDecoder.DecodeTelemetry(bytes))),
            Decoders.Deposit => PayloadEncoder.Encode(Expect.Valid(PayloadDecoder.DecodeDeposit(bytes))),
            Decoders.Status => PayloadEncoder.Encode(Expect.Valid(PayloadDecoder.DecodeStatus(bytes))),
            _ => PayloadEncoder.Encode(Expect.Valid(PayloadDecoder.DecodeAck(bytes))),
        };

        // Same fields, same values, nothing added: the encoder writes exactly the contract's form.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(example), JsonNode.Parse(encoded)), System.Text.Encoding.UTF8.GetString(encoded));
    }

    [Fact]
    public void A_telemetry_message_survives_the_wire()
    {
        var message = new TelemetryMessage
        {
            Seq = 9,
            Samples =
            [
                new Sample
                {
                    T = WireTime.Truncate(LocalTime), Sensor = "soil-1", Kind = SensorKinds.Soil.Name, Clock = ClockState.Unsynced,
                    Values = new Dictionary<string, double> { [ValueNames.MoisturePct] = 41.25, [ValueNames.TemperatureC] = -3.1 },
                },
                new Sample
                {
                    T = WireTime.Truncate(LocalTime.AddSeconds(1)), Sensor = "lux-1", Kind = SensorKinds.Light.Name,
                    Values = new Dictionary<string, double> { [ValueNames.IlluminanceLux] = 0.1 + 0.2 },
                },
            ],
        };

        var decoded = Expect.Valid(PayloadDecoder.DecodeTelemetry(PayloadEncoder.Encode(message)));

        Assert.Equivalent(message, decoded, strict: true);
        Assert.Equal(message.Samples.Select(s => s.T), decoded.Samples.Select(s => s.T));
        Assert.Equal(0.1 + 0.2, decoded.Samples[1].Values[ValueNames.IlluminanceLux]);
    }

    [Fact]
    public void A_deposit_survives_the_wire()
    {
        var deposit = new DepositMessage
        {
            Id = "01JDX3W6Q8Z2M4N5P6R7S8T9V0", T = WireTime.Truncate(LocalTime), Member = "A-0042", Category = "paper",
            MassKg = 12.3456m, UnitPriceIdr = 1500, ValueIdr = DepositValue.Compute(12.3456m, 1500), Operator = "siti",
            PriceTable = "2026-11-01", Scale = new ScaleReading { Sensor = "scale-1", Raw = -12, TareRaw = 102311, Calibration = "2026-11-20" },
        };

        var decoded = Expect.Valid(PayloadDecoder.DecodeDeposit(PayloadEncoder.Encode(deposit)));

        Assert.Equal(deposit, decoded);
    }

    [Fact]
    public void A_status_and_a_last_will_survive_the_wire()
    {
        var status = new StatusMessage
        {
            T = WireTime.Truncate(LocalTime), State = StatusMessage.Online, Version = "0.1.0", UptimeS = 3600, Clock = ClockState.Synced,
            Outbox = new OutboxFigures { Depth = 12, Bytes = 5120, OldestS = 40, Dropped = 0 },
        };
        var will = new StatusMessage { T = WireTime.Truncate(LocalTime), State = StatusMessage.Offline };

        Assert.Equal(status, Expect.Valid(PayloadDecoder.DecodeStatus(PayloadEncoder.Encode(status))));
        Assert.Equal(will, Expect.Valid(PayloadDecoder.DecodeStatus(PayloadEncoder.Encode(will))));
    }

    [Fact]
    public void A_last_will_is_encoded_with_only_v_t_and_state()
    {
        var will = new StatusMessage { T = WireTime.Truncate(LocalTime), State = StatusMessage.Offline };
        Assert.Equal("""{"v":1,"t":"2026-11-28T03:15:00.120Z","state":"offline"}""", System.Text.Encoding.UTF8.GetString(PayloadEncoder.Encode(will)));
    }

    [Fact]
    public void An_ack_survives_the_wire()
    {
        var ack = new AckMessage { T = WireTime.Truncate(LocalTime), Ids = ["01JDX3W6Q8Z2M4N5P6R7S8T9V0", "01JDX3W6Q8Z2M4N5P6R7S8T9V1"] };

        var decoded = Expect.Valid(PayloadDecoder.DecodeAck(PayloadEncoder.Encode(ack)));

        Assert.Equal(ack.T, decoded.T);
        Assert.Equal(ack.Ids, decoded.Ids);
    }

    [Fact]
    public void The_encoder_writes_every_time_in_utc_with_exactly_milliseconds_and_a_Z()
    {
        // A local time with ticks below the millisecond: the encoder must still write the one wire form.
        byte[][] encoded =
        [
            PayloadEncoder.Encode(new TelemetryMessage
            {
                Seq = 1,
                Samples = [new Sample { T = LocalTime, Sensor = "env-1", Kind = "environment", Values = new Dictionary<string, double> { ["temperature_c"] = 20 } }],
            }),
            PayloadEncoder.Encode(new StatusMessage { T = LocalTime, State = StatusMessage.Offline }),
            PayloadEncoder.Encode(new AckMessage { T = new DateTimeOffset(2026, 11, 28, 3, 15, 0, TimeSpan.Zero), Ids = ["01JDX3W6Q8Z2M4N5P6R7S8T9V0"] }),
        ];

        var times = encoded.Select(e => System.Text.Encoding.UTF8.GetString(e)).SelectMany(text => TimeField().Matches(text).Select(m => m.Groups[1].Value)).ToList();

        Assert.Equal(["2026-11-28T03:15:00.120Z", "2026-11-28T03:15:00.120Z", "2026-11-28T03:15:00.000Z"], times);
    }

    [Fact]
    public void The_encoder_writes_the_version_and_omits_an_absent_clock()
    {
        var text = System.Text.Encoding.UTF8.GetString(PayloadEncoder.Encode(new TelemetryMessage
        {
            Seq = 1,
            Samples = [new Sample { T = LocalTime, Sensor = "env-1", Kind = "environment", Values = new Dictionary<string, double> { ["temperature_c"] = 20 } }],
        }));

        Assert.StartsWith("{\"v\":1,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("clock", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoded_messages_pass_the_same_rules_they_were_built_to()
    {
        var deposit = Expect.Valid(PayloadDecoder.DecodeDeposit(Json.Utf8(ContractExamples.Deposit)));
        Assert.Null(DepositRules.Check(deposit));
        Assert.Null(TelemetryRules.Check(Expect.Valid(PayloadDecoder.DecodeTelemetry(Json.Utf8(ContractExamples.Telemetry)))));
        Assert.Null(StatusRules.Check(Expect.Valid(PayloadDecoder.DecodeStatus(Json.Utf8(ContractExamples.Status)))));
        Assert.Null(AckRules.Check(Expect.Valid(PayloadDecoder.DecodeAck(Json.Utf8(ContractExamples.Ack)))));
    }

    [GeneratedRegex("\"t\":\"([^\"]*)\"")]
    private static partial Regex TimeField();
}
