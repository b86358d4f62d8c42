using Pontive.Iot.Ingest.Cli;
using Pontive.Iot.Integration.Tests.Servers;

namespace Pontive.Iot.Integration.Tests.Reports;

/// <summary><c>pontive-ingest report waste --month 2026-11 --format csv</c> against a real InfluxDB: the monthly report.</summary>
[Collection(RealServers.Collection)]
public sealed class ReportCommandTests(RealServers servers) : IAsyncLifetime
{
    private ReportsDatabase _database = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _database = await ReportsDatabase.SeedAsync(servers, new ReportSeed());
        _folder = Directory.CreateTempSubdirectory("pontive-report-").FullName;
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_monthly_waste_report_as_csv_holds_each_bank_and_category_of_the_month()
    {
        var file = Path.Combine(_folder, "waste-2026-11.csv");

        var exitCode = await IngestCommandLine.Build().Parse([
            "report", "waste", "--month", "2026-11", "--by", "month", "--format", "csv", "--output", file, .. _database.Arguments()]).InvokeAsync();

        Assert.Equal(0, exitCode);
        CsvAssert.WasteMatchesSeed(_database.Seed, "2026-11", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task A_bad_parameter_ends_the_command_with_exit_code_2_and_writes_nothing()
    {
        var file = Path.Combine(_folder, "never.csv");

        var exitCode = await IngestCommandLine.Build().Parse([
            "report", "waste", "--month", "November", "--output", file, .. _database.Arguments()]).InvokeAsync();

        Assert.Equal(2, exitCode);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Rollups_setup_and_backfill_run_from_the_command_line()
    {
        Assert.Equal(0, await IngestCommandLine.Build().Parse(["rollups", "setup", .. _database.Arguments()]).InvokeAsync());
        Assert.Equal(0, await IngestCommandLine.Build().Parse(["rollups", "backfill", "--from", "2026-11-01", "--to", "2026-11-04", .. _database.Arguments()]).InvokeAsync());

        var rows = await _database.Influx.QueryAsync(_database.Name, "SELECT count(\"count_pm25_ugm3\") FROM \"rollup_1d\".\"air_quality\"");
        Assert.Equal(3, Assert.Single(Assert.Single(rows).Rows)["count"].GetInt64());
    }
}
