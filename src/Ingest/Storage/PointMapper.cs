using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.Contracts.Topics;

namespace Pontive.Iot.Ingest.Storage;

/// <summary>
/// Valid messages to points in the contract's schema. Site and device come from the topic. Times are written at
/// millisecond precision, so the same message written twice leaves the same points.
/// </summary>
public static class PointMapper
{
    public static IReadOnlyList<PointData> FromTelemetry(DeviceTopic topic, TelemetryMessage message)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(message);
        var points = new List<PointData>(message.Samples.Count);
        foreach (var sample in message.Samples)
        {
            var point = PointData.Measurement(sample.Kind)
                .Tag(Schema.SiteTag, topic.Site)
                .Tag(Schema.DeviceTag, topic.Device)
                .Tag(Schema.SensorTag, sample.Sensor)
                .Timestamp(sample.T, WritePrecision.Ms);
            foreach (var (name, value) in sample.Values)
            {
                point = point.Field(name, value);
            }

            if (sample.IsClockUnsynced)
            {
                point = point.Field(Schema.ClockUnsyncedField, true);
            }

            points.Add(point);
        }

        return points;
    }

    public static PointData FromDeposit(DeviceTopic topic, DepositMessage deposit)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(deposit);
        return PointData.Measurement(Schema.DepositMeasurement)
            .Tag(Schema.SiteTag, topic.Site)
            .Tag(Schema.DeviceTag, topic.Device)
            .Tag(Schema.CategoryTag, deposit.Category)
            .Field("mass_kg", deposit.MassKg)
            .Field("value_idr", deposit.ValueIdr)
            .Field("unit_price_idr", deposit.UnitPriceIdr)
            .Field("member", deposit.Member)
            .Field("deposit_id", deposit.Id)
            .Field("operator", deposit.Operator)
            .Field("price_table", deposit.PriceTable)
            .Timestamp(deposit.T, WritePrecision.Ms);
    }

    /// <summary>
    /// A voided deposit, stored at the voided deposit's time beside it, so a report over any period nets it out of the
    /// period it was counted in. The correction's own time is kept as text in <c>voided_at</c>.
    /// </summary>
    public static PointData FromCorrection(DeviceTopic topic, CorrectionMessage correction)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(correction);
        return PointData.Measurement(Schema.DepositVoidMeasurement)
            .Tag(Schema.SiteTag, topic.Site)
            .Tag(Schema.DeviceTag, topic.Device)
            .Tag(Schema.CategoryTag, correction.Category)
            .Field("void_id", correction.Id)
            .Field("deposit_id", correction.DepositId)
            .Field("mass_kg", correction.MassKg)
            .Field("value_idr", correction.ValueIdr)
            .Field("member", correction.Member)
            .Field("reason", correction.Reason)
            .Field("operator", correction.Operator)
            .Field("voided_at", WireTime.Write(correction.T))
            .Timestamp(correction.DepositT, WritePrecision.Ms);
    }

    public static PointData FromStatus(DeviceTopic topic, StatusMessage status)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(status);
        var point = PointData.Measurement(Schema.StatusMeasurement)
            .Tag(Schema.SiteTag, topic.Site)
            .Tag(Schema.DeviceTag, topic.Device)
            .Field("state", status.State)
            .Timestamp(status.T, WritePrecision.Ms);
        if (status.UptimeS is { } uptime)
        {
            point = point.Field("uptime_s", uptime);
        }

        if (status.Outbox is { } outbox)
        {
            point = point
                .Field("outbox_depth", outbox.Depth)
                .Field("outbox_oldest_s", outbox.OldestS)
                .Field("outbox_dropped", outbox.Dropped);
        }

        return point;
    }
}
