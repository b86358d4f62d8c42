using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Reports.Output;
using Pontive.Iot.Ingest.Reports.Requests;
using Pontive.Iot.Ingest.Reports.Rollups;

namespace Pontive.Iot.Ingest.Http;

/// <summary>
/// The analysts' reports, JSON by default and CSV with <c>?format=csv</c> or <c>Accept: text/csv</c>:
/// <c>GET /reports/waste</c>, <c>/reports/sensors/history</c>, <c>/reports/air-quality</c>, <c>/reports/completeness</c>,
/// and <c>/reports/status</c> (where the data is read from). All in one route group, so access control can be added
/// to the group in one place. Bad parameters get 400 with every problem named; InfluxDB down 503; InfluxDB refusing 502.
/// </summary>
public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReports(this IEndpointRouteBuilder endpoints)
    {
        var reports = endpoints.MapGroup("/reports");
        reports.MapGet("/waste", (HttpContext context, ReportRunner runner) => RunAsync(ReportName.Waste, context, runner));
        reports.MapGet("/sensors/history", (HttpContext context, ReportRunner runner) => RunAsync(ReportName.SensorHistory, context, runner));
        reports.MapGet("/air-quality", (HttpContext context, ReportRunner runner) => RunAsync(ReportName.AirQuality, context, runner));
        reports.MapGet("/completeness", (HttpContext context, ReportRunner runner) => RunAsync(ReportName.Completeness, context, runner));
        reports.MapGet("/status", (ReportStorage storage, RollupStatus status, IOptions<ReportsOptions> options) => Results.Json(new ReportsStatus(
            storage.IsV1 ? "V1" : "V2",
            storage.Database,
            storage.LedgerRetentionPolicy,
            storage.RawRetentionPolicy,
            storage.RawRetention?.TotalDays,
            storage.Rollups.ToString().ToLowerInvariant(),
            status.State,
            status.LastError,
            status.ReadyAt,
            storage.HourlyRetentionPolicy,
            storage.DailyRetentionPolicy,
            options.Value.RawReadLimit.TotalDays,
            ["/reports/waste", "/reports/sensors/history", "/reports/air-quality", "/reports/completeness"]), ReportJson.Options));
        return reports;
    }

    private static async Task<IResult> RunAsync(ReportName name, HttpContext context, ReportRunner runner)
    {
        var values = context.Request.Query.ToDictionary(q => q.Key, q => string.Join(',', q.Value.ToArray()), StringComparer.Ordinal);
        try
        {
            var output = await runner.RunAsync(name, values, context.RequestAborted).ConfigureAwait(false);
            var csv = output.Format == ReportFormat.Csv
                || (output.Format is null && context.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase)));
            if (!csv)
            {
                return Results.Json(output.Report, ReportJson.Options);
            }

            context.Response.Headers.ContentDisposition = $"inline; filename=\"{output.FileName}\"";
            return Results.Text(output.Csv(), "text/csv; charset=utf-8");
        }
        catch (ReportRequestException ex)
        {
            return Results.Json(new ReportError(ex.Message), ReportJson.Options, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (InfluxQueryException ex)
        {
            return Results.Json(new ReportError(ex.Message), ReportJson.Options, statusCode: ex.IsUnreachable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway);
        }
    }

    internal sealed record ReportError(string Error);

    internal sealed record ReportsStatus(
        string InfluxdbApi,
        string Database,
        string? LedgerRetentionPolicy,
        string? RawRetentionPolicy,
        double? RawRetentionDays,
        string Rollups,
        string RollupSetup,
        string? RollupSetupError,
        DateTimeOffset? RollupSetupAt,
        string HourlyRetentionPolicy,
        string DailyRetentionPolicy,
        double RawReadLimitDays,
        IReadOnlyList<string> Reports);
}
