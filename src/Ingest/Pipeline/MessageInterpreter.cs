using InfluxDB.Client.Writes;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Reports.Rollups;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Pipeline;

/// <summary>Topic and payload to InfluxDB points, by the wire contract; anything else to a rejection with its reason.</summary>
public static class MessageInterpreter
{
    public static InterpretedMessage Interpret(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!DeviceTopic.TryParse(message.Topic, out var topic, out var topicRejection))
        {
            return Refuse(message, null, topicRejection!);
        }

        var payload = message.Payload.Span;
        switch (topic.Channel)
        {
            case DeviceChannel.Telemetry:
                var telemetry = PayloadDecoder.DecodeTelemetry(payload);
                return telemetry.IsValid
                    ? Accept(message, topic, [.. PointMapper.FromTelemetry(topic, telemetry.Message), TelemetryBatchPoint.From(topic, telemetry.Message)])
                    : Refuse(message, topic, telemetry.Rejection);
            case DeviceChannel.Deposit:
                var deposit = PayloadDecoder.DecodeDeposit(payload);
                return deposit.IsValid
                    ? Accept(message, topic, [PointMapper.FromDeposit(topic, deposit.Message)]) with { AckId = deposit.Message.Id }
                    : Refuse(message, topic, deposit.Rejection);
            case DeviceChannel.Correction:
                var correction = PayloadDecoder.DecodeCorrection(payload);
                return correction.IsValid
                    ? Accept(message, topic, [PointMapper.FromCorrection(topic, correction.Message)]) with { AckId = correction.Message.Id }
                    : Refuse(message, topic, correction.Rejection);
            case DeviceChannel.Status:
                var status = PayloadDecoder.DecodeStatus(payload);
                return status.IsValid
                    ? Accept(message, topic, [PointMapper.FromStatus(topic, status.Message)])
                    : Refuse(message, topic, status.Rejection);
            default:
                return Refuse(message, topic, Rejection.Of(RejectionCode.InvalidTopic,
                    $"'{topic.Channel.WireName()}' is a cloud-to-device channel; devices publish on telemetry, deposit, status and correction"));
        }
    }

    private static InterpretedMessage Accept(InboundMessage message, DeviceTopic topic, IReadOnlyList<PointData> points) =>
        new(message, topic, points, null);

    private static InterpretedMessage Refuse(InboundMessage message, DeviceTopic? topic, Rejection rejection) =>
        new(message, topic, [], rejection);
}
