namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>
/// A platform scale's weight indicator streaming frames on a serial stream, in the style of the Iot.Device.Bindings
/// drivers: the device class owns the stream it is given and reads frames of the configured
/// <see cref="ScaleIndicatorFormat"/>. It converts nothing: <see cref="IndicatorFrame"/> is what the indicator said.
/// </summary>
internal sealed class WeightIndicator : IDisposable
{
    /// <summary>Bytes a synchronous read looks through for a frame before giving up.</summary>
    private const int MaxBytesPerSynchronousRead = 512;

    private readonly Stream _stream;
    private readonly bool _shouldDispose;
    private readonly IIndicatorFrameParser _parser;
    private readonly byte[] _readBuffer = new byte[64];

    public WeightIndicator(Stream stream, ScaleIndicatorFormat format, bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(format);
        _stream = stream;
        Format = format;
        _shouldDispose = shouldDispose;
        _parser = format.CreateParser();
    }

    public ScaleIndicatorFormat Format { get; }

    /// <summary>Frames rejected since the device was opened (bad checksum, mangled or cut).</summary>
    public long RejectedFrames => _parser.RejectedFrames;

    /// <summary>
    /// The next frame off the line. It waits as long as <paramref name="cancellationToken"/> allows: Linux's
    /// SerialStream ignores ReadTimeout for asynchronous reads, so the caller gives the deadline.
    /// </summary>
    public async ValueTask<IndicatorFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_parser.TryTakeFrame(out var frame))
            {
                return frame;
            }

            var count = await _stream.ReadAsync(_readBuffer, cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                throw new IOException("The serial port reached its end: the indicator is gone.");
            }

            _parser.Append(_readBuffer.AsSpan(0, count));
        }
    }

    /// <summary>The next valid frame within the stream's read timeout, as the bindings' TryRead methods do: false when none came.</summary>
    public bool TryReadFrame(out IndicatorFrame frame)
    {
        var examined = 0;
        try
        {
            while (examined < MaxBytesPerSynchronousRead)
            {
                if (_parser.TryTakeFrame(out frame))
                {
                    return true;
                }

                var count = _stream.Read(_readBuffer);
                if (count == 0)
                {
                    break;
                }

                examined += count;
                _parser.Append(_readBuffer.AsSpan(0, count));
            }
        }
        catch (TimeoutException)
        {
            // Nothing valid in time: the caller decides what that means.
        }

        return _parser.TryTakeFrame(out frame);
    }

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
