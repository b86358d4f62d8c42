using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.EdgeAgent.Outbox;

/// <summary>A deposit in the device's ledger with where it is on its way to the city.</summary>
public sealed record RecordedDeposit(DepositMessage Deposit, DepositState State, int Sends, DateTimeOffset? StoredAt, string? Refusal);
