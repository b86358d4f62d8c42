using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests.Support;

/// <summary>Each payload's decoder with its contract example, so rules every payload shares are tested on all four.</summary>
public static class Decoders
{
    public const string Telemetry = "telemetry";
    public const string Deposit = "deposit";
    public const string Status = "status";
    public const string Ack = "ack";

    public static TheoryData<string> All => [Telemetry, Deposit, Status, Ack];

    public static string Example(string payload) => payload switch
    {
        Telemetry => ContractExamples.Telemetry,
        Deposit => ContractExamples.Deposit,
        Status => ContractExamples.Status,
        Ack => ContractExamples.Ack,
        _ => throw new ArgumentOutOfRangeException(nameof(payload), payload, null),
    };

    /// <summary>The rejection, or null when the payload was decoded into a valid message.</summary>
    public static Rejection? Decode(string payload, byte[] bytes) => payload switch
    {
        Telemetry => PayloadDecoder.DecodeTelemetry(bytes).Rejection,
        Deposit => PayloadDecoder.DecodeDeposit(bytes).Rejection,
        Status => PayloadDecoder.DecodeStatus(bytes).Rejection,
        Ack => PayloadDecoder.DecodeAck(bytes).Rejection,
        _ => throw new ArgumentOutOfRangeException(nameof(payload), payload, null),
    };

    public static Rejection? Decode(string payload, string json) => Decode(payload, Json.Utf8(json));

    public static Rejection Refused(string payload, byte[] bytes, RejectionCode code, string reasonNames)
    {
        var rejection = Decode(payload, bytes);
        Assert.NotNull(rejection);
        Assert.Equal(code, rejection.Code);
        Assert.Contains(reasonNames, rejection.Reason, StringComparison.Ordinal);
        return rejection;
    }

    public static Rejection Refused(string payload, string json, RejectionCode code, string reasonNames) =>
        Refused(payload, Json.Utf8(json), code, reasonNames);
}
