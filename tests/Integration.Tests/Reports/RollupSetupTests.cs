using Microsoft.Extensions.DependencyInjection;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Rollups;
using Pontive.Iot.Integration.Tests.Servers;

namespace Pontive.Iot.Integration.Tests.Reports;

/// <summary>
/// The roll-up set-up on a real InfluxDB 1.x: what it creates, that a second run changes nothing, that a changed
/// setting replaces exactly what it changes, and that a backfill run twice leaves the same roll-ups.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class RollupSetupTests(RealServers servers) : IAsyncLifetime
{
    private static readonly string[] Columns = ["a", "b", "c"];
    private ReportsDatabase _database = null!;

    public async Task InitializeAsync() => _database = await ReportsDatabase.SeedAsync(servers, new ReportSeed());

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_first_run_creates_the_policies_and_queries_and_a_second_run_changes_nothing()
    {
        var setup = _database.Services("--Reports:RawRetention=90.00:00:00").GetRequiredService<RollupSetup>();

        var first = await setup.EnsureAsync(CancellationToken.None);
        var policies = await PoliciesAsync();
        var queries = await QueriesAsync();
        var second = await setup.EnsureAsync(CancellationToken.None);

        Assert.Equal(3 + 14, first.Changes.Count);
        Assert.True(second.ChangedNothing);
        Assert.Equal(policies, await PoliciesAsync());
        Assert.Equal(queries, await QueriesAsync());
        Assert.Equal([("autogen", "0s", true), ("raw", "2160h0m0s", false), ("rollup_1d", "43800h0m0s", false), ("rollup_1h", "43800h0m0s", false)], policies);
        Assert.Equal(14, queries.Count);
        Assert.All(queries, q => Assert.Contains("RESAMPLE EVERY 1h", q.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_setting_alters_the_policy_and_replaces_only_the_queries_it_changes()
    {
        await _database.Services().GetRequiredService<RollupSetup>().EnsureAsync(CancellationToken.None);
        var before = await QueriesAsync();

        var changed = await _database.Services("--Reports:RollupLateness=3.00:00:00", "--Reports:HourlyRetention=730.00:00:00")
            .GetRequiredService<RollupSetup>().EnsureAsync(CancellationToken.None);

        var after = await QueriesAsync();
        Assert.Contains("changed retention policy rollup_1h from 43800h to 17520h", changed.Changes);
        Assert.Equal(14, changed.Changes.Count(c => c.StartsWith("dropped continuous query", StringComparison.Ordinal)));
        Assert.Equal(14, after.Count);
        Assert.Empty(before.Select(q => q.Name).Intersect(after.Select(q => q.Name)));
        Assert.All(after.Where(q => q.Name.Contains("hourly", StringComparison.Ordinal)), q => Assert.Contains("FOR 73h", q.Query, StringComparison.Ordinal));
        Assert.Contains(("rollup_1h", "17520h0m0s", false), await PoliciesAsync());
    }

    [Fact]
    public async Task Queries_that_are_not_the_roll_ups_are_left_alone()
    {
        await _database.Influx.ExecuteAsync(
            $"CREATE CONTINUOUS QUERY \"analyst_own\" ON {InfluxQl.QuoteIdentifier(_database.Name)} BEGIN SELECT mean(\"pm25_ugm3\") INTO \"pm25_hourly\" FROM \"air_quality\" GROUP BY time(1h) END");

        await _database.Services().GetRequiredService<RollupSetup>().EnsureAsync(CancellationToken.None);

        Assert.Contains(await QueriesAsync(), q => q.Name == "analyst_own");
    }

    [Fact]
    public async Task A_backfill_run_twice_leaves_the_same_roll_ups()
    {
        var services = _database.Services();
        var range = new TimeRange(ReportSeed.ParkStart, ReportSeed.ParkEnd);
        await services.GetRequiredService<RollupSetup>().EnsureAsync(CancellationToken.None);

        var written = await services.GetRequiredService<RollupBackfill>().RunAsync(range, TimeSpan.FromDays(1), null, CancellationToken.None);
        var first = await CountsAsync();
        var again = await services.GetRequiredService<RollupBackfill>().RunAsync(range, TimeSpan.FromDays(2), null, CancellationToken.None);

        Assert.Equal(written, again);
        Assert.Equal(first, await CountsAsync());
        // One hourly point per sensor and hour with samples: park-01's two sensors lost 2 of 72 hours; park-02 had 36.
        Assert.Equal(((72 - 2) * 2) + 36, first.Hourly);
        Assert.Equal((3 * 2) + 2, first.Daily);
    }

    private async Task<List<(string Name, string Duration, bool Default)>> PoliciesAsync()
    {
        var series = await _database.Influx.QueryAsync(_database.Name, $"SHOW RETENTION POLICIES ON {InfluxQl.QuoteIdentifier(_database.Name)}");
        return [.. series.SelectMany(s => s.Rows).Select(r => (r["name"].GetString()!, r["duration"].GetString()!, r["default"].GetBoolean())).OrderBy(p => p.Item1, StringComparer.Ordinal)];
    }

    private async Task<List<(string Name, string Query)>> QueriesAsync()
    {
        var series = await _database.Influx.QueryAsync(_database.Name, "SHOW CONTINUOUS QUERIES");
        return [.. series.Where(s => s.Name == _database.Name).SelectMany(s => s.Rows).Select(r => (r["name"].GetString()!, r["query"].GetString()!)).OrderBy(q => q.Item1, StringComparer.Ordinal)];
    }

    private async Task<(long Hourly, long Daily)> CountsAsync()
    {
        async Task<long> Count(string policy)
        {
            var rows = (await _database.Influx.QueryAsync(_database.Name, $"SELECT count(\"count_pm25_ugm3\") AS a, count(\"count_humidity_pct\") AS b, count(\"count_moisture_pct\") AS c FROM \"{policy}\"./^(air_quality|environment|soil)$/")).SelectMany(s => s.Rows);
            return rows.Sum(r => Columns.Sum(c => r.TryGetValue(c, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number ? v.GetInt64() : 0));
        }

        return (await Count("rollup_1h"), await Count("rollup_1d"));
    }
}
