using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.Commands;

namespace Pontive.Iot.Ingest.Tests.Reports;

/// <summary>Settings that cannot work are refused at start, with the setting to fix named.</summary>
public sealed class ReportsOptionsTests
{
    [Theory]
    [InlineData("Reports:Rollups=Managed", "Reports:Rollups=Managed needs InfluxDB 1.x")]
    [InlineData("Reports:RawRetention=90.00:00:00", "Reports:RawRetention applies to InfluxDB 1.x")]
    public void Settings_only_influxdb_1x_has_are_refused_on_2x(string setting, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            ReportCommandHost.Build(["--InfluxDb:Api=V2", "--InfluxDb:Org=o", "--InfluxDb:Bucket=b", "--InfluxDb:Token=t", $"--{setting}"]));

        Assert.Contains(error.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Reports:RawRetention=1.00:00:00", "must be at least Reports:RollupLateness")]
    [InlineData("Reports:RawRetentionPolicy=rollup_1h", "must be three different names")]
    [InlineData("Reports:ExpectedIntervals:environment=-00:01:00", "Reports:ExpectedIntervals:environment must be a positive duration")]
    [InlineData("Reports:SetupRetryDelay=00:10:00", "must not exceed Reports:SetupRetryDelayMax")]
    public void Settings_that_contradict_each_other_are_refused(string setting, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => ReportCommandHost.Build([$"--{setting}", "--Reports:SetupRetryDelayMax=00:01:00"]));

        Assert.Contains(error.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Sampling_intervals_are_read_per_kind_and_per_sensor()
    {
        using var services = ReportCommandHost.Build(["--Reports:ExpectedIntervals:environment=00:01:00", "--Reports:ExpectedIntervals:park-a/p1/aq-1=00:00:30"]);

        var intervals = services.GetRequiredService<IOptions<ReportsOptions>>().Value.ExpectedIntervals;

        Assert.Equal(TimeSpan.FromMinutes(1), intervals["environment"]);
        Assert.Equal(TimeSpan.FromSeconds(30), intervals["park-a/p1/aq-1"]);
    }
}
