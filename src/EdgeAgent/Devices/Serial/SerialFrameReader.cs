namespace Pontive.Iot.EdgeAgent.Devices.Serial;

/// <summary>
/// Reads one device's frames off its serial stream through the device's parser, however the bytes are cut into
/// reads. The device class owns the stream and composes this reader to read it.
/// </summary>
/// <remarks>
/// The synchronous read relies on the stream's ReadTimeout, as the bindings' TryRead methods do. The asynchronous
/// reads wait as long as their token allows: Linux's SerialStream ignores ReadTimeout for asynchronous reads, so the
/// token must carry a deadline (see <see cref="DeadlineFrameReader{TFrame}"/>).
/// </remarks>
/// <typeparam name="TFrame">What the parser makes of a valid frame.</typeparam>
internal sealed class SerialFrameReader<TFrame>
    where TFrame : class
{
    private readonly Stream _stream;
    private readonly ISerialFrameParser<TFrame> _parser;
    private readonly byte[] _readBuffer;
    private readonly int _maxBytesPerSynchronousRead;
    private readonly string _deviceName;

    /// <param name="stream">The device's stream; the device class owns and disposes it.</param>
    /// <param name="parser">The device's frame parser.</param>
    /// <param name="readBufferLength">Bytes asked of the stream per read: a frame or a few.</param>
    /// <param name="maxBytesPerSynchronousRead">Bytes a synchronous read looks through for a frame before giving up: a few frames' worth.</param>
    /// <param name="deviceName">How messages name the device, e.g. "PMS5003".</param>
    public SerialFrameReader(Stream stream, ISerialFrameParser<TFrame> parser, int readBufferLength, int maxBytesPerSynchronousRead, string deviceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(readBufferLength);
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceName);
        _stream = stream;
        _parser = parser;
        _readBuffer = new byte[readBufferLength];
        _maxBytesPerSynchronousRead = maxBytesPerSynchronousRead;
        _deviceName = deviceName;
    }

    /// <summary>Frames rejected since the device was opened.</summary>
    public long RejectedFrames => _parser.RejectedFrames;

    /// <summary>Drops the frames already parsed: when a reading is asked for, what came before it is old.</summary>
    public void DropParsedFrames()
    {
        while (_parser.TryTakeFrame(out _))
        {
            // Stale: parsed earlier and never asked for.
        }
    }

    /// <summary>The next valid frame within the stream's read timeout: false when none came.</summary>
    public bool TryRead(out TFrame frame)
    {
        var examined = 0;
        try
        {
            while (examined < _maxBytesPerSynchronousRead)
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

    /// <summary>The next valid frame, read for as long as <paramref name="cancellationToken"/> allows.</summary>
    public async ValueTask<TFrame> ReadAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(stopOnRejection: false, cancellationToken).ConfigureAwait(false))!;

    /// <summary>
    /// The next valid frame, or null as soon as a frame is rejected: a device that answers requests is asked again
    /// rather than waited for.
    /// </summary>
    public ValueTask<TFrame?> ReadUnlessRejectedAsync(CancellationToken cancellationToken) =>
        ReadAsync(stopOnRejection: true, cancellationToken);

    private async ValueTask<TFrame?> ReadAsync(bool stopOnRejection, CancellationToken cancellationToken)
    {
        var rejectedBefore = _parser.RejectedFrames;
        while (true)
        {
            if (_parser.TryTakeFrame(out var frame))
            {
                return frame;
            }

            if (stopOnRejection && _parser.RejectedFrames > rejectedBefore)
            {
                return null;
            }

            var count = await _stream.ReadAsync(_readBuffer, cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                throw new IOException($"The serial port reached its end: the {_deviceName} is gone.");
            }

            _parser.Append(_readBuffer.AsSpan(0, count));
        }
    }
}
