namespace Pontive.Iot.EdgeAgent.Devices.Serial;

/// <summary>Finds one device's frames in the bytes of a serial line, however they are cut into reads.</summary>
/// <typeparam name="TFrame">What a valid frame becomes: a measurement, or the frame as it came.</typeparam>
internal interface ISerialFrameParser<TFrame>
    where TFrame : class
{
    /// <summary>Frames that had the shape of a frame but not its content (a bad checksum, a mangled field).</summary>
    long RejectedFrames { get; }

    /// <summary>Adds bytes as they came off the line.</summary>
    void Append(ReadOnlySpan<byte> bytes);

    /// <summary>The next complete, valid frame; false when more bytes are needed.</summary>
    bool TryTakeFrame(out TFrame frame);
}
