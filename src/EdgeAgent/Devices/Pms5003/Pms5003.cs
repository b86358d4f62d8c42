using Pontive.Iot.EdgeAgent.Devices.Serial;

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

    private readonly Stream _stream;
    private readonly bool _shouldDispose;
    private readonly SerialFrameReader<Pms5003Measurement> _frames;
    private readonly DeadlineFrameReader<Pms5003Measurement> _readings;

    public Pms5003(Stream stream, TimeProvider? timeProvider = null, bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _shouldDispose = shouldDispose;
        _frames = new SerialFrameReader<Pms5003Measurement>(
            stream,
            new Pms5003FrameParser(),
            readBufferLength: 2 * Pms5003Protocol.DataFrameLength,
            maxBytesPerSynchronousRead: 8 * Pms5003Protocol.DataFrameLength,
            deviceName: "PMS5003");
        _readings = new DeadlineFrameReader<Pms5003Measurement>(_frames, RequestReading, AnswerTime, timeProvider ?? TimeProvider.System, NoFrameMessage);
    }

    /// <summary>Frames rejected for a bad checksum since the device was opened.</summary>
    public long RejectedFrames => _frames.RejectedFrames;

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
    public ValueTask<Pms5003Measurement> RequestMeasurementAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _readings.RequestAsync(MaxRequests, timeout, cancellationToken);

    /// <summary>In active mode: the next frame the sensor sends. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public ValueTask<Pms5003Measurement> ReadMeasurementAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _readings.ReadAsync(timeout, cancellationToken);

    /// <summary>
    /// Reads the next valid frame with the stream's own read timeout, as the bindings' TryRead methods do: false when
    /// none came in time. In passive mode, call <see cref="RequestReading"/> first.
    /// </summary>
    public bool TryReadMeasurement(out Pms5003Measurement measurement) => _frames.TryRead(out measurement);

    public void Dispose()
    {
        if (_shouldDispose)
        {
            _stream.Dispose();
        }
    }

    private string NoFrameMessage(TimeSpan timeout, int requests) => requests > 0
        ? $"The PMS5003 sent no valid frame within {timeout.TotalSeconds:0.#} s of {requests} requests ({RejectedFrames} rejected so far)."
        : $"The PMS5003 sent no valid frame within {timeout.TotalSeconds:0.#} s ({RejectedFrames} rejected so far).";

    private void Send(byte command, ushort data)
    {
        var frame = Pms5003Protocol.Command(command, data);
        _stream.Write(frame);
        _stream.Flush();
    }
}
