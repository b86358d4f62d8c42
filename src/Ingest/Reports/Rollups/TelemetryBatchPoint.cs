using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Reports.Rollups;

/// <summary>
/// The <c>seq</c> of a telemetry message, kept so the completeness report can count messages that never arrived:
/// one <c>telemetry_batch</c> point per message, with fields <c>seq</c> and <c>samples</c>, tags site, device and the
/// sensor of the message's first sample, at that sample's time. A message sent again is the same point; two messages
/// cannot share one, because the contract forbids a device two samples of one sensor at the same millisecond.
/// </summary>
public static class TelemetryBatchPoint
{
    public static PointData From(DeviceTopic topic, TelemetryMessage message)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(message);
        var first = message.Samples[0];
        return PointData.Measurement(ReportSchema.TelemetryBatchMeasurement)
            .Tag(Schema.SiteTag, topic.Site)
            .Tag(Schema.DeviceTag, topic.Device)
            .Tag(Schema.SensorTag, first.Sensor)
            .Field(ReportSchema.SeqField, message.Seq)
            .Field(ReportSchema.SamplesField, (long)message.Samples.Count)
            .Timestamp(first.T, WritePrecision.Ms);
    }
}
