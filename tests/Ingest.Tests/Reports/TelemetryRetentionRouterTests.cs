using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Reports.Rollups;
using Pontive.Iot.Ingest.Storage;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Reports;

/// <summary>Raw telemetry to its own retention policy, the ledger (deposits, voids, statuses) where it always was.</summary>
public sealed class TelemetryRetentionRouterTests
{
    private readonly ScriptedPointWriter _ledger = new();
    private readonly ScriptedPointWriter _raw = new();

    [Fact]
    public async Task Telemetry_and_message_numbers_go_to_the_raw_policy_and_the_ledger_stays_apart()
    {
        var router = Router();

        await router.WriteAsync([Point("environment"), Point("deposit"), Point(ReportSchema.TelemetryBatchMeasurement), Point("deposit_void"), Point("device_status")], CancellationToken.None);

        Assert.Equal(["environment", "telemetry_batch"], Assert.Single(_raw.Writes).Select(MeasurementOfLine));
        Assert.Equal(["deposit", "deposit_void", "device_status"], Assert.Single(_ledger.Writes).Select(MeasurementOfLine));
    }

    [Fact]
    public async Task A_batch_of_only_one_sort_is_one_write()
    {
        await Router().WriteAsync([Point("soil"), Point("light")], CancellationToken.None);

        Assert.Single(_raw.Writes);
        Assert.Empty(_ledger.Writes);
    }

    [Fact]
    public async Task Samples_older_than_the_raw_retention_are_dropped_by_influxdb_and_the_batch_counts_as_stored()
    {
        _raw.Answer = _ => throw new InfluxWriteException("InfluxDB answered 400: partial write: points beyond retention policy dropped=2", isRetryable: false, statusCode: 400);

        await Router().WriteAsync([Point("environment"), Point("deposit")], CancellationToken.None);

        Assert.Single(_ledger.Writes);
    }

    [Fact]
    public async Task Any_other_refusal_of_telemetry_reaches_the_caller_as_it_is()
    {
        _raw.Answer = _ => throw ScriptedPointWriter.Refused();

        var error = await Assert.ThrowsAsync<InfluxWriteException>(() => Router().WriteAsync([Point("environment")], CancellationToken.None));

        Assert.False(error.IsRetryable);
    }

    [Fact]
    public void The_measurement_of_a_point_is_read_without_writing_its_line()
    {
        var point = PointMapper.FromTelemetry(new DeviceTopic("park-a", "p1", DeviceChannel.Telemetry), new TelemetryMessage
        {
            Seq = 1,
            Samples = [new Sample { T = DateTimeOffset.UnixEpoch, Sensor = "aq-1", Kind = "air_quality", Values = new Dictionary<string, double> { ["pm25_ugm3"] = 1 } }],
        })[0];

        Assert.Equal("air_quality", TelemetryRetentionRouter.MeasurementOf(point));
    }

    private TelemetryRetentionRouter Router()
    {
        var reports = Options.Create(new ReportsOptions { RawRetention = TimeSpan.FromDays(90) });
        var influx = Options.Create(new InfluxDbOptions());
        var storage = new ReportStorage(influx, reports);
        var unreachable = new InfluxQueryClient(new HttpClient(), influx, reports);
        var setup = new RollupSetup(unreachable, new RollupPlan(storage, reports), influx);
        return new TelemetryRetentionRouter(_ledger, _raw, setup, TimeSpan.FromDays(90), NullLogger<TelemetryRetentionRouter>.Instance);
    }

    private static PointData Point(string measurement) =>
        PointData.Measurement(measurement).Tag("site", "s").Field("v", 1.0).Timestamp(1_700_000_000_000, WritePrecision.Ms);

    private static string MeasurementOfLine(string line) => line[..line.IndexOf(',', StringComparison.Ordinal)];
}
