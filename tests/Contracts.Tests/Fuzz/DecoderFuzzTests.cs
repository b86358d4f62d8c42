using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests.Fuzz;

/// <summary>
/// Hostile input never crashes the decoder and never slips through without a reason: a fixed number of seeded
/// cases per payload type, the same in every CI run. Anything the decoder accepts must also pass the contract's
/// rules again (decoding is the only gate Ingest has).
/// </summary>
public sealed class DecoderFuzzTests
{
    private const int CasesPerDecoder = 4000;

    private static readonly string[] Examples =
    [
        ContractExamples.Telemetry, ContractExamples.Deposit, ContractExamples.Status, ContractExamples.LastWill,
        ContractExamples.Ack, ContractExamples.Correction, ContractExamples.Config,
    ];

    public static TheoryData<string> Decoders => ["telemetry", "deposit", "status", "ack", "correction", "config"];

    [Theory]
    [MemberData(nameof(Decoders))]
    public void Hostile_payloads_are_refused_with_a_reason_and_never_throw(string decoder)
    {
        // A fixed seed per decoder (string hash codes change from run to run in .NET), so every run fuzzes the same cases.
        var mutator = new PayloadMutator(seed: 20261128 + decoder.Length * 7919 + decoder[0]);
        var refused = 0;
        for (var i = 0; i < CasesPerDecoder; i++)
        {
            var payload = mutator.Next(Examples);
            var (accepted, rejection) = Decode(decoder, payload);
            if (accepted)
            {
                continue;
            }

            refused++;
            Assert.NotNull(rejection);
            Assert.True(Enum.IsDefined(rejection.Code), $"case {i}: undefined code {rejection.Code}");
            Assert.False(string.IsNullOrWhiteSpace(rejection.Reason), $"case {i}: a rejection without a reason ({rejection.Code})");
        }

        // Most mutations break the message; a fuzz run that refuses nothing is not exercising the decoder.
        Assert.True(refused > CasesPerDecoder / 2, $"only {refused} of {CasesPerDecoder} cases were refused");
    }

    private static (bool Accepted, Rejection? Rejection) Decode(string decoder, byte[] payload)
    {
        switch (decoder)
        {
            case "telemetry":
                var telemetry = PayloadDecoder.DecodeTelemetry(payload);
                return (telemetry.IsValid && TelemetryRules.Check(telemetry.Message) is null, telemetry.Rejection);
            case "deposit":
                var deposit = PayloadDecoder.DecodeDeposit(payload);
                return (deposit.IsValid && DepositRules.Check(deposit.Message) is null, deposit.Rejection);
            case "status":
                var status = PayloadDecoder.DecodeStatus(payload);
                return (status.IsValid && StatusRules.Check(status.Message) is null, status.Rejection);
            case "ack":
                var ack = PayloadDecoder.DecodeAck(payload);
                return (ack.IsValid && AckRules.Check(ack.Message) is null, ack.Rejection);
            case "correction":
                var correction = PayloadDecoder.DecodeCorrection(payload);
                return (correction.IsValid && CorrectionRules.Check(correction.Message) is null, correction.Rejection);
            default:
                var config = PayloadDecoder.DecodeConfig(payload);
                return (config.IsValid && ConfigRules.Check(config.Message) is null, config.Rejection);
        }
    }
}
