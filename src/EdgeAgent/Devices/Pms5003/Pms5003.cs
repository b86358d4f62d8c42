namespace Pontive.Iot.EdgeAgent.Devices.Pms5003;

/// <summary>
/// A Plantower PMS5003 particulate sensor on a serial stream (9600 baud, 8N1), written from the data manual in the
/// style of the Iot.Device.Bindings drivers: the device class owns the stream it is given, reads measurements as
/// UnitsNet quantities and offers the sensor's commands. No binding exists for it.
/// </summary>
/// <remarks>
/// Reads on a serial stream must carry their own deadline: Linux's SerialStream ignores ReadTimeout for
/// asynchronous reads, so every asynchronous read here runs against a deadline on the <see cref="TimeProvider"/>.
/// </remarks>
internal sealed class Pms5003 : IDisposable
{
    /// <summary>How long a reading may take, all requests included.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// An answer takes about 35 ms at 9600 baud; one not complete after this was lost or cut short, and the request
    /// is sent again.
    /// </summary>
    public static readonly TimeSpan AnswerTime = TimeSpan.FromSeconds(1);

    /// <summary>Requests per reading in passive mode: a rejected or lost answer is asked for again.</summary>
    public const int MaxRequests = 3;

    /// <summary>Bytes a synchronous read looks through for a frame before giving up: a few frames' worth.</summary>
    private const int MaxBytesPerSynchronousRead = 8 * Pms5003Protocol.DataFrameLength;

    private readonly Stream _stream;
    private readonly TimeProvider _timeProvider;
    private readonly bool _shouldDispose;
    private readonly Pms5003FrameParser _parser = new();
    private readonly byte[] _readBuffer = new byte[2 * Pms5003Protocol.DataFrameLength];

    public Pms5003(Stream stream, TimeProvider? timeProvider = null, bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _shouldDispose = shouldDispose;
    }

    /// <summary>Frames rejected for a bad checksum since the device was opened.</summary>
    public long RejectedFrames => _parser.RejectedFrames;

    /// <summary>Switches between passive (frames on request) and active (frames on its own) mode.</summary>
    public void SetMode(Pms5003Mode mode) => Send(Pms5003Protocol.ChangeMode, (ushort)mode);

    /// <summary>Stops the fan and the laser; the sensor answers nothing until <see cref="WakeUp"/>.</summary>
    public void Sleep() => Send(Pms5003Protocol.SleepSet, 0);

    /// <summary>Starts the fan again. Readings are stable about 30 s later (data manual).</summary>
    public void WakeUp() => Send(Pms5003Protocol.SleepSet, 1);

    /// <summary>In passive mode, asks for one frame.</summary>
    public void RequestReading() => Send(Pms5003Protocol.ReadInPassiveMode, 0);

    /// <summary>
    /// In passive mode: asks for a frame and returns it, asking again when an answer is rejected or does not arrive
    /// within <see cref="AnswerTime"/>, up to <see cref="MaxRequests"/> times. Frames that were already waiting are
    /// old and are dropped. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public ValueTask<Pms5003Measurement> RequestMeasurementAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (_parser.TryTakeMeasurement(out _))
        {
            // Stale: parsed earlier and never asked for.
        }

        return ReadAsync(requests: MaxRequests, timeout, cancellationToken);
    }

    /// <summary>In active mode: the next frame the sensor sends. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public ValueTask<Pms5003Measurement> ReadMeasurementAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        ReadAsync(requests: 0, timeout, cancellationToken);

    /// <summary>
    /// Reads the next valid frame with the stream's own read timeout, as the bindings' TryRead methods do: false when
    /// none came in time. In passive mode, call <see cref="RequestReading"/> first.
    /// </summary>
    public bool TryReadMeasurement(out Pms5003Measurement measurement)
    {
        var examined = 0;
        try
        {
            while (examined < MaxBytesPerSynchronousRead)
            {
                if (_parser.TryTakeMeasurement(out measurement))
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

        return _parser.TryTakeMeasurement(out measurement);
    }

    public void Dispose()
    {
        if (_shouldDispose)
        {
            _stream.Dispose();
        }
    }

    private async ValueTask<Pms5003Measurement> ReadAsync(int requests, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _timeProvider);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            for (var request = 1; ; request++)
            {
                var askAgain = request < requests;
                if (requests > 0)
                {
                    RequestReading();
                }

                // Every request but the last gets AnswerTime; the last one waits until the deadline.
                using var answerTime = askAgain ? new CancellationTokenSource(AnswerTime, _timeProvider) : null;
                using var attempt = askAgain ? CancellationTokenSource.CreateLinkedTokenSource(reading.Token, answerTime!.Token) : null;
                try
                {
                    var measurement = await ReadFrameAsync(askAgain, attempt?.Token ?? reading.Token).ConfigureAwait(false);
                    if (measurement is not null)
                    {
                        return measurement;
                    }
                }
                catch (OperationCanceledException) when (answerTime?.IsCancellationRequested == true && !reading.IsCancellationRequested)
                {
                    // No (complete) answer in time: ask again.
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(requests > 0
                ? $"The PMS5003 sent no valid frame within {timeout.TotalSeconds:0.#} s of {requests} requests ({_parser.RejectedFrames} rejected so far)."
                : $"The PMS5003 sent no valid frame within {timeout.TotalSeconds:0.#} s ({_parser.RejectedFrames} rejected so far).");
        }
    }

    /// <summary>Reads until a valid frame; null when a frame was rejected and <paramref name="stopOnRejection"/> asks to request again.</summary>
    private async ValueTask<Pms5003Measurement?> ReadFrameAsync(bool stopOnRejection, CancellationToken cancellationToken)
    {
        var rejectedBefore = _parser.RejectedFrames;
        while (true)
        {
            if (_parser.TryTakeMeasurement(out var measurement))
            {
                return measurement;
            }

            if (stopOnRejection && _parser.RejectedFrames > rejectedBefore)
            {
                return null;
            }

            var count = await _stream.ReadAsync(_readBuffer, cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                throw new IOException("The serial port reached its end: the device is gone.");
            }

            _parser.Append(_readBuffer.AsSpan(0, count));
        }
    }

    private void Send(byte command, ushort data)
    {
        var frame = Pms5003Protocol.Command(command, data);
        _stream.Write(frame);
        _stream.Flush();
    }
}
