using Pontive.Iot.EdgeAgent.Devices.Serial;

namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>
/// A platform scale's weight indicator streaming frames on a serial stream, in the style of the Iot.Device.Bindings
/// drivers: the device class owns the stream it is given and reads frames of the configured
/// <see cref="ScaleIndicatorFormat"/>. It converts nothing: <see cref="IndicatorFrame"/> is what the indicator said.
/// </summary>
internal sealed class WeightIndicator : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _shouldDispose;
    private readonly SerialFrameReader<IndicatorFrame> _frames;

    public WeightIndicator(Stream stream, ScaleIndicatorFormat format, bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(format);
        _stream = stream;
        Format = format;
        _shouldDispose = shouldDispose;
        _frames = new SerialFrameReader<IndicatorFrame>(
            stream, format.CreateParser(), readBufferLength: 64, maxBytesPerSynchronousRead: 512, deviceName: "indicator");
    }

    public ScaleIndicatorFormat Format { get; }

    /// <summary>Frames rejected since the device was opened (bad checksum, mangled or cut).</summary>
    public long RejectedFrames => _frames.RejectedFrames;

    /// <summary>
    /// The next frame off the line. It waits as long as <paramref name="cancellationToken"/> allows: Linux's
    /// SerialStream ignores ReadTimeout for asynchronous reads, so the caller gives the deadline.
    /// </summary>
    public ValueTask<IndicatorFrame> ReadFrameAsync(CancellationToken cancellationToken) => _frames.ReadAsync(cancellationToken);

    /// <summary>The next valid frame within the stream's read timeout, as the bindings' TryRead methods do: false when none came.</summary>
    public bool TryReadFrame(out IndicatorFrame frame) => _frames.TryRead(out frame);

    /// <summary>Sends the format's tare command; the indicator answers by sending net weights.</summary>
    public void SendTare()
    {
        var command = Format.TareCommand ?? throw new NotSupportedException($"Indicators in format {Format.Name} take no tare command.");
        _stream.Write(command);
        _stream.Flush();
    }

    public void Dispose()
    {
        if (_shouldDispose)
        {
            _stream.Dispose();
        }
    }
}
