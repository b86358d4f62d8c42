using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Waste;

namespace Pontive.Iot.Ingest.Tests.Reports;

/// <summary>How a voided deposit comes out of the waste report, and how members are counted.</summary>
public sealed class WasteCalculatorTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 2, 9, 0, 0, Wib.Offset);
    private static readonly WasteRequest November = new(TimeRange.Month(2026, 11), PeriodKind.Month, null, null);

    [Fact]
    public void A_voided_deposit_is_taken_out_of_kilograms_value_count_and_members()
    {
        DepositRecord[] deposits =
        [
            Deposit("D1", "A-1", 2.5m, 7500, Day1),
            Deposit("D2", "A-2", 1.25m, 3750, Day1.AddMinutes(5)),
        ];

        var report = WasteCalculator.Calculate(November, deposits, [Void("D2", Day1.AddMinutes(5))]);

        var row = Assert.Single(report.Rows);
        Assert.Equal((2.5m, 1, 1, 7500L), (row.MassKg, row.Deposits, row.Members, row.ValueIdr));
        Assert.Equal((1, 1.25m, 3750L), (row.VoidedDeposits, row.VoidedMassKg, row.VoidedValueIdr));
        Assert.Empty(report.UnmatchedVoids);
    }

    [Fact]
    public void A_member_with_another_deposit_left_is_still_counted_once()
    {
        DepositRecord[] deposits =
        [
            Deposit("D1", "A-1", 1m, 3000, Day1),
            Deposit("D2", "A-1", 2m, 6000, Day1.AddHours(1)),
            Deposit("D3", "A-1", 3m, 9000, Day1.AddHours(2)),
        ];

        var report = WasteCalculator.Calculate(November, deposits, [Void("D2", Day1.AddHours(1))]);

        Assert.Equal((4m, 2, 1), (report.Total.MassKg, report.Total.Deposits, report.Total.Members));
    }

    [Fact]
    public void The_same_member_number_at_two_banks_is_two_members_in_the_city_total()
    {
        DepositRecord[] deposits =
        [
            Deposit("D1", "A-1", 1m, 3000, Day1, site: "bank-a"),
            Deposit("D2", "A-1", 1m, 3000, Day1, site: "bank-b"),
            Deposit("D3", "A-1", 1m, 3000, Day1, site: "bank-b", category: "paper"),
        ];

        var report = WasteCalculator.Calculate(November, deposits, []);

        Assert.Equal(2, report.Total.Members);
        Assert.Equal([1, 1], report.Sites.Select(s => s.Members));
        Assert.Equal(3, report.Rows.Count);
    }

    [Fact]
    public void A_deposit_stored_twice_under_one_id_counts_once()
    {
        var report = WasteCalculator.Calculate(November, [Deposit("D1", "A-1", 1m, 3000, Day1), Deposit("D1", "A-1", 1m, 3000, Day1.AddSeconds(1))], []);

        Assert.Equal(1, report.Total.Deposits);
    }

    [Fact]
    public void A_void_without_its_deposit_in_the_range_is_listed_and_takes_nothing_away()
    {
        var report = WasteCalculator.Calculate(November, [Deposit("D1", "A-1", 1m, 3000, Day1)], [Void("D9", Day1)]);

        Assert.Equal((1m, 1), (report.Total.MassKg, report.Total.Deposits));
        Assert.Equal("D9", Assert.Single(report.UnmatchedVoids).DepositId);
    }

    [Fact]
    public void Every_period_of_the_range_is_listed_empty_ones_included()
    {
        var days = new WasteRequest(new TimeRange(Wib.Midnight(new DateOnly(2026, 11, 1)), Wib.Midnight(new DateOnly(2026, 11, 4))), PeriodKind.Day, null, null);

        var report = WasteCalculator.Calculate(days, [Deposit("D1", "A-1", 1m, 3000, Day1)], []);

        Assert.Equal(["2026-11-01", "2026-11-02", "2026-11-03"], report.Periods.Select(p => p.Period));
        Assert.Equal([0, 1, 0], report.Periods.Select(p => p.Deposits));
    }

    private static DepositRecord Deposit(string id, string member, decimal kg, long idr, DateTimeOffset time, string site = "bank-a", string category = "plastic-pet") =>
        new(time, site, category, id, member, kg, idr);

    private static VoidRecord Void(string depositId, DateTimeOffset time) => new(time, "bank-a", "plastic-pet", depositId, "V-" + depositId, 0m, 0);
}
