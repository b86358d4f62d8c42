using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.EdgeAgent.Outbox;

/// <summary>A correction in the device's ledger with where it is on its way to the city.</summary>
public sealed record RecordedCorrection(CorrectionMessage Correction, DepositState State);
