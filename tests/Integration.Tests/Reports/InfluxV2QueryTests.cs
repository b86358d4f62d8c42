using Microsoft.Extensions.DependencyInjection;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.Waste;
using Pontive.Iot.Integration.Tests.Servers;

namespace Pontive.Iot.Integration.Tests.Reports;

/// <summary>
/// With <c>InfluxDb:Api=V2</c> the reports read through the 1.x compatibility /query (database = bucket, token header),
/// here through the nginx that stands in for InfluxDB 2.x: the same figures as over 1.x.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class InfluxV2QueryTests(RealServers servers) : IAsyncLifetime
{
    private ReportsDatabase _database = null!;

    public async Task InitializeAsync() => _database = await ReportsDatabase.SeedAsync(servers, new ReportSeed());

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_waste_report_over_the_compatibility_api_equals_the_one_over_1x()
    {
        var v1 = _database.Services();
        var v2 = _database.Services("--InfluxDb:Api=V2", $"--InfluxDb:Url={servers.InfluxDbV2Url}", $"--InfluxDb:Bucket={_database.Name}", "--InfluxDb:Org=pontianak", "--InfluxDb:Token=report-reader");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["month"] = "2026-11", ["by"] = "week" };

        var overV1 = Assert.IsType<WasteReport>((await v1.GetRequiredService<ReportRunner>().RunAsync(ReportName.Waste, parameters, CancellationToken.None)).Report);
        var overV2 = Assert.IsType<WasteReport>((await v2.GetRequiredService<ReportRunner>().RunAsync(ReportName.Waste, parameters, CancellationToken.None)).Report);

        Assert.NotEmpty(overV2.Rows);
        Assert.Equal(overV1.Rows, overV2.Rows);
        Assert.Equal(overV1.Total, overV2.Total);
        Assert.Equal(ReportExpectations.Waste(_database.Seed, _database.Seed.Deposits.Where(d => ReportExpectations.MonthOf(d.Time) == "2026-11")).MassKg, overV2.Total.MassKg);
    }
}
