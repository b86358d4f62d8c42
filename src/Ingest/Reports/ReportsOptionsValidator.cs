using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;

namespace Pontive.Iot.Ingest.Reports;

[OptionsValidator]
internal sealed partial class ReportsOptionsAnnotationsValidator : IValidateOptions<ReportsOptions>;

/// <summary>The rules between settings, with messages that name the setting to fix.</summary>
internal sealed class ReportsOptionsValidator : IValidateOptions<ReportsOptions>
{
    private readonly IOptionsMonitor<InfluxDbOptions> _influx;

    public ReportsOptionsValidator(IOptionsMonitor<InfluxDbOptions> influx) => _influx = influx;

    public ValidateOptionsResult Validate(string? name, ReportsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var v2 = _influx.CurrentValue.Api == InfluxApi.V2;
        if (v2 && options.Rollups == RollupMode.Managed)
        {
            failures.Add("Reports:Rollups=Managed needs InfluxDB 1.x (continuous queries); on 2.x/3.x use External (tasks, see docs/reports.md) or Off.");
        }

        if (options.RawRetention is { } raw)
        {
            if (v2)
            {
                failures.Add("Reports:RawRetention applies to InfluxDB 1.x; on 2.x/3.x set the bucket's retention (see docs/reports.md).");
            }

            if (raw < TimeSpan.FromHours(1))
            {
                failures.Add($"Reports:RawRetention is {raw}; InfluxDB keeps data at least 1 hour (00:01:00:00 and up).");
            }
            else if (raw < options.RollupLateness + TimeSpan.FromDays(2))
            {
                failures.Add($"Reports:RawRetention ({raw}) must be at least Reports:RollupLateness ({options.RollupLateness}) plus 2 days, or late data would expire before it is rolled up.");
            }

            if (options.RawRetentionPolicy is "autogen")
            {
                failures.Add("Reports:RawRetentionPolicy must not be 'autogen', the database's default, where deposits are kept.");
            }
        }

        if (options.HourlyRetentionPolicy == options.DailyRetentionPolicy || options.HourlyRetentionPolicy == options.RawRetentionPolicy || options.DailyRetentionPolicy == options.RawRetentionPolicy)
        {
            failures.Add("Reports:RawRetentionPolicy, Reports:HourlyRetentionPolicy and Reports:DailyRetentionPolicy must be three different names.");
        }

        if (options.SetupRetryDelay > options.SetupRetryDelayMax)
        {
            failures.Add($"Reports:SetupRetryDelay ({options.SetupRetryDelay}) must not exceed Reports:SetupRetryDelayMax ({options.SetupRetryDelayMax}).");
        }

        foreach (var (key, interval) in options.ExpectedIntervals)
        {
            if (interval <= TimeSpan.Zero)
            {
                failures.Add($"Reports:ExpectedIntervals:{key} must be a positive duration such as 00:01:00.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
