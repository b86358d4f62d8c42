using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>
/// A recorded deposit's receipt as the kiosk shows it again later: its state now, its category's names, and whether
/// it was voided (a reprint of a voided deposit must say so, or a member could claim it twice).
/// </summary>
internal sealed class ReceiptReader(CorrectionOutbox corrections, PriceTableCache prices)
{
    public ReceiptView Of(RecordedDeposit recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var deposit = recorded.Deposit;

        // A device never gives two of its deposits the same millisecond, so this window holds this deposit's void alone.
        var voids = corrections.OfDepositsBetween(deposit.T, deposit.T.AddMilliseconds(1));
        voids.TryGetValue(deposit.Id, out var voided);
        return KioskViews.Receipt(deposit, recorded.State, prices.Current?.Category(deposit.Category), voided);
    }
}
