using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Completeness;
using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Dashboard.Devices;

/// <summary>A device's outbox as its newest status that had one said: messages waiting, the oldest's age, messages thrown away.</summary>
public sealed record DeviceOutbox(string Site, string Device, long? Depth, long? OldestS, long? Dropped);

/// <summary>
/// The newest outbox figures of each device (<c>device_status</c>), which the completeness report does not carry. A
/// status sent as the MQTT last will has no outbox, so each figure is the newest one stored, over the range and the
/// completeness report's look-back before it (devices are listed on the same terms).
/// </summary>
public sealed class DeviceOutboxQuery
{
    private readonly InfluxQueryClient _influx;
    private readonly ReportStorage _storage;

    public DeviceOutboxQuery(InfluxQueryClient influx, ReportStorage storage)
    {
        _influx = influx;
        _storage = storage;
    }

    /// <exception cref="InfluxQueryException">InfluxDB refused the query or could not be reached.</exception>
    public async Task<IReadOnlyList<DeviceOutbox>> RunAsync(TimeRange range, string? site, CancellationToken cancellationToken)
    {
        var answer = await _influx.QueryAsync(Statement(range, site), cancellationToken).ConfigureAwait(false);
        return [.. answer[0].Select(series =>
        {
            var row = series.Rows.FirstOrDefault() ?? [];
            return new DeviceOutbox(
                series.Tag(Schema.SiteTag),
                series.Tag(Schema.DeviceTag),
                InfluxSeries.WholeAt(row, series.ColumnIndex("outbox_depth")),
                InfluxSeries.WholeAt(row, series.ColumnIndex("outbox_oldest_s")),
                InfluxSeries.WholeAt(row, series.ColumnIndex("outbox_dropped")));
        })];
    }

    public string Statement(TimeRange range, string? site)
    {
        ArgumentNullException.ThrowIfNull(range);
        var where = InfluxQl.TimeBetween(range.From - CompletenessCalculator.Lookback, range.To) + InfluxQl.TagFilters((Schema.SiteTag, site));
        return "SELECT last(\"outbox_depth\") AS \"outbox_depth\", last(\"outbox_oldest_s\") AS \"outbox_oldest_s\", last(\"outbox_dropped\") AS \"outbox_dropped\" "
            + $"FROM {_storage.Ledger(Schema.StatusMeasurement)} WHERE {where} GROUP BY {InfluxQl.Identifier(Schema.SiteTag)}, {InfluxQl.Identifier(Schema.DeviceTag)}";
    }
}
