using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Ingest.Dashboard.Devices;
using Pontive.Iot.Ingest.Reports.Completeness;
using Pontive.Iot.Ingest.Reports.Sensors;
using Pontive.Iot.Ingest.Reports.Waste;

namespace Pontive.Iot.Ingest.Dashboard;

/// <summary>One part of the page: what a report answered, or why it could not (the rest of the page is still shown).</summary>
public sealed record Section<T>(T? Value, string? Error)
    where T : class;

/// <summary>A sensor the chart can show: heard from at this site in the month (or the look-back before it).</summary>
public sealed record SensorChoice(string Site, string Sensor, SensorKind Kind);

/// <summary>The sensor chart's subject: the sensor, one of its kind's values, and the window of each point.</summary>
public sealed record SensorSelection(SensorChoice Choice, string Field, string Window);

/// <summary>Everything the dashboard page shows, from the same report objects <c>/reports/…</c> returns as JSON.</summary>
public sealed record DashboardModel(
    DashboardRequest Request,
    DateTimeOffset GeneratedAt,
    Section<WasteReport> Waste,
    Section<CompletenessReport> Completeness,
    Section<IReadOnlyList<DeviceOutbox>> Outboxes,
    IReadOnlyList<SensorChoice> Sensors,
    SensorSelection? Selected,
    Section<SensorHistoryReport>? History);
