using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Deposits;

/// <summary>
/// Turns what the operator entered into a deposit of the wire contract, with a new ULID (its idempotency key end to
/// end), its value in rupiah, and the scale's raw counts for the audit trail, and records it durably. When this
/// returns, the deposit is on the device's storage; the outbox takes it to the city from there.
/// </summary>
public sealed class DepositRecorder(DepositOutbox outbox, ClockTrust clock, TimeProvider time)
{
    /// <returns>
    /// The deposit recorded; when <see cref="DepositRequest.RequestId"/> was seen before, the deposit recorded then
    /// (see <see cref="DepositOutbox.Record"/>).
    /// </returns>
    /// <exception cref="InvalidDepositException">The deposit breaks a rule of the contract; nothing was recorded.</exception>
    /// <exception cref="DiskFullException">The storage is full; nothing was recorded.</exception>
    public DepositMessage Record(DepositRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var deposit = new DepositMessage
        {
            Id = Ulid.NewUlid(now).ToString(),
            T = now,
            Member = request.Member,
            Category = request.Category,
            MassKg = request.Scale.MassKg,
            UnitPriceIdr = request.UnitPriceIdr,
            ValueIdr = DepositValue.Compute(request.Scale.MassKg, request.UnitPriceIdr),
            Operator = request.Operator,
            PriceTable = request.PriceTable,
            Scale = new ScaleReading
            {
                Sensor = request.ScaleId,
                Raw = request.Scale.Raw,
                TareRaw = request.Scale.TareRaw,
                Calibration = request.Scale.Calibration,
            },
        };

        if (DepositRules.Check(deposit) is { } rejection)
        {
            throw new InvalidDepositException(rejection.Reason);
        }

        return outbox.Record(deposit, clockUnsynced: !clock.IsTrusted, request.RequestId);
    }
}
