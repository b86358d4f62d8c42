using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>The day at a glance: today's deposits (WIB) with their state, and totals with voided deposits netted out.</summary>
internal sealed class DayLedger(DepositOutbox deposits, CorrectionOutbox corrections, PriceTableCache prices, TimeProvider time)
{
    public TodayView Today()
    {
        var (date, start, end) = Wib.DayOf(time.GetUtcNow());
        var recorded = deposits.Between(start, end);
        var voids = corrections.OfDepositsBetween(start, end);
        var table = prices.Current;
        var rows = recorded.Select(r =>
        {
            var category = table?.Category(r.Deposit.Category);
            voids.TryGetValue(r.Deposit.Id, out var voided);
            return new TodayDepositView(
                r.Deposit.Id,
                KioskViews.ShortCode(r.Deposit.Id),
                r.Deposit.T,
                r.Deposit.Member,
                r.Deposit.Category,
                category?.NameId ?? r.Deposit.Category,
                category?.NameEn ?? r.Deposit.Category,
                r.Deposit.MassKg,
                r.Deposit.ValueIdr,
                KioskViews.StateName(r.State),
                voided is not null,
                voided?.Correction.Reason,
                voided is null ? null : KioskViews.StateName(voided.State));
        }).ToList();

        var counted = rows.Where(r => !r.Voided).ToList();
        var totals = counted
            .GroupBy(r => r.Category, StringComparer.Ordinal)
            .Select(g => new CategoryTotalView(g.Key, g.First().NameId, g.First().NameEn, g.Count(), g.Sum(r => r.MassKg), g.Sum(r => r.ValueIdr)))
            .OrderBy(t => t.NameId, StringComparer.Ordinal)
            .ToList();
        return new TodayView(date, rows, totals, new TotalView(counted.Count, counted.Sum(r => r.MassKg), counted.Sum(r => r.ValueIdr)));
    }
}
