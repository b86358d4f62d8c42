using Microsoft.Extensions.DependencyInjection;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.Waste;
using Pontive.Iot.Integration.Tests.Servers;
using static Pontive.Iot.Integration.Tests.Reports.ReportExpectations;

namespace Pontive.Iot.Integration.Tests.Reports;

/// <summary>
/// The waste report against a real InfluxDB holding the seed: every figure (kg, deposits, members, rupiah, voids) per
/// month, day and week, per bank and category, equals what the seed says, with months and days in WIB.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class WasteReportTests(RealServers servers) : IAsyncLifetime
{
    private ReportsDatabase _database = null!;

    private ReportSeed Seed => _database.Seed;

    public async Task InitializeAsync() => _database = await ReportsDatabase.SeedAsync(servers, new ReportSeed());

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Each_month_bank_and_category_has_the_seeds_figures_net_of_voids()
    {
        var report = await WasteAsync(("from", "2026-10-01"), ("to", "2027-01-01"), ("by", "month"));

        var expected = Seed.Deposits
            .GroupBy(d => (Month: MonthOf(d.Time), d.Site, d.Category))
            .OrderBy(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => g.Key.Site, StringComparer.Ordinal).ThenBy(g => g.Key.Category, StringComparer.Ordinal)
            .Select(g => (g.Key.Month, g.Key.Site, g.Key.Category, Waste(Seed, g)))
            .ToList();
        Assert.Equal(expected, report.Rows.Select(r => (r.Period, r.Site, r.Category,
            new WasteFigures(r.MassKg, r.Deposits, r.Members, r.ValueIdr, r.VoidedDeposits, r.VoidedMassKg, r.VoidedValueIdr))));
    }

    [Fact]
    public async Task Each_bank_counts_its_members_once_across_categories_and_the_city_counts_each_banks_members()
    {
        var report = await WasteAsync(("month", "2026-11"), ("by", "month"));

        var november = Seed.Deposits.Where(d => MonthOf(d.Time) == "2026-11").ToList();
        Assert.Equal(
            november.GroupBy(d => d.Site).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Waste(Seed, g))),
            report.Sites.Select(s => (s.Site, new WasteFigures(s.MassKg, s.Deposits, s.Members, s.ValueIdr, s.VoidedDeposits, s.VoidedMassKg, s.VoidedValueIdr))));
        var total = Waste(Seed, november);
        Assert.Equal(total, new WasteFigures(report.Total.MassKg, report.Total.Deposits, report.Total.Members, report.Total.ValueIdr,
            report.Total.VoidedDeposits, report.Total.VoidedMassKg, report.Total.VoidedValueIdr));
        Assert.Equal(total.Members, Assert.Single(report.Periods).Members);
    }

    [Fact]
    public async Task A_deposit_at_2359_wib_is_in_its_day_and_month_and_one_at_0001_wib_in_the_next()
    {
        var report = await WasteAsync(("from", "2026-10-31"), ("to", "2026-11-02"), ("by", "day"), ("site", ReportSeed.BankA), ("category", "plastic-pet"));

        Assert.Equal(
            Seed.Deposits.Where(d => d.Site == ReportSeed.BankA && d.Category == "plastic-pet" && DayOf(d.Time) is "2026-10-31" or "2026-11-01")
                .GroupBy(d => DayOf(d.Time)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(d => d.MassKg))),
            report.Rows.Select(r => (r.Period, r.MassKg)));
        Assert.Contains(report.Rows, r => r.Period == "2026-10-31" && r.MassKg >= 2.345m);
        Assert.Contains(report.Rows, r => r.Period == "2026-11-01" && r.MassKg >= 1.25m);
    }

    [Fact]
    public async Task The_last_millisecond_of_november_is_november_and_midnight_is_december()
    {
        var report = await WasteAsync(("from", "2026-11-30"), ("to", "2026-12-02"), ("by", "day"), ("site", ReportSeed.BankB), ("category", "cardboard"));

        var lastOfNovember = Assert.Single(report.Rows, r => r.Period == "2026-11-30");
        var firstOfDecember = Assert.Single(report.Rows, r => r.Period == "2026-12-01");
        Assert.Equal(Waste(Seed, Seed.Deposits.Where(d => d.Site == ReportSeed.BankB && d.Category == "cardboard" && DayOf(d.Time) == "2026-11-30")).MassKg, lastOfNovember.MassKg);
        Assert.Equal(Waste(Seed, Seed.Deposits.Where(d => d.Site == ReportSeed.BankB && d.Category == "cardboard" && DayOf(d.Time) == "2026-12-01")).MassKg, firstOfDecember.MassKg);
    }

    [Fact]
    public async Task Weeks_run_monday_to_sunday_in_wib()
    {
        var report = await WasteAsync(("from", "2026-11-02"), ("to", "2026-11-30"), ("by", "week"));

        var inRange = Seed.Deposits.Where(d => d.Time >= new DateTimeOffset(2026, 11, 2, 0, 0, 0, ReportSeed.Wib) && d.Time < new DateTimeOffset(2026, 11, 30, 0, 0, 0, ReportSeed.Wib));
        Assert.Equal(
            inRange.GroupBy(d => IsoWeekOf(d.Time)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Waste(Seed, g))),
            report.Periods.Select(p => (p.Period, new WasteFigures(p.MassKg, p.Deposits, p.Members, p.ValueIdr, p.VoidedDeposits, p.VoidedMassKg, p.VoidedValueIdr))));
        Assert.All(report.Periods, p => Assert.Equal(DayOfWeek.Monday, p.PeriodStart.DayOfWeek));
    }

    [Fact]
    public async Task A_void_whose_deposit_is_not_stored_is_listed_and_subtracts_nothing()
    {
        var report = await WasteAsync(("month", "2026-11"), ("site", ReportSeed.BankA));

        var unmatched = Assert.Single(report.UnmatchedVoids);
        Assert.Equal((Seed.UnmatchedVoid.Deposit.Id, Seed.UnmatchedVoid.VoidId), (unmatched.DepositId, unmatched.VoidId));
        Assert.Equal(Waste(Seed, Seed.Deposits.Where(d => d.Site == ReportSeed.BankA && MonthOf(d.Time) == "2026-11")).MassKg, report.Total.MassKg);
    }

    [Fact]
    public async Task A_deposit_sent_twice_is_counted_once()
    {
        Assert.NotEmpty(Seed.Resent);

        var report = await WasteAsync(("from", "2026-10-01"), ("to", "2027-01-01"), ("by", "month"));

        Assert.Equal(Seed.Deposits.Count(d => !Seed.IsVoided(d)), report.Total.Deposits);
    }

    private async Task<WasteReport> WasteAsync(params (string Name, string Value)[] parameters)
    {
        var runner = _database.Services().GetRequiredService<ReportRunner>();
        var output = await runner.RunAsync(ReportName.Waste, parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal), CancellationToken.None);
        return Assert.IsType<WasteReport>(output.Report);
    }
}
