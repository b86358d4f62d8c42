using Pontive.Iot.Ingest.Reports.Calendar;

namespace Pontive.Iot.Ingest.Reports.Waste;

/// <summary>
/// The waste report from the stored deposits and voids of its range. A void takes the deposit it names (by
/// <c>deposit_id</c>) out of every figure: its kilograms, its value, its count, and its member, who is no longer
/// counted unless they have another deposit in the same cell. The deposit's own time, bank and category decide where
/// it was counted, so that is where it is taken out. A deposit stored twice under the same id counts once.
/// </summary>
public static class WasteCalculator
{
    public static WasteReport Calculate(WasteRequest request, IEnumerable<DepositRecord> deposits, IEnumerable<VoidRecord> voids)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(deposits);
        ArgumentNullException.ThrowIfNull(voids);

        var unique = new Dictionary<string, DepositRecord>(StringComparer.Ordinal);
        foreach (var deposit in deposits.OrderBy(d => d.Time))
        {
            unique.TryAdd(deposit.DepositId ?? $"{deposit.Time.UtcTicks}|{deposit.Site}|{deposit.Category}|{deposit.Member}", deposit);
        }

        var voidsByDeposit = new Dictionary<string, VoidRecord>(StringComparer.Ordinal);
        foreach (var voided in voids.OrderBy(v => v.Time))
        {
            voidsByDeposit.TryAdd(voided.DepositId, voided);
        }

        var byCategory = new Dictionary<(DateTimeOffset Period, string Site, string Category), WasteTally>();
        var bySite = new Dictionary<(DateTimeOffset Period, string Site), WasteTally>();
        var byPeriod = request.By.Covering(request.Range.From, request.Range.To).ToDictionary(start => start, _ => new WasteTally());
        var total = new WasteTally();
        foreach (var (id, deposit) in unique)
        {
            var voided = voidsByDeposit.ContainsKey(id);
            var period = request.By.StartOf(deposit.Time);
            Tally(byCategory, (period, deposit.Site, deposit.Category)).Add(deposit, voided);
            Tally(bySite, (period, deposit.Site)).Add(deposit, voided);
            Tally(byPeriod, period).Add(deposit, voided);
            total.Add(deposit, voided);
        }

        var unmatched = voidsByDeposit.Values
            .Where(v => !unique.ContainsKey(v.DepositId) && (request.Category is null || v.Category == request.Category))
            .OrderBy(v => v.Time)
            .Select(v => new UnmatchedVoid(Wib.ToWib(v.Time), v.Site, v.Category, v.DepositId, v.VoidId, v.MassKg, v.ValueIdr))
            .ToList();

        var range = request.Range.InWib();
        return new WasteReport(
            "waste",
            range.From,
            range.To,
            Wib.Description,
            request.By.Name(),
            request.Site,
            request.Category,
            [.. byCategory
                .OrderBy(c => c.Key.Period).ThenBy(c => c.Key.Site, StringComparer.Ordinal).ThenBy(c => c.Key.Category, StringComparer.Ordinal)
                .Select(c => new WasteCategoryRow(request.By.Label(c.Key.Period), Wib.ToWib(c.Key.Period), c.Key.Site, c.Key.Category,
                c.Value.MassKg, c.Value.Deposits, c.Value.Members, c.Value.ValueIdr, c.Value.VoidedDeposits, c.Value.VoidedMassKg, c.Value.VoidedValueIdr))],
            [.. bySite
                .OrderBy(s => s.Key.Period).ThenBy(s => s.Key.Site, StringComparer.Ordinal)
                .Select(s => new WasteSiteRow(request.By.Label(s.Key.Period), Wib.ToWib(s.Key.Period), s.Key.Site,
                s.Value.MassKg, s.Value.Deposits, s.Value.Members, s.Value.ValueIdr, s.Value.VoidedDeposits, s.Value.VoidedMassKg, s.Value.VoidedValueIdr))],
            [.. byPeriod.OrderBy(p => p.Key).Select(p => new WastePeriodRow(request.By.Label(p.Key), Wib.ToWib(p.Key),
                p.Value.MassKg, p.Value.Deposits, p.Value.Members, p.Value.ValueIdr, p.Value.VoidedDeposits, p.Value.VoidedMassKg, p.Value.VoidedValueIdr))],
            new WasteTotal(total.MassKg, total.Deposits, total.Members, total.ValueIdr, total.VoidedDeposits, total.VoidedMassKg, total.VoidedValueIdr),
            unmatched);
    }

    private static WasteTally Tally<TKey>(IDictionary<TKey, WasteTally> tallies, TKey key)
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tally = new WasteTally();
            tallies[key] = tally;
        }

        return tally;
    }
}
