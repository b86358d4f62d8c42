using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.Rollups;

namespace Pontive.Iot.Ingest.Tests.Reports;

/// <summary>The roll-up statements: what each continuous query keeps, how late data is caught, and how a change shows.</summary>
public sealed class RollupPlanTests
{
    [Fact]
    public void Every_kind_of_the_contract_and_the_message_numbers_are_rolled_up_hourly_and_daily()
    {
        var queries = Plan().Queries;

        Assert.Equal((SensorKinds.All.Count + 1) * 2, queries.Count);
        Assert.All(SensorKinds.All, kind => Assert.Equal(2, queries.Count(q => q.Measurement == kind.Name)));
        Assert.Equal(2, queries.Count(q => q.Measurement == ReportSchema.TelemetryBatchMeasurement));
    }

    [Fact]
    public void A_kind_keeps_mean_min_max_sum_and_count_of_each_value_per_site_device_and_sensor()
    {
        var soil = Plan().Queries.Single(q => q.Target.Name == "hourly" && q.Measurement == "soil");

        Assert.Equal(
            "SELECT mean(\"moisture_pct\") AS \"mean_moisture_pct\", min(\"moisture_pct\") AS \"min_moisture_pct\", max(\"moisture_pct\") AS \"max_moisture_pct\", "
            + "sum(\"moisture_pct\") AS \"sum_moisture_pct\", count(\"moisture_pct\") AS \"count_moisture_pct\", "
            + "mean(\"temperature_c\") AS \"mean_temperature_c\", min(\"temperature_c\") AS \"min_temperature_c\", max(\"temperature_c\") AS \"max_temperature_c\", "
            + "sum(\"temperature_c\") AS \"sum_temperature_c\", count(\"temperature_c\") AS \"count_temperature_c\" "
            + "INTO \"pontive\".\"rollup_1h\".\"soil\" FROM \"pontive\"..\"soil\" GROUP BY time(60m, 0m), \"site\", \"device\", \"sensor\"",
            soil.Continuous);
    }

    [Fact]
    public void Daily_roll_ups_are_wib_days_and_are_recomputed_every_hour_over_the_lateness_allowed()
    {
        var plan = Plan();
        var daily = plan.Queries.First(q => q.Target.Name == "daily");

        Assert.Contains("GROUP BY time(1440m, 1020m)", daily.Continuous, StringComparison.Ordinal);
        Assert.Contains("RESAMPLE EVERY 1h FOR 48h", plan.CreateStatement(daily), StringComparison.Ordinal);
        Assert.Contains("RESAMPLE EVERY 1h FOR 25h", plan.CreateStatement(plan.Queries[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_telemetry_is_read_from_its_own_policy_when_it_has_one()
    {
        var plan = Plan(new ReportsOptions { RawRetention = TimeSpan.FromDays(90) });

        Assert.Contains("FROM \"pontive\".\"raw\".\"environment\"", plan.Queries[0].Continuous, StringComparison.Ordinal);
        Assert.Equal([("raw", TimeSpan.FromDays(90)), ("rollup_1h", TimeSpan.FromDays(1825)), ("rollup_1d", TimeSpan.FromDays(1825))], plan.RetentionPolicies);
    }

    [Fact]
    public void A_backfill_runs_the_same_select_over_a_time_range()
    {
        var query = Plan().Queries[0];
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));

        Assert.Equal(
            query.Continuous.Replace(" GROUP BY", " WHERE time >= '2025-12-31T17:00:00.000000000Z' AND time < '2026-01-07T17:00:00.000000000Z' GROUP BY", StringComparison.Ordinal),
            query.Over(from, from.AddDays(7)));
    }

    [Fact]
    public void Names_are_stable_and_change_when_the_definition_changes()
    {
        var names = Plan().Queries.Select(q => q.Name).ToList();

        Assert.Equal(names, Plan().Queries.Select(q => q.Name));
        Assert.All(names, n => Assert.StartsWith(RollupPlan.CqPrefix, n, StringComparison.Ordinal));
        Assert.Empty(names.Intersect(Plan(new ReportsOptions { RollupLateness = TimeSpan.FromDays(3) }).Queries.Select(q => q.Name)));
    }

    private static RollupPlan Plan(ReportsOptions? options = null)
    {
        var reports = Options.Create(options ?? new ReportsOptions());
        return new RollupPlan(new ReportStorage(Options.Create(new InfluxDbOptions()), reports), reports);
    }
}
