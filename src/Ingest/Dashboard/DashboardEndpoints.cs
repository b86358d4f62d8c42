using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pontive.Iot.Ingest.Dashboard.Charts;
using Pontive.Iot.Ingest.Dashboard.Page;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Reports.Requests;
using Pontive.Iot.Ingest.Reports.Sensors;
using Pontive.Iot.Ingest.Reports.Waste;

namespace Pontive.Iot.Ingest.Dashboard;

/// <summary>
/// The analysts' dashboard: <c>GET /dashboard</c> (the HTML page; <c>month</c>, <c>sensor</c>, <c>field</c>,
/// <c>window</c>), and its charts on their own as SVG for pasting into documents: <c>GET /dashboard/charts/waste.svg</c>
/// (the waste report's parameters, <c>by</c> defaulting to month and the range to the last 12 months, plus
/// <c>measure=kg|idr</c>) and <c>GET /dashboard/charts/sensor.svg</c> (the sensor history's parameters). All in one
/// route group, so access control can be added in one place.
/// </summary>
public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        var dashboard = endpoints.MapGroup("/dashboard");
        dashboard.MapGet("/", PageAsync);
        dashboard.MapGet("/charts/waste.svg", WasteChartAsync);
        dashboard.MapGet("/charts/sensor.svg", SensorChartAsync);
        return dashboard;
    }

    private static async Task<IResult> PageAsync(HttpContext context, DashboardLoader loader, TimeProvider time)
    {
        var request = DashboardRequest.From(Query(context), time.GetUtcNow());
        var model = await loader.LoadAsync(request, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(DashboardPage.Render(model, context.Request.PathBase.Value ?? string.Empty), "text/html; charset=utf-8", null,
            request.Problems.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static Task<IResult> WasteChartAsync(HttpContext context, ReportRunner runner, TimeProvider time)
    {
        var values = Query(context);
        var measure = WasteMeasure.Mass;
        if (values.Remove("measure", out var measureText) && measureText != "kg")
        {
            if (measureText != "idr")
            {
                return Task.FromResult(ErrorSvg($"measure '{measureText}' must be kg or idr", StatusCodes.Status400BadRequest));
            }

            measure = WasteMeasure.Value;
        }

        values.TryAdd("by", "month");
        if (!values.ContainsKey("from") && !values.ContainsKey("to") && !values.ContainsKey("month"))
        {
            var range = DashboardRequest.From(new Dictionary<string, string>(), time.GetUtcNow()).ChartRange.InWib();
            values["from"] = range.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            values["to"] = range.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return ChartAsync(context, runner, ReportName.Waste, values, report => WasteChart.Build((WasteReport)report, measure));
    }

    private static Task<IResult> SensorChartAsync(HttpContext context, ReportRunner runner) =>
        ChartAsync(context, runner, ReportName.SensorHistory, Query(context), report => SensorChart.Build((SensorHistoryReport)report));

    private static async Task<IResult> ChartAsync(HttpContext context, ReportRunner runner, ReportName name, Dictionary<string, string> values, Func<object, string> draw)
    {
        try
        {
            var output = await runner.RunAsync(name, values, context.RequestAborted).ConfigureAwait(false);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Text(draw(output.Report), "image/svg+xml; charset=utf-8");
        }
        catch (ReportRequestException ex)
        {
            return ErrorSvg(ex.Message, StatusCodes.Status400BadRequest);
        }
        catch (InfluxQueryException ex)
        {
            return ErrorSvg(ex.Message, ex.IsUnreachable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway);
        }
    }

    /// <summary>An SVG that says what went wrong: shown where the chart would be, with the status code for programs.</summary>
    private static IResult ErrorSvg(string message, int status)
    {
        var svg = new SvgWriter();
        svg.Start("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 760 80"), ("width", 760), ("height", 80), ("role", "img"),
            ("font-family", "system-ui, sans-serif"), ("font-size", 13));
        svg.Text("title", "Grafik tidak dapat dibuat · Chart could not be drawn");
        svg.Empty("rect", ("x", 0), ("y", 0), ("width", 760), ("height", 80), ("fill", "#fde2e0"));
        svg.Text("text", "Grafik tidak dapat dibuat · Chart could not be drawn", ("x", 12), ("y", 28), ("font-weight", "600"), ("fill", "#8a1c10"));
        svg.Text("text", message.Length > 120 ? message[..120] + "…" : message, ("x", 12), ("y", 54), ("fill", "#1a1a1a"));
        svg.End("svg");
        return Results.Text(svg.ToString(), "image/svg+xml; charset=utf-8", null, status);
    }

    private static Dictionary<string, string> Query(HttpContext context) =>
        context.Request.Query.ToDictionary(q => q.Key, q => string.Join(',', q.Value.ToArray()), StringComparer.Ordinal);
}
