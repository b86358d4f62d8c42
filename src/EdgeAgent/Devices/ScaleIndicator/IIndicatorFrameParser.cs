namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>Finds one format's frames in the bytes of a serial line, however they are cut into reads.</summary>
internal interface IIndicatorFrameParser
{
    /// <summary>Frames that had the shape of a frame but not its content (a bad checksum, a mangled field).</summary>
    long RejectedFrames { get; }

    /// <summary>Adds bytes as they came off the line.</summary>
    void Append(ReadOnlySpan<byte> bytes);

    /// <summary>The next complete, valid frame; false when more bytes are needed.</summary>
    bool TryTakeFrame(out IndicatorFrame frame);
}
