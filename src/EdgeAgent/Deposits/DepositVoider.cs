using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Deposits;

/// <summary>
/// Voids a deposit the way money is corrected: a correction event with its own ULID that names the deposit, repeats
/// what reports need to net it out, and carries the operator's reason. The deposit itself is never changed.
/// </summary>
public sealed class DepositVoider(DepositOutbox deposits, CorrectionOutbox corrections, ClockTrust clock, TimeProvider time)
{
    /// <exception cref="KeyNotFoundException">The device has no such deposit.</exception>
    /// <exception cref="AlreadyVoidedException">It was voided before.</exception>
    /// <exception cref="InvalidDepositException">No reason, or one longer than 200 characters.</exception>
    /// <exception cref="DiskFullException">The storage is full; nothing was recorded.</exception>
    public CorrectionMessage Void(string depositId, string reason, string @operator)
    {
        var deposit = deposits.Find(depositId)?.Deposit ?? throw new KeyNotFoundException($"No deposit {depositId} on this device.");
        var now = time.GetUtcNow();
        var correction = new CorrectionMessage
        {
            Id = Ulid.NewUlid(now).ToString(),
            T = now,
            DepositId = deposit.Id,
            DepositT = deposit.T,
            Category = deposit.Category,
            Member = deposit.Member,
            MassKg = deposit.MassKg,
            ValueIdr = deposit.ValueIdr,
            Reason = reason?.Trim() ?? string.Empty,
            Operator = @operator,
        };

        if (CorrectionRules.Check(correction) is { } rejection)
        {
            throw new InvalidDepositException(rejection.Reason);
        }

        return corrections.Record(correction, clockUnsynced: !clock.IsTrusted);
    }
}
