using Pontive.Iot.EdgeAgent.Devices.Serial;

namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>Finds one format's frames in the bytes of a serial line, however they are cut into reads.</summary>
internal interface IIndicatorFrameParser : ISerialFrameParser<IndicatorFrame>;
