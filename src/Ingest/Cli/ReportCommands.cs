using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Commands;
using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Reports.Output;
using Pontive.Iot.Ingest.Reports.Requests;
using Pontive.Iot.Ingest.Reports.Rollups;

namespace Pontive.Iot.Ingest.Cli;

/// <summary>
/// <c>pontive-ingest report waste --month 2026-11 --format csv</c> and the other reports, read straight from InfluxDB
/// with Ingest's settings (the service need not run); <c>pontive-ingest rollups setup|backfill</c> for the roll-ups.
/// Parameters are the HTTP API's, so both refuse the same things with the same words. Exit codes: 0 done,
/// 1 InfluxDB failed, 2 a bad parameter or setting.
/// </summary>
internal static class ReportCommands
{
    public static Command BuildReport()
    {
        var report = new Command("report", "Reports for analysts from InfluxDB, as CSV (default) or JSON");
        report.Add(ReportCommand("waste", "Waste per bank and category per day, week or month, net of voided deposits", ReportName.Waste,
            Text("--by", "day, week or month (default day)"), Text("--site", "Only this bank"), Text("--category", "Only this category"),
            Text("--level", "CSV rows per category (default), site or period")));
        report.Add(ReportCommand("sensors", "One sensor's value over time: mean, min, max per window (and ISPU for PM)", ReportName.SensorHistory,
            Text("--site", "The site, e.g. park-alun-kapuas"), Text("--sensor", "The sensor, e.g. aq-1"), Text("--field", "The value, e.g. pm25_ugm3"),
            Text("--kind", "The kind, when the value belongs to two (temperature_c)"), Text("--device", "Only this device"),
            Text("--window", "Window per point: 15m, 1h (default), 1d, 1w…"), Text("--source", "auto (default), raw, rollup_1h, rollup_1d")));
        report.Add(ReportCommand("air-quality", "Daily PM2.5 and PM10 as ISPU with categories", ReportName.AirQuality,
            Text("--site", "Only this site"), Text("--device", "Only this device"), Text("--source", "auto (default), raw, rollup_1h")));
        report.Add(ReportCommand("completeness", "Samples expected and received, missing messages, last seen, silent devices", ReportName.Completeness,
            Text("--site", "Only this site"), Text("--silent-after", "Silent after this long without news, e.g. 2h"), Text("--source", "auto (default), raw, rollup_1h, rollup_1d")));
        return report;
    }

    public static Command BuildRollups()
    {
        var setup = new Command("setup", "Create the retention policies and continuous queries now (Ingest also does it at start)");
        setup.TreatUnmatchedTokensAsErrors = false;
        setup.SetAction((parse, ct) => WithServicesAsync(parse, async services =>
        {
            RequireInfluxDb1(services);
            var result = await services.GetRequiredService<RollupSetup>().EnsureAsync(ct).ConfigureAwait(false);
            Console.WriteLine(result.ChangedNothing ? "Roll-ups already in place; nothing changed." : string.Join(Environment.NewLine, result.Changes));
            return 0;
        }));

        var from = new Option<string>("--from") { Description = "First day to roll up (WIB date, e.g. 2026-01-01)", Required = true };
        var to = new Option<string?>("--to") { Description = "Day after the last (default: tomorrow)" };
        var slice = new Option<int>("--slice-days") { Description = "Days per statement", DefaultValueFactory = _ => 7 };
        var backfill = new Command("backfill", "Compute the roll-ups of past data (continuous queries only cover new data)") { from, to, slice };
        backfill.TreatUnmatchedTokensAsErrors = false;
        backfill.SetAction((parse, ct) => WithServicesAsync(parse, async services =>
        {
            RequireInfluxDb1(services);
            var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["from"] = parse.GetValue(from)! };
            var toText = parse.GetValue(to) ?? Wib.StartOfDay(services.GetRequiredService<TimeProvider>().GetUtcNow()).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            values["to"] = toText;
            var parameters = new ReportParameters(values);
            var range = parameters.Range(TimeSpan.FromDays(36500));
            parameters.ThrowIfInvalid();
            var progress = new ConsoleProgress();
            var written = await services.GetRequiredService<RollupBackfill>().RunAsync(range!, TimeSpan.FromDays(Math.Max(1, parse.GetValue(slice))), progress, ct).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Backfilled {range}: {written} roll-up points written."));
            return 0;
        }));

        return new Command("rollups", "Hourly and daily roll-ups of telemetry (InfluxDB 1.x)") { setup, backfill };
    }

    private static Command ReportCommand(string name, string description, ReportName report, params Option<string?>[] own)
    {
        var month = Text("--month", "A WIB calendar month, e.g. 2026-11");
        var from = Text("--from", "Start (a date is 00:00 WIB), e.g. 2026-11-01");
        var to = Text("--to", "End, excluded, e.g. 2026-12-01");
        var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" };
        var output = new Option<FileInfo?>("--output") { Description = "Write to this file instead of the console" };
        var command = new Command(name, description) { month, from, to, format, output };
        foreach (var option in own)
        {
            command.Add(option);
        }

        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => WithServicesAsync(parse, async services =>
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = parse.GetValue(format)! };
            foreach (var option in own.Append(month).Append(from).Append(to))
            {
                if (parse.GetValue(option) is { } value)
                {
                    values[option.Name.TrimStart('-').Replace('-', '_')] = value;
                }
            }

            var result = await services.GetRequiredService<ReportRunner>().RunAsync(report, values, ct).ConfigureAwait(false);
            var text = result.Format == ReportFormat.Json ? JsonSerializer.Serialize(result.Report, result.Report.GetType(), ReportJson.Indented) + Environment.NewLine : result.Csv();
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, ct).ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"Wrote {file.FullName}").ConfigureAwait(false);
            }
            else
            {
                await Console.Out.WriteAsync(text).ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }

    private static async Task<int> WithServicesAsync(ParseResult parse, Func<IServiceProvider, Task<int>> action)
    {
        try
        {
            var services = ReportCommandHost.Build(parse.UnmatchedTokens);
            await using (services.ConfigureAwait(false))
            {
                return await action(services).ConfigureAwait(false);
            }
        }
        catch (OptionsValidationException ex)
        {
            return ConfigurationError.Report(ex);
        }
        catch (ReportRequestException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }
        catch (InfluxQueryException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 1;
        }
    }

    private static Option<string?> Text(string name, string description) => new(name) { Description = description };

    /// <exception cref="ReportRequestException">InfluxDB is 2.x/3.x, where roll-ups are tasks (docs/reports.md).</exception>
    private static void RequireInfluxDb1(IServiceProvider services)
    {
        if (!services.GetRequiredService<ReportStorage>().IsV1)
        {
            throw new ReportRequestException("roll-ups are set up by Ingest on InfluxDB 1.x only (InfluxDb:Api=V1); on 2.x they are tasks, see docs/reports.md");
        }
    }

    /// <summary>Each backfill step on its own line as it finishes (Progress&lt;T&gt; would print them late, out of order).</summary>
    private sealed class ConsoleProgress : IProgress<BackfillStep>
    {
        public void Report(BackfillStep value) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{value.Query}: {Wib.ToWib(value.From):yyyy-MM-dd} to {Wib.ToWib(value.To):yyyy-MM-dd}, {value.Written} points"));
    }
}
