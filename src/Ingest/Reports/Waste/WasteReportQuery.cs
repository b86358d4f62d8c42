using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Reports.Waste;

/// <summary>
/// Reads the range's deposits and voids from the ledger and hands them to <see cref="WasteCalculator"/>. Deposits are
/// never rolled up: a bank's year is some thousands of points, and members can only be counted from the deposits.
/// </summary>
public sealed class WasteReportQuery
{
    private readonly InfluxQueryClient _influx;
    private readonly ReportStorage _storage;

    public WasteReportQuery(InfluxQueryClient influx, ReportStorage storage)
    {
        _influx = influx;
        _storage = storage;
    }

    /// <exception cref="InfluxQueryException">InfluxDB refused the query or could not be reached.</exception>
    public async Task<WasteReport> RunAsync(WasteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var answer = await _influx.QueryAsync(Statements(request), cancellationToken).ConfigureAwait(false);
        return WasteCalculator.Calculate(request, ReadDeposits(answer[0]), ReadVoids(answer[1]));
    }

    /// <summary>Two statements: the deposits, and the voids (of every category: a void is matched by deposit id).</summary>
    public string Statements(WasteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var time = InfluxQl.TimeBetween(request.Range.From, request.Range.To);
        var site = InfluxQl.TagFilters((Schema.SiteTag, request.Site));
        var category = InfluxQl.TagFilters((Schema.CategoryTag, request.Category));
        var groupBy = $"GROUP BY {InfluxQl.Identifier(Schema.SiteTag)}, {InfluxQl.Identifier(Schema.CategoryTag)}";
        return $"SELECT \"mass_kg\", \"value_idr\", \"member\", \"deposit_id\" FROM {_storage.Ledger(Schema.DepositMeasurement)} WHERE {time}{site}{category} {groupBy}; "
            + $"SELECT \"deposit_id\", \"void_id\", \"mass_kg\", \"value_idr\" FROM {_storage.Ledger(Schema.DepositVoidMeasurement)} WHERE {time}{site} {groupBy}";
    }

    private static IEnumerable<DepositRecord> ReadDeposits(IReadOnlyList<InfluxSeries> series)
    {
        foreach (var one in series)
        {
            int mass = one.ColumnIndex("mass_kg"), value = one.ColumnIndex("value_idr"), member = one.ColumnIndex("member"), id = one.ColumnIndex("deposit_id");
            foreach (var row in one.Rows)
            {
                if (InfluxSeries.NumberAt(row, mass) is not { } kg)
                {
                    continue;
                }

                yield return new DepositRecord(
                    InfluxSeries.Time(row),
                    one.Tag(Schema.SiteTag),
                    one.Tag(Schema.CategoryTag),
                    InfluxSeries.TextAt(row, id),
                    InfluxSeries.TextAt(row, member),
                    (decimal)kg,
                    InfluxSeries.WholeAt(row, value) ?? 0);
            }
        }
    }

    private static IEnumerable<VoidRecord> ReadVoids(IReadOnlyList<InfluxSeries> series)
    {
        foreach (var one in series)
        {
            int id = one.ColumnIndex("deposit_id"), voidId = one.ColumnIndex("void_id"), mass = one.ColumnIndex("mass_kg"), value = one.ColumnIndex("value_idr");
            foreach (var row in one.Rows)
            {
                if (InfluxSeries.TextAt(row, id) is not { } depositId)
                {
                    continue;
                }

                yield return new VoidRecord(
                    InfluxSeries.Time(row),
                    one.Tag(Schema.SiteTag),
                    one.Tag(Schema.CategoryTag),
                    depositId,
                    InfluxSeries.TextAt(row, voidId),
                    (decimal)(InfluxSeries.NumberAt(row, mass) ?? 0),
                    InfluxSeries.WholeAt(row, value) ?? 0);
            }
        }
    }
}
